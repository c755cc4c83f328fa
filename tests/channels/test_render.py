"""The shared triage view: order, labels and refusal of unusable payloads."""

from __future__ import annotations

import copy

import pytest

from bot.channels.render import (
    FOLLOW_UP_BUTTONS,
    LEVEL_LABELS,
    TriageRenderError,
    build_view,
    to_plain_text,
    triage_from_custom,
)
from tests.channels.conftest import load_fixture

EMERGENCY = load_fixture("triage_emergency.json")["custom"]["triage"]
SELF_CARE = load_fixture("triage_self_care.json")["custom"]["triage"]


def test_sections_follow_the_contract_order() -> None:
    view = build_view(EMERGENCY)
    assert view.level == "emergency"
    assert view.label == "Emergency: get help now"
    assert view.headline == EMERGENCY["headline"]
    assert [s.key for s in view.sections] == ["reasons", "causes", "self_care", "seek_help_now_if"]
    assert view.sections[0].items[0].text == EMERGENCY["reasons"][0]["because"]
    assert view.sections[0].items[0].source == "Muscle Spasms Common Causes And When To Seek Help"
    assert view.sections[1].items[0].text == "A blood clot in a deep vein (DVT)"
    assert view.sources == tuple(EMERGENCY["sources"])
    assert view.disclaimer == EMERGENCY["disclaimer"]


def test_empty_sections_are_left_out() -> None:
    view = build_view(SELF_CARE)
    assert [s.key for s in view.sections] == ["causes", "self_care", "seek_help_now_if"]


@pytest.mark.parametrize(
    ("level", "label"),
    [
        ("emergency", "Emergency: get help now"),
        ("urgent", "See a doctor today or tomorrow"),
        ("routine", "Book a doctor's appointment"),
        ("self_care", "Look after it at home"),
    ],
)
def test_level_labels(level: str, label: str) -> None:
    triage = {**EMERGENCY, "level": level}
    assert build_view(triage).label == label == LEVEL_LABELS[level]


def test_sources_are_collected_when_the_payload_lists_none() -> None:
    triage = {k: v for k, v in EMERGENCY.items() if k != "sources"}
    assert build_view(triage).sources == ("Muscle Spasms Common Causes And When To Seek Help",)


@pytest.mark.parametrize(
    "broken", [{"level": "critical"}, {"level": None}, {"headline": "  "}, {"headline": None}]
)
def test_unusable_payloads_are_refused_not_guessed(broken: dict) -> None:
    with pytest.raises(TriageRenderError):
        build_view({**EMERGENCY, **broken})


def test_malformed_lists_are_skipped() -> None:
    triage = copy.deepcopy(EMERGENCY)
    triage["reasons"] = ["not a dict", {"because": ""}, {"because": "You told me: swelling.", "source": 3}]
    triage["self_care"] = "not a list"
    view = build_view(triage)
    assert view.sections[0].items == (view.sections[0].items[0],)
    assert view.sections[0].items[0].source is None
    assert "self_care" not in [s.key for s in view.sections]


def test_plain_text_keeps_the_order() -> None:
    text = to_plain_text(build_view(EMERGENCY))
    positions = [
        text.index(marker)
        for marker in (
            "Emergency: get help now",
            EMERGENCY["headline"],
            "Why this advice:",
            "Possible causes:",
            "What you can do now:",
            "Get help straight away if:",
            "Sources:",
            EMERGENCY["disclaimer"],
        )
    ]
    assert positions == sorted(positions)


def test_triage_is_found_only_in_a_custom_payload_that_carries_one() -> None:
    assert triage_from_custom({"triage": EMERGENCY}) is EMERGENCY
    assert triage_from_custom({"blocks": []}) is None
    assert triage_from_custom(None) is None
    assert triage_from_custom({"triage": "text"}) is None


def test_follow_up_buttons_send_plain_text() -> None:
    assert all(not b["payload"].startswith("/") for b in FOLLOW_UP_BUTTONS)
    assert [b["title"] for b in FOLLOW_UP_BUTTONS] == [
        "Why this advice?",
        "Summary for my doctor",
        "Start over",
    ]
