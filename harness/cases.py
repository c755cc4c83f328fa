"""Reading one message the way a conversation turn does, for the language and triage tests:
the roles the extractor gives a concept, and the case a message leaves behind."""

from __future__ import annotations

from bot.nlu.extractor import extract
from bot.triage.case import Case, Mention, update_case


def roles(text: str, value: str) -> set[str | None]:
    """Every role the extractor gives `value` in `text` ("present", "negated", ...)."""
    return {m.role for m in extract(text) if m.value == value}


def values(text: str, entity: str) -> list:
    """The values of every `entity` mention in `text`, in order."""
    return [m.value for m in extract(text) if m.entity == entity]


def case_after(
    text: str, asked: str | None = None, before: Case | None = None, intent: str = "describe_spasm"
) -> Case:
    """The case after `text`, sent in reply to the question `asked` (or to none)."""
    mentions = [Mention(m.entity, m.value, m.role, m.text) for m in extract(text)]
    return update_case(before or Case(), mentions, intent=intent, asked=asked, text=text)
