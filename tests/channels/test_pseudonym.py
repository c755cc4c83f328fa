"""Keyed pseudonyms for sender ids, and the shared delivery memory."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.channels import RecentKeys, plain_user_text
from bot.channels.pseudonym import ENV_KEY, Pseudonymizer, PseudonymKeyError, load_key, pseudonymise

KEY = "k" * 32


def test_pseudonym_is_an_hmac_sha256_of_namespace_and_id() -> None:
    expected = hmac.new(KEY.encode(), b"telegram:4242", hashlib.sha256).hexdigest()
    assert Pseudonymizer(KEY.encode())("telegram", 4242) == f"telegram-{expected}"


def test_pseudonyms_are_stable_and_separate_channels() -> None:
    pseudonyms = Pseudonymizer(KEY.encode())
    assert pseudonyms("slack", "U1") == pseudonyms("slack", "U1")
    assert pseudonyms("slack", "42") != pseudonyms("telegram", "42")
    assert Pseudonymizer(("other" * 8).encode())("slack", "U1") != pseudonyms("slack", "U1")


@pytest.mark.parametrize("environ", [{}, {ENV_KEY: ""}, {ENV_KEY: "short"}])
def test_a_missing_or_short_key_is_refused(environ: dict[str, str]) -> None:
    with pytest.raises(PseudonymKeyError, match=ENV_KEY):
        load_key(environ)


def test_the_helper_reads_the_environment() -> None:
    assert pseudonymise("telegram", 1, {ENV_KEY: KEY}) == Pseudonymizer(KEY.encode())("telegram", 1)


def test_recent_keys_remember_a_bounded_number() -> None:
    recent = RecentKeys(max_size=2)
    assert recent.seen_or_add("a") is False
    assert recent.seen_or_add("a") is True
    assert recent.seen_or_add("b", None) is False
    assert recent.seen_or_add("c") is False
    assert len(recent) == 2
    assert recent.seen_or_add("a") is False  # evicted, oldest first


def test_recent_keys_match_any_of_several_keys() -> None:
    recent = RecentKeys()
    assert recent.seen_or_add(("event", "Ev1"), ("message", "C1", "1.0")) is False
    assert recent.seen_or_add(("event", "Ev2"), ("message", "C1", "1.0")) is True


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ('/inform{"body_location": "eyelid"}', 'inform{"body_location": "eyelid"}'),
        ("//restart", "restart"),
        (" hi ", "hi"),
    ],
)
def test_intent_syntax_reaches_nlu_as_words(typed: str, plain: str) -> None:
    assert plain_user_text(typed) == plain
