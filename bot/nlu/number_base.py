"""Shared pieces of the number finders: number words, the result type, claimed text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

EPISODE = "episode_duration"
ONGOING = "ongoing_duration"
FREQUENCY = "frequency"
SEVERITY = "severity"
AGE = "age"

CONSTANT_MINUTES = 1440.0
# An answer that was given but says no number ("every time I run", "stiff all day, grabs when I
# turn"): the question is answered, its value not known. The same word the case uses.
UNKNOWN = "unknown"
SINGLE_EPISODE_PER_WEEK = 0.1
OCCASIONAL_PER_WEEK = 0.5
RARE_PER_WEEK = 0.25

FLAGS = re.IGNORECASE

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
_WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
_VAGUE_VALUES = {
    "a couple of": 2.0, "a couple": 2.0, "couple of": 2.0, "couple": 2.0, "a few": 3.0,
    "few": 3.0, "several": 3.0, "a dozen": 12.0, "dozen": 12.0, "many": 5.0, "multiple": 3.0,
    "a number of": 3.0, "a handful of": 3.0, "some": 3.0, "a": 1.0, "an": 1.0, "one": 1.0,
}  # fmt: skip

WORDNUM = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(reversed(_SMALL))})"
VAGUE = r"(?:a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|several|a\s+dozen|a\s+handful\s+of|many|multiple|a\s+number\s+of)"
NUM = rf"(?:\d+(?:\.\d+)?|{VAGUE}|{WORDNUM}|an?)"
NUM_STRICT = rf"(?:\d+(?:\.\d+)?|{VAGUE}|{WORDNUM})"


def parse_number(text: str) -> float | None:
    """'3' -> 3, 'twenty-five' -> 25, 'a couple of' -> 2, 'a' -> 1; None if not a number."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower().replace("-", " "))
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        pass
    if cleaned in _VAGUE_VALUES:
        return _VAGUE_VALUES[cleaned]
    parts = cleaned.split(" ")
    if all(p in _WORD_VALUES for p in parts) and 1 <= len(parts) <= 2:
        if len(parts) == 2 and not (parts[0] in _TENS and 0 < _WORD_VALUES[parts[1]] < 10):
            return None
        return sum(_WORD_VALUES[p] for p in parts)
    return None


@dataclass(frozen=True)
class Quantity:
    entity: str
    value: float | str
    start: int
    end: int
    # "now and again", "not often", "comes and goes" only hint at how often; a count ("twice a
    # week", "most nights") says it, so a count in the same message wins
    hint: bool = False


class Taken:
    """Character ranges already explained, so "2-3 times a week" is not also "3 ... week"."""

    def __init__(self, length: int) -> None:
        self._used = bytearray(length)

    def free(self, start: int, end: int) -> bool:
        return not any(self._used[start:end])

    def take(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)


Finder = Callable[[str, Taken], Iterator[Quantity]]


def claim(found: Iterator[Quantity], taken: Taken) -> Iterator[Quantity]:
    for quantity in found:
        if taken.free(quantity.start, quantity.end):
            taken.take(quantity.start, quantity.end)
            yield quantity


def mask(pattern: re.Pattern[str], text: str, taken: Taken) -> None:
    for match in pattern.finditer(text):
        if taken.free(match.start(), match.end()):
            taken.take(match.start(), match.end())


# "grabs when I turn", "catches when I reach for the mouse": spasms set off by a movement. How long
# one lasts and how often it comes are then the movement's, not known from the answer.
SPASM_ON_MOVEMENT = re.compile(
    r"\b(?:grabs?|catch(?:es)?|spasms?|twinges?|locks?|seizes?|goes|jolts?|worse|hurts?|sore|painful)\b[^.!?]{0,20}\b(?:when|if|whenever|as)\s+(?:i|he|she)\s+"
    r"(?:turn|move|twist|bend|look|lift|reach|stand|sit|get)",
    FLAGS,
)
# The movement alone ("when I bend over or get out of the car"): how often is as often as that.
MOVEMENT_CUE = re.compile(
    r"\b(?:when|whenever|if|as)\s+(?:i|he|she)\s+"
    r"(?:turn|move|twist|bend|look|lift|reach|stand|sit|write|type|get\s+(?:out|in|into|off|up\s+from))\w*\b",
    FLAGS,
)
