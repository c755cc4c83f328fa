"""The shared triage view: order, labels and refusal of unusable payloads."""

from __future__ import annotations

import copy

import pytest

from bot.channels.render import (
    FOLLOW_UP_BUTTONS,
    TriageRenderError,
    build_view,
    to_plain_text,
    triage_from_custom,
)
from bot.triage.knowledge import load_knowledge
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


@pytest.mark.parametrize("level", ["emergency", "urgent", "routine", "self_care"])
def test_each_level_is_labelled_as_the_knowledge_words_it(level: str) -> None:
    triage = {k: v for k, v in {**EMERGENCY, "level": level}.items() if k != "label"}
    assert build_view(triage).label == load_knowledge().levels[level].label


def test_the_label_sent_with_the_result_is_the_one_shown() -> None:
    assert build_view({**EMERGENCY, "label": "Emergency: act now"}).label == "Emergency: act now"


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


def _with_links(links: dict) -> dict:
    return {**EMERGENCY, "source_links": links}


def test_every_article_of_a_real_result_links_to_where_it_can_be_read() -> None:
    from bot.triage.case import Case
    from bot.triage.engine import assess
    from bot.triage.render import triage_payload

    case = Case(location="calf")
    payload = triage_payload(case, assess(case))
    articles = [s for s in payload["sources"] if load_knowledge().source_kinds[s] == "article"]
    assert articles and set(payload["source_links"]) == set(articles)
    assert all(url.startswith("https://") for url in payload["source_links"].values())
    assert "General clinical safety practice (not from the source articles)" not in payload["source_links"]


def test_sources_are_links_in_telegram_and_slack_and_only_https_ones() -> None:
    from bot.channels.slack import triage_blocks
    from bot.channels.telegram import triage_html

    title = "Muscle Spasms Common Causes And When To Seek Help"
    view = build_view(_with_links({title: "https://example.org/a?b=1&c=2", "Other": "javascript:alert(1)"}))
    assert view.source_links == {title: "https://example.org/a?b=1&c=2"}
    html = "\n".join(triage_html(view))
    assert f'<a href="https://example.org/a?b=1&amp;c=2">{title}</a>' in html
    slack = "\n".join(b["text"]["text"] for b in triage_blocks(view, []) if b["type"] == "section")
    assert f"<https://example.org/a?b=1&amp;c=2|{title}>" in slack
    assert "javascript" not in html + slack
