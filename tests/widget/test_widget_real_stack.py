"""The widget in headless Chromium against the real Charley servers (trained model, actions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.triage.knowledge import load_knowledge
from harness.conversation import DEFAULT_ANSWERS

from .driver import WidgetDriver

pytestmark = [pytest.mark.stack, pytest.mark.browser]
DESCRIPTION = "my calf keeps seizing up at night since I started a water pill, no swelling"


def _pending_question(driver: WidgetDriver) -> Any:
    bubbles = driver.page.locator(".cw-row-bot .cw-bubble")
    last = bubbles.nth(bubbles.count() - 1).inner_text() if bubbles.count() else ""
    return next(
        (
            q
            for q in load_knowledge().questions
            if last.startswith(q.text) or (q.together_text and last.startswith(q.together_text))
        ),
        None,
    )


def test_a_person_reaches_advice_in_the_widget_and_keeps_it_after_reload(
    charley, new_page, artifacts_dir: Path
) -> None:
    driver = WidgetDriver(new_page(), charley.url)
    driver.goto_demo()
    driver.open()
    driver.send(DESCRIPTION)
    asked: list[str] = []
    for turn in range(12):
        driver.page.wait_for_function(
            "() => { const r = document.getElementById('charley-widget').shadowRoot;"
            " return r.querySelector('.cw-card') || r.querySelectorAll('.cw-reply').length > 0; }",
            timeout=15_000,
        )
        if driver.cards.count():
            break
        question = _pending_question(driver)
        assert question is not None and question.id not in asked, (question, asked)
        asked.append(question.id)
        if question.id == "accompanying_symptoms":  # "no swelling" was said: not asked again
            offered = driver.page.locator(".cw-checklist").last.inner_text()
            assert "numbness" in offered and "swelling" not in offered
        answer = DEFAULT_ANSWERS[question.id]
        if turn % 2 == 0 and driver.quick_reply(answer).count():
            driver.click_quick_reply(answer)  # by button
        else:
            driver.send(answer)  # by typing
        driver.user_bubble(answer).last.wait_for()
    card = driver.wait_for_card()
    before = driver.transcript()  # as it first shows, sections folded
    assert card.get_attribute("data-level") == "routine"  # a water pill: ask the doctor about it
    text = driver.open_card_sections(card)
    assert "Book a doctor's appointment" in text and load_knowledge().disclaimer in text
    assert "Muscle Spasms Common Causes And When To Seek Help" in text
    assert "accompanying_symptoms" in asked
    driver.page.screenshot(path=str(artifacts_dir / "widget-real-stack-card.png"))

    driver.reload()
    driver.panel.wait_for(state="visible")
    assert driver.transcript() == before
    driver.send("why this advice?")
    driver.wait_for_bot_text("Here is what my advice is based on", timeout=15_000)
