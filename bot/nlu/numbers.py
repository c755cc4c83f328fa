"""Pure functions turning what people type into the numbers the triage rules compare.

Units of the results (docs/design.md): episode_duration in minutes, ongoing_duration in days,
frequency in episodes per week, severity as mild/moderate/severe, age in years.

Readings that the rules depend on, so written down here:
* "more than N <unit>" is N units plus one step of the result's base unit (one minute for an
  episode, one day for how long it has been going on): "more than 10 minutes" -> 11,
  "more than 2 weeks" -> 15 days. A threshold such as "longer than 10 minutes" must fire.
* "less than a minute" -> half of it; "less than N" (N > 1) -> N - 1 units.
* a range ("2-3 times a week", "5 to 10 minutes") -> its middle.
* seconds and minutes are always one episode; days, weeks, months and years always how long
  it has been going on; hours are an episode unless clearly about the time since it started
  ("for the past 3 hours", "since 2 hours ago", "3 hours ago").

Every finder works on the original text and reports character offsets into it.
"""

from __future__ import annotations

from bot.nlu.number_age import find_ages
from bot.nlu.number_base import (
    AGE,
    EPISODE,
    FREQUENCY,
    ONGOING,
    SEVERITY,
    Finder,
    Quantity,
    Taken,
    claim,
    parse_number,
)
from bot.nlu.number_durations import (
    find_constant,
    find_durations,
    find_ongoing_phrases,
    mask_non_durations,
)
from bot.nlu.number_frequency import find_frequencies
from bot.nlu.number_severity import find_scores, find_severity_words

__all__ = [
    "AGE",
    "EPISODE",
    "FREQUENCY",
    "ONGOING",
    "SEVERITY",
    "Quantity",
    "age_years",
    "episode_minutes",
    "find_quantities",
    "ongoing_days",
    "parse_number",
    "per_week",
    "severity",
]

# Earlier finders claim text first: a score "7/10" is not a date, "28 weeks pregnant" is not
# how long the cramps have lasted, "2-3 times a week" is not "3 ... week".
_FINDERS: tuple[Finder, ...] = (
    find_scores,
    find_ages,
    mask_non_durations,
    find_frequencies,
    find_constant,
    find_durations,
    find_ongoing_phrases,
    find_severity_words,
)


def find_quantities(text: str) -> list[Quantity]:
    """Every number-like mention in `text`, in text order."""
    if not text:
        return []
    taken = Taken(len(text))
    found: list[Quantity] = []
    for finder in _FINDERS:
        found.extend(claim(finder(text, taken), taken))
    return sorted(found, key=lambda q: (q.start, q.end))


def _first(entity: str, text: str) -> float | str | None:
    for quantity in find_quantities(text):
        if quantity.entity == entity:
            return quantity.value
    return None


def episode_minutes(text: str) -> float | None:
    value = _first(EPISODE, text)
    return None if value is None else float(value)


def ongoing_days(text: str) -> float | None:
    value = _first(ONGOING, text)
    return None if value is None else float(value)


def per_week(text: str) -> float | None:
    value = _first(FREQUENCY, text)
    return None if value is None else float(value)


def severity(text: str) -> str | None:
    value = _first(SEVERITY, text)
    return None if value is None else str(value)


def age_years(text: str) -> float | None:
    value = _first(AGE, text)
    return None if value is None else float(value)
