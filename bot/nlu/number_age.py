"""Age: "I'm 70", "a 47-year-old", "in my sixties", but not a relative's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.nlu.number_base import (
    AGE,
    FLAGS,
    WORDNUM,
    Quantity,
    Taken,
    parse_number,
)

_SELF_AGE = re.compile(
    rf"\b(?:i'?m|i\s+am|im|i\s+turned|i'?ll\s+be|age[ds]?\s*:?|my\s+age\s+is)\s+(?:a\s+|an\s+|only\s+|just\s+|now\s+|about\s+|almost\s+|nearly\s+)?"
    rf"(?P<n>\d{{1,3}}|{WORDNUM})(?![\d\w])(?!\s*(?:-|/|\.\d|'|\"|%|x\b|times|weeks?|wks?|months?|days?|hours?|mins?|minutes?|kg|kgs|lbs?|pounds|stone|ft|foot|feet|cm|inch))",
    FLAGS,
)
_YEARS_OLD = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{WORDNUM})\s*-?\s*(?:years?|yrs?|yr|y)\s*-?\s*(?:old|o\b)|\b(?P<m>\d{{1,3}})\s*(?:yo|y/o|y\.o\.?)\b",
    FLAGS,
)
_DECADE = re.compile(
    r"\bin\s+my\s+(?:(?:early|mid|late)\s+)?(?P<n>(?:[2-9]0)'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
    # A bare answer "mid fifties" (only as the whole message: "the mid 30s" may be the weather).
    r"|^\W*(?:i'?m\s+|im\s+)?(?:early|mid|late)[\s-]+(?P<m>(?:[2-9]0)'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\W*$",
    FLAGS,
)
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
# "my 3-year-old", "she is 70 years old": someone else's age.
_OTHER_PERSON = re.compile(
    r"(?:\b(?:my|our|his|her|their|your|have\s+an?|has\s+an?|with\s+an?|had\s+an?|got\s+an?|he|she|they|he's|she's|they're|who)\b[^.!?\n]{0,25})$",
    FLAGS,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|me)\b[^.!?\n]{0,25}$", FLAGS)


def _valid_age(value: float | None) -> bool:
    return value is not None and 0 < value <= 120


def find_ages(text: str, taken: Taken) -> Iterator[Quantity]:
    for match in _SELF_AGE.finditer(text):
        value = parse_number(match["n"])
        if _valid_age(value):
            yield Quantity(AGE, value, match.start(), match.end())
    for match in _YEARS_OLD.finditer(text):
        value = parse_number(match["n"] or match["m"])
        before = text[max(0, match.start() - 40) : match.start()]
        other = _OTHER_PERSON.search(before)
        mine = _FIRST_PERSON.search(before)
        if other and not (mine and mine.start() > other.start()):
            taken.take(match.start(), match.end())
            continue
        if _valid_age(value):
            yield Quantity(AGE, value, match.start(), match.end())
    for match in _DECADE.finditer(text):
        word = (match["n"] or match["m"]).lower().replace("'", "")
        decade = _DECADE_WORDS.get(word) or int(word[:2])
        yield Quantity(AGE, float(decade + 5), match.start(), match.end())
