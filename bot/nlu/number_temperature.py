"""Body temperature: "temp of 40.1", "fever 39.4 C", "temperature 103F" as fever findings."""

from __future__ import annotations

import re
from collections.abc import Iterator

FEVER = "fever"
VERY_HIGH_FEVER = "very_high_fever"
FEVER_FROM_C = 38.0
VERY_HIGH_FROM_C = 40.0

# Only a number that follows a temperature word: "34 degrees" on its own is the weather.
_TEMPERATURE = re.compile(
    r"\b(?:temp|temps|temperature|fever|thermometer)\b[^\d.!?\n]{0,25}?"
    r"(?P<n>\d{2,3}(?:[.,]\d{1,2})?)\s*(?:°|º|degrees?|deg)?\s*(?P<unit>[cf]\b)?",
    re.IGNORECASE,
)


def _celsius(value: float, unit: str | None) -> float | None:
    if (unit or "").lower() == "f" or value > 50:
        value = (value - 32) * 5 / 9
    return value if 30 <= value <= 45 else None


def find_fevers(text: str) -> Iterator[tuple[str, int, int]]:
    """(finding id, start, end) for each body temperature high enough to be a fever."""
    for match in _TEMPERATURE.finditer(text):
        celsius = _celsius(float(match["n"].replace(",", ".")), match["unit"])
        if celsius is None or celsius < FEVER_FROM_C:
            continue
        finding = VERY_HIGH_FEVER if celsius >= VERY_HIGH_FROM_C else FEVER
        yield finding, match.start("n"), match.end()
