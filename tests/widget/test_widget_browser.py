"""The widget in a real headless Chromium against a real Rasa HTTP app (stand-in agent)."""

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from playwright.sync_api import expect

from .conftest import EMERGENCY_NUMBER
from .driver import (
    EMERGENCY_NOTE,
    LEVEL_LABELS,
    WidgetDriver,
    normalise_space,
    run_to_triage,
)
from .stand_in_server import (
    FIRST_BUTTONS,
    FIRST_QUESTION,
    FIXTURES,
    FOLLOW_UP,
    SECOND_QUESTION,
    TRIAGE,
    TRIAGE_TEXT,
)

pytestmark = pytest.mark.browser

DESCRIPTION = "I keep getting cramps in my left calf and it is swollen and warm"
BUTTON = FIRST_BUTTONS[0]
TYPED_ANSWER = "42"
XSS = "<img src=x onerror=alert(1)>"


def _to_triage(widget: WidgetDriver) -> Any:
    return run_to_triage(widget, DESCRIPTION, BUTTON["title"], TYPED_ANSWER, FIRST_QUESTION, SECOND_QUESTION)


def _sources() -> List[str]:
    titles = [r["source"] for r in TRIAGE["reasons"]] + [c["source"] for c in TRIAGE["causes"]]
    return list(dict.fromkeys(titles))


def test_conversation_shows_triage_card_and_survives_reload(
    widget: WidgetDriver,
    received: Callable[[], List[Dict[str, Any]]],
    artifacts_dir: Path,
) -> None:
    widget.goto_demo()
    widget.open()
    widget.send(DESCRIPTION)
    # The stand-in agent answers after 0.4 s: the typing indicator shows meanwhile.
    widget.typing.wait_for(state="visible")
    widget.wait_for_bot_text(FIRST_QUESTION)
    assert widget.typing.is_hidden()
    for button in FIRST_BUTTONS:
        assert widget.quick_reply(button["title"]).is_visible()

    widget.click_quick_reply(BUTTON["title"])
    widget.user_bubble(BUTTON["title"]).wait_for()
    widget.wait_for_bot_text(SECOND_QUESTION)
    assert widget.replies.count() == 0  # answered buttons are gone

    widget.send(TYPED_ANSWER)
    card = widget.wait_for_card()
    before = widget.transcript()  # as it first shows, sections folded
    card_text = widget.open_card_sections(card)
    assert LEVEL_LABELS["urgent"] in card_text
    assert card.get_attribute("data-level") == "urgent"
    for visible in [TRIAGE["headline"], TRIAGE["disclaimer"], *_sources()]:
        assert card.get_by_text(visible, exact=True).is_visible(), visible
    for cause in TRIAGE["causes"]:
        assert cause["title"] in card_text
    link = card.get_by_role("link", name="What Causes Muscle Spasms?")
    assert link.get_attribute("href") == "https://example.org/what-causes-muscle-spasms"
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    assert card.get_by_role("link", name="Muscle Spasms Common Causes And When To Seek Help").count() == 0
    for item in TRIAGE["self_care"] + TRIAGE["seek_help_now_if"]:
        assert item in card_text
    # the headline comes right after the level, before anything else
    assert card_text.index(LEVEL_LABELS["urgent"]) < card_text.index(TRIAGE["headline"])
    assert card_text.index(TRIAGE["headline"]) < card_text.index("What to do now")
    assert card_text.index("What to do now") < card_text.index("What might be causing it")
    # the plain-text rendering of the same advice is not shown as well
    assert widget.bot_bubble(TRIAGE_TEXT.split("\n\n")[1]).count() == 0
    assert widget.footer.inner_text() == EMERGENCY_NOTE
    widget.page.screenshot(path=str(artifacts_dir / "widget-triage-card.png"))
    widget.log.evaluate("(log) => { log.scrollTop = log.scrollHeight; }")
    widget.page.screenshot(path=str(artifacts_dir / "widget-triage-card-end.png"))

    got = received()
    assert [m["text"] for m in got[-3:]] == [DESCRIPTION, BUTTON["payload"], TYPED_ANSWER]
    session_id = widget.session_id()
    assert session_id and all(m["sender_id"] == f"widget-{session_id}" for m in got[-3:])
    assert all(m["input_channel"] == "socketio" for m in got[-3:])

    widget.reload()
    widget.panel.wait_for(state="visible")  # was open before the reload
    assert widget.transcript() == before
    assert widget.session_id() == session_id
    assert widget.cards.count() == 1
    widget.send("thank you")
    widget.wait_for_bot_text(FOLLOW_UP)
    last = received()[-1]
    assert last == {"sender_id": f"widget-{session_id}", "text": "thank you", "input_channel": "socketio"}


