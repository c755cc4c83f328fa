"""The triage result as ordered, channel-neutral sections.

Telegram, Slack and the web widget each turn this view into their own markup; the order and
the wording of the headings are decided once here so the advice reads the same everywhere.
Nothing here escapes text: each renderer escapes for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.triage.knowledge import load_knowledge
from bot.triage.turn import FOLLOW_UP_BUTTONS  # noqa: F401 (the channels' default buttons)


def level_labels() -> dict[str, str]:
    """Each level's label, as the knowledge words it (bot/knowledge/rules.yml, `levels`)."""
    return {level_id: level.label for level_id, level in load_knowledge().levels.items()}


LEVEL_ICONS: dict[str, str] = {
    "emergency": "\N{POLICE CARS REVOLVING LIGHT}",
    "urgent": "\N{WARNING SIGN}\N{VARIATION SELECTOR-16}",
    "routine": "\N{STETHOSCOPE}",
    "self_care": "\N{HOUSE BUILDING}",
}

# (contract key, heading) in the order the person should read them.
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    ("reasons", "Why this advice"),
    ("causes", "Possible causes"),
    ("self_care", "What you can do now"),
    ("seek_help_now_if", "Get help straight away if"),
)


class TriageRenderError(ValueError):
    """The payload is not a usable triage object; callers fall back to the plain text."""


@dataclass(frozen=True)
class Item:
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class TriageView:
    level: str
    label: str
    icon: str
    headline: str
    sections: tuple[Section, ...]  # only the non-empty ones, in SECTION_HEADINGS order
    sources: tuple[str, ...]
    disclaimer: str
    # source title -> https address to read it (only the sources that have one)
    source_links: Mapping[str, str] = field(default_factory=dict)


def triage_from_custom(custom: Any) -> Mapping[str, Any] | None:
    """The `triage` object of a bot message's custom payload, if it carries one."""
    if isinstance(custom, Mapping) and isinstance(custom.get("triage"), Mapping):
        return custom["triage"]
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _source(value: Any) -> str | None:
    return _text(value) or None


def _records(value: Any) -> Iterable[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _items(triage: Mapping[str, Any], key: str) -> tuple[Item, ...]:
    if key == "reasons":
        found = [Item(_text(r.get("because")), _source(r.get("source"))) for r in _records(triage.get(key))]
    elif key == "causes":
        found = [Item(_text(c.get("title")), _source(c.get("source"))) for c in _records(triage.get(key))]
    else:
        raw = triage.get(key)
        found = [Item(_text(t)) for t in raw] if isinstance(raw, list) else []
    return tuple(item for item in found if item.text)


def _source_links(triage: Mapping[str, Any], sources: Iterable[str]) -> dict[str, str]:
    links = triage.get("source_links")
    if not isinstance(links, Mapping):
        return {}
    return {s: links[s] for s in sources if isinstance(links.get(s), str) and links[s].startswith("https://")}


def _sources(triage: Mapping[str, Any], sections: Iterable[Section]) -> tuple[str, ...]:
    listed = triage.get("sources")
    if isinstance(listed, list) and listed:
        names = [_text(s) for s in listed]
    else:
        names = [item.source or "" for section in sections for item in section.items]
    return tuple(dict.fromkeys(n for n in names if n))


def build_view(triage: Mapping[str, Any]) -> TriageView:
    """Orders a contract `triage` object into sections; raises TriageRenderError if unusable."""
    level = triage.get("level")
    labels = level_labels()
    if level not in labels:
        # Guessing a level for medical advice is worse than showing the plain text.
        raise TriageRenderError(f"unknown triage level {level!r}")
    headline = _text(triage.get("headline"))
    if not headline:
        raise TriageRenderError("triage result without a headline")
    sections = tuple(
        Section(key, heading, items) for key, heading in SECTION_HEADINGS if (items := _items(triage, key))
    )
    return TriageView(
        level=level,
        label=_text(triage.get("label")) or labels[level],
        icon=LEVEL_ICONS[level],
        headline=headline,
        sections=sections,
        sources=(sources := _sources(triage, sections)),
        source_links=_source_links(triage, sources),
        disclaimer=_text(triage.get("disclaimer")),
    )


def to_plain_text(view: TriageView) -> str:
    """A text-only rendering in the same order, for channels and logs without markup."""
    lines = [f"{view.icon} {view.label}", view.headline]
    for section in view.sections:
        lines += ["", f"{section.heading}:"]
        lines += [f"- {item.text}" for item in section.items]
    if view.sources:
        lines += ["", "Sources:"] + [f"- {source}" for source in view.sources]
    if view.disclaimer:
        lines += ["", view.disclaimer]
    return "\n".join(lines)


@dataclass(frozen=True)
class Checklist:
    """A question whose options can be ticked together: its text without the listed options, the
    options (each listed as "- option" in the text and offered as a button), and the other buttons
    ("None of these", "I'm not sure"). The widget's script applies the same reading."""

    question: str
    choices: tuple[Mapping[str, Any], ...]
    others: tuple[Mapping[str, Any], ...]


def checklist_of(text: str, buttons: Sequence[Mapping[str, Any]]) -> Checklist | None:
    listed = [line[2:].strip() for line in text.split("\n") if line.startswith("- ")]
    choices = tuple(b for b in buttons if str(b.get("title", "")) in listed)
    if len(choices) < 2:
        return None
    question = "\n".join(line for line in text.split("\n") if not line.startswith("- ")).strip()
    return Checklist(question, choices, tuple(b for b in buttons if b not in choices))


# What ticked options are sent as: one message the extractor reads as several answers.
CHOICES_JOINER = "; "