def test_markup_is_shown_as_literal_text(
    widget: WidgetDriver, received: Callable[[], List[Dict[str, Any]]]
) -> None:
    dialogs: List[str] = []
    widget.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    widget.goto_demo()
    widget.open()
    widget.send(XSS)
    echo = widget.wait_for_bot_text("You wrote:")
    assert echo.text_content() == f"You wrote: {XSS}"
    assert widget.user_bubble(XSS).text_content() == XSS
    assert widget.quick_reply(XSS).text_content() == XSS
    assert widget.count_in_widget("img") == 0
    assert received()[-1]["text"] == XSS

    # Markup planted in the stored transcript is rendered as text too.
    widget.page.evaluate(
        """(xss) => {
          const key = Object.keys(localStorage).find((k) => k.endsWith(':transcript'));
          const saved = JSON.parse(localStorage.getItem(key));
          saved.entries.push({from: 'bot', triage: {level: '<b>x</b>', headline: xss,
            causes: [{title: xss, source: xss}], self_care: [xss], disclaimer: xss}});
          localStorage.setItem(key, JSON.stringify(saved));
        }""",
        XSS,
    )
    widget.reload()
    widget.open()
    card = widget.wait_for_card()
    assert card.get_by_text(XSS, exact=True).first.is_visible()
    assert "Advice" in card.inner_text()  # unknown level: neutral label
    assert widget.count_in_widget("img, b") == 0
    widget.page.wait_for_timeout(200)
    assert dialogs == []


def test_keyboard_only(widget: WidgetDriver) -> None:
    widget.goto_demo()
    kb = widget.page.keyboard

    widget.tab_until(lambda el: "cw-launcher" in el["className"])
    kb.press("Enter")
    widget.panel.wait_for(state="visible")
    assert widget.focused()["id"] == "cw-input"
    assert widget.launcher.get_attribute("aria-expanded") == "true"

    kb.type(DESCRIPTION)
    kb.press("Enter")
    widget.quick_reply(BUTTON["title"]).wait_for()
    widget.wait_for_bot_text(FIRST_QUESTION)
    focused = widget.tab_until(lambda el: "cw-reply" in el["className"])
    assert focused["text"] == FIRST_BUTTONS[0]["title"]
    kb.press("Enter")
    widget.user_bubble(BUTTON["title"]).wait_for()
    assert widget.focused()["id"] == "cw-input"  # focus does not get lost with the buttons

    widget.wait_for_bot_text(SECOND_QUESTION)
    kb.type(TYPED_ANSWER)
    kb.press("Enter")
    widget.wait_for_card()

    kb.press("Escape")
    widget.panel.wait_for(state="hidden")
    assert "cw-launcher" in widget.focused()["className"]
    assert widget.launcher.get_attribute("aria-expanded") == "false"
    kb.press("Enter")
    widget.panel.wait_for(state="visible")
    assert widget.focused()["id"] == "cw-input"

    # the close button is reachable and labelled
    closer = widget.tab_until(lambda el: el["label"] == "Close chat")
    assert closer["tag"] == "button"
    kb.press("Enter")
    widget.panel.wait_for(state="hidden")


def test_accessibility_semantics_and_contrast(widget: WidgetDriver) -> None:
    widget.goto_demo()
    assert widget.launcher.get_attribute("aria-controls") == "cw-panel"
    _to_triage(widget)
    page = widget.page
    assert page.get_by_role("dialog", name="Charley").is_visible()
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert page.get_by_role("textbox", name="Message to Charley").is_visible()
    assert page.get_by_role("button", name="Send").is_visible()
    assert page.get_by_role("button", name="Close chat").is_visible()
    assert page.get_by_role("article").get_by_role("heading", level=3).is_visible()
    failures = widget.contrast_failures()
    assert failures == [], failures


def test_only_own_origin_csp_and_download_size(
    widget: WidgetDriver, widget_server: str, artifacts_dir: Path
) -> None:
    from .driver import NetworkLog

    network = NetworkLog().attach(widget.page)
    response = widget.goto_demo()
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    widget.page.wait_for_load_state("networkidle")
    page_bytes, _ = network.downloaded_bytes()

    widget.open()
    widget.send(DESCRIPTION)
    widget.wait_for_bot_text(FIRST_QUESTION)
    total_bytes, rows = network.downloaded_bytes()

    for _ in range(50):  # the upgrade to WebSocket follows the polling handshake
        if network.websockets:
            break
        widget.page.wait_for_timeout(100)
    assert network.websockets, "the widget should upgrade to a WebSocket"
    assert network.foreign_urls(widget_server) == []
    assert widget.page.evaluate("typeof window.io") == "undefined"  # no global left behind
    assert not [e for e in network.console_errors if "Content Security Policy" in e]
    assert not [e for e in network.console_errors if "Content-Security-Policy" in e]

    report = {
        "demo_page_before_opening_chat_bytes": page_bytes,
        "after_opening_chat_and_first_reply_bytes": total_bytes,
        "responses": [{"url": url, "bytes": size} for url, size in rows],
    }
    (artifacts_dir / "widget-download-size.json").write_text(json.dumps(report, indent=2))
    print(
        f"\nwidget download size: demo page {page_bytes} bytes before opening the chat, "
        f"{total_bytes} bytes after opening it and getting a reply "
        f"({len(rows)} responses)"
    )
    assert total_bytes < 60_000  # a budget: gzip keeps it small


def test_mobile_360x640(new_page: Callable[..., Any], widget_server: str, artifacts_dir: Path) -> None:
    page = new_page(360, 640, is_mobile=True, has_touch=True)
    widget = WidgetDriver(page, widget_server)
    widget.goto_demo()
    widget.launcher.click()
    widget.panel.wait_for(state="visible")
    box = widget.panel.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 640
    assert box["width"] >= 350  # takes the screen on a phone
    for part in (widget.input, widget.send_button, widget.close_button, widget.footer):
        part_box = part.bounding_box()
        assert part.is_visible()
        assert part_box["x"] >= 0 and part_box["x"] + part_box["width"] <= 360
        assert part_box["y"] >= 0 and part_box["y"] + part_box["height"] <= 640
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    widget.send(DESCRIPTION)
    widget.wait_for_bot_text(FIRST_QUESTION)
    widget.click_quick_reply(BUTTON["title"])
    widget.wait_for_bot_text(SECOND_QUESTION)
    widget.send(TYPED_ANSWER)
    card = widget.wait_for_card()
    card_box = card.bounding_box()
    assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= 360
    assert card.get_by_text(TRIAGE["headline"]).is_visible()
    page.screenshot(path=str(artifacts_dir / "widget-mobile-360x640.png"))
    widget.close()
    assert widget.launcher.is_visible()


def test_every_level_has_its_label_and_colour(widget: WidgetDriver) -> None:
    widget.goto_demo()
    widget.open()
    colours = {}
    for count, (level, label) in enumerate(LEVEL_LABELS.items(), start=1):
        widget.send(f"show level {level}")
        widget.page.wait_for_function(
            "(n) => document.getElementById('charley-widget').shadowRoot"
            ".querySelectorAll('.cw-card').length >= n",
            arg=count,
        )
        card = widget.cards.last
        badge = card.locator(".cw-badge")
        assert normalise_space(badge.inner_text()) == f"Advice: {label}"  # sr-only prefix
        assert card.get_attribute("data-level") == level
        colours[level] = badge.evaluate("(b) => getComputedStyle(b).backgroundColor")
    assert len(set(colours.values())) == 4, colours
    assert widget.contrast_failures() == []


FIXTURE_FILES = sorted(FIXTURES.glob("triage_*.json")) if FIXTURES.is_dir() else []


@pytest.mark.skipif(not FIXTURE_FILES, reason=f"no recorded triage messages in {FIXTURES}")
def test_recorded_triage_messages_render_as_cards(widget: WidgetDriver) -> None:
    """The channel tests' recorded bot messages (text + custom) show as one card each."""
    widget.goto_demo()
    widget.open()
    for count, path in enumerate(FIXTURE_FILES, start=1):
        message = json.loads(path.read_text())
        triage = message["custom"]["triage"]
        widget.send(f"show fixture {path.stem}")
        widget.page.wait_for_function(
            "(n) => document.getElementById('charley-widget').shadowRoot"
            ".querySelectorAll('.cw-card').length >= n",
            arg=count,
        )
        card_text = widget.open_card_sections(widget.cards.last)
        assert LEVEL_LABELS[triage["level"]] in card_text, path.name
        assert normalise_space(triage["headline"]) in card_text
        assert normalise_space(triage["disclaimer"]) in card_text
        for source in {r["source"] for r in triage.get("reasons", [])}:
            assert source in card_text
    # the plain-text renderings never appear as bubbles next to the cards
    assert [e for e in widget.transcript() if e["who"] == "bot" and not e["card"]] == []


def test_start_over_clears_transcript_and_session(
    widget: WidgetDriver, received: Callable[[], List[Dict[str, Any]]]
) -> None:
    widget.goto_demo()
    widget.open()
    widget.send(DESCRIPTION)
    widget.wait_for_bot_text(FIRST_QUESTION)
    first_session = widget.session_id()
    before = widget.transcript()
    # it asks first; Cancel keeps everything
    widget.page.get_by_role("button", name="Start a new conversation").click()
    widget.page.get_by_role("button", name="Cancel").click()
    assert widget.transcript() == before and widget.session_id() == first_session
    widget.page.get_by_role("button", name="Start a new conversation").click()
    widget.page.get_by_role("button", name="Yes, start over").click()
    assert widget.transcript() == []
    assert widget.focused()["id"] == "cw-input"
    widget.send("hello again")
    widget.wait_for_bot_text(FIRST_QUESTION)  # a new conversation starts from the top
    second_session = widget.session_id()
    assert second_session and second_session != first_session
    assert received()[-1] == {
        "sender_id": f"widget-{second_session}",
        "text": "hello again",
        "input_channel": "socketio",
    }
    widget.reload()
    assert [e["text"] for e in widget.transcript() if e["who"] == "user"] == ["hello again"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_emergency_screen_leads_with_a_call_button_in_view(
    new_page: Callable[..., Any], widget_server: str, artifacts_dir: Path, width: int, height: int
) -> None:
    triage = json.loads((FIXTURES / "triage_emergency.json").read_text())["custom"]["triage"]
    widget = WidgetDriver(new_page(width=width, height=height), widget_server)
    widget.goto_demo()
    widget.open()
    widget.send("show fixture triage_emergency")
    card = widget.wait_for_card()
    call = card.locator(".cw-call")
    assert call.get_attribute("href") == f"tel:{EMERGENCY_NUMBER}"
    assert normalise_space(call.inner_text()) == f"Call {EMERGENCY_NUMBER} now"
    # seen without scrolling, whole, at desktop and phone sizes
    expect(call).to_be_in_viewport(ratio=1.0)
    waiting = normalise_space(card.locator(".cw-call-now").inner_text())
    assert triage["do_now"] and all(normalise_space(step) in waiting for step in triage["do_now"])
    # what to do while waiting is said once, in the emergency block, not again among the self-care
    self_care = (
        normalise_space(card.locator(".cw-self-care").inner_text())
        if card.locator(".cw-self-care").count()
        else ""
    )
    assert not any(normalise_space(step) in self_care for step in triage["do_now"])
    widget.page.screenshot(path=str(artifacts_dir / f"emergency-screen-{width}x{height}.png"))


def test_a_card_below_emergency_has_no_call_button(widget: WidgetDriver) -> None:
    widget.goto_demo()
    widget.open()
    widget.send("show fixture triage_self_care")
    card = widget.wait_for_card()
    assert card.locator(".cw-call").count() == 0


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_warning_signs_are_ticked_together_with_none_and_not_sure_kept(
    new_page: Callable[..., Any],
    widget_server: str,
    received: Callable[[], List[Dict[str, Any]]],
    artifacts_dir: Path,
    width: int,
    height: int,
) -> None:
    widget = WidgetDriver(new_page(width=width, height=height), widget_server)
    widget.goto_demo()
    widget.open()
    widget.send("show checklist")
    checklist = widget.page.locator(".cw-checklist")
    checklist.wait_for()
    labels = [normalise_space(t) for t in checklist.locator(".cw-choice").all_inner_texts()]
    assert "numbness or tingling" in labels and len(labels) >= 10
    # every option is there: none dropped, "None of these" and "I'm not sure" as their own buttons
    for title in ("None of these", "I'm not sure"):
        expect(widget.quick_reply(title)).to_be_visible()
    done = widget.page.locator(".cw-done")
    expect(done).to_be_disabled()
    # the question is not pushed off screen by its options, and the list is not said twice
    question = widget.page.locator(".cw-row-bot .cw-bubble").last
    assert "numbness" not in question.inner_text()
    widget.page.screenshot(path=str(artifacts_dir / f"checklist-{width}x{height}.png"))
    widget.page.get_by_label("numbness or tingling").check()
    widget.page.get_by_label("weakness in the hands, feet or limbs").check()
    done.click()
    sent = "numbness or tingling; weakness in the hands, feet or limbs"
    widget.user_bubble(sent).wait_for()
    widget.page.wait_for_function(
        "(t) => fetch('/test/received').then(r => r.json()).then(a => a.some(m => m.text === t))", arg=sent
    )
    assert received()[-1]["text"] == sent


def test_after_a_reload_the_view_opens_on_the_latest_message(
    new_page: Callable[..., Any], widget_server: str, artifacts_dir: Path
) -> None:
    widget = WidgetDriver(new_page(width=390, height=844), widget_server)
    widget.goto_demo()
    widget.open()
    for _ in range(4):  # a transcript longer than the screen, then a result card
        widget.send("show checklist")
        widget.page.locator(".cw-checklist").wait_for()
    widget.send("show fixture triage_emergency")
    widget.wait_for_card()
    widget.page.reload(wait_until="load")  # at phone size the open panel covers the launcher
    widget.panel.wait_for(state="visible")
    card = widget.cards.last
    expect(card.locator(".cw-badge")).to_be_in_viewport()
    expect(card.locator(".cw-call")).to_be_in_viewport()
    widget.page.screenshot(path=str(artifacts_dir / "after-reload-390x844.png"))


@pytest.mark.parametrize("level", ["self_care", "routine", "urgent"])
def test_a_result_card_leads_with_the_headline_and_top_actions_in_view_on_a_phone(
    new_page: Callable[..., Any], widget_server: str, artifacts_dir: Path, level: str
) -> None:
    widget = WidgetDriver(new_page(width=390, height=844), widget_server)
    widget.goto_demo()
    widget.open()
    widget.send(f"show level {level}")
    card = widget.wait_for_card()
    for part in (".cw-badge", ".cw-headline", ".cw-top-actions"):
        expect(card.locator(part)).to_be_in_viewport(ratio=1.0)
    top = card.locator(".cw-top-actions li").all_inner_texts()
    assert [normalise_space(t) for t in top] == [normalise_space(t) for t in TRIAGE["self_care"][:3]]
    # the rest is one tap away: folded, and there when opened
    why = card.locator(".cw-why")
    assert why.count() == 1 and why.get_attribute("open") is None
    why.locator("summary").click()
    assert all(
        normalise_space(r["because"]) in normalise_space(why.inner_text())
        for r in TRIAGE["reasons"]
        if r.get("because")
    )
    widget.page.screenshot(path=str(artifacts_dir / f"result-card-{level}-390x844.png"))


def test_the_clinician_summary_can_be_copied_and_downloaded(
    new_page: Callable[..., Any], widget_server: str, artifacts_dir: Path
) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    widget = WidgetDriver(page, widget_server)
    widget.goto_demo()
    widget.open()
    widget.send("show summary")
    summary = page.locator(".cw-summary")
    summary.wait_for()
    text = summary.locator(".cw-summary-text").inner_text()
    assert text.startswith("Summary for a clinician") and "calf" in text
    assert (
        page.locator(".cw-row-bot .cw-bubble", has_text="Summary for a clinician").count() == 0
    )  # shown once
    summary.get_by_role("button", name="Copy").click()
    expect(summary.locator(".cw-summary-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == text
    with page.expect_download() as download:
        summary.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "charley-summary.txt"
    assert Path(download.value.path()).read_text(encoding="utf-8").strip() == text.strip()
    expect(summary.get_by_role("button", name="Print")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "clinician-summary-1280x800.png"))
