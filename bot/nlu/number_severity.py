"""Severity: words ("agony", "not too bad") and scores ("7/10", "maybe a 3")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.nlu.number_base import (
    FLAGS,
    NUM_STRICT,
    SEVERITY,
    Quantity,
    Taken,
    parse_number,
)
from bot.triage.conditions import severity_of_score

_SCORE = re.compile(
    rf"\b(?P<a>{NUM_STRICT})(?:\s*(?:-|–|to|or)\s*(?P<b>{NUM_STRICT}))?\s*(?:/|out\s+of|outta)\s*(?:10|ten)\b(?!\s*/)",
    FLAGS,
)
_NEGATED_SEVERITY = [
    (re.compile(r"\bnot\s+(?:that|too|so|very|really|particularly|overly)?\s*(?:bad|painful|severe|serious|sore|strong|intense)\b", FLAGS), "mild"),
    (re.compile(r"\bnot\s+(?:unbearable|excruciating|agony|agonising|agonizing|the\s+worst)\b", FLAGS), "moderate"),
    (re.compile(r"\bnot\s+(?:mild|slight)\b", FLAGS), "moderate"),
]  # fmt: skip
_SEVERITY_WORDS = [
    (
        "severe",
        r"severe(?:ly)?|(?:excruciating|excrutiating|excruiciating)(?:ly)?|unbearabl[ey]|agony|agonis?z?ing(?:ly)?|"
        r"(?:very|extremely|really|so|incredibly|insanely|super|unbelievably|terribly)\s+(?:painful|sore|bad|intense|strong)|"
        r"(?:the\s+)?worst\s+(?:pain|cramps?|spasms?)|terrible|horrible|horrendous|awful|crippling|"
        r"debilitating|killing\s+me|(?:brings|brought|bring)\s+me\s+to\s+tears|in\s+tears|"
        r"(?:made|makes|make)\s+me\s+(?:cry|scream)|screaming|extreme\s+pain|hurts\s+like\s+hell|"
        r"(?:ca|could|can)(?:n'?t|not)\s+(?:bear|stand)\s+(?:it|the\s+pain)|really\s+hurts|hurts\s+(?:so\s+much|a\s+lot)",
    ),
    (
        "moderate",
        r"moderate(?:ly)?|medium|middling|in\s+between|(?:quite|pretty|fairly|rather|reasonably)\s+(?:painful|sore|bad|strong|uncomfortable)|"
        r"hurts\s+quite\s+a\s+bit|painful|(?:it'?s|it\s+is|says\s+it'?s)\s+(?:really\s+|pretty\s+)?bad\b(?!\s+(?:for|at|luck))|bad\s+enough\s+to\s+(?:wake|stop)",
    ),
    (
        "mild",
        r"mild(?:ly)?|slight(?:ly)?|minor|bearable|tolerable|manageable|niggl(?:e|ing)|twinge|"
        r"(?:a\s+)?(?:little|bit)\s+(?:painful|sore|uncomfortable|achy|tender)|hurts\s+a\s+(?:little|bit)|"
        r"not\s+(?:too|that|so)\s+bad|barely\s+(?:hurts|noticeable)|no\s+big\s+deal|"
        # How people grade a cramp that does not stop them: "annoying more than anything"
        r"annoying\s+more\s+than\s+(?:anything|painful|sore)|more\s+(?:annoying|of\s+a\s+nuisance|uncomfortable)\s+than|"
        r"(?:a\s+)?nuisance|(?:can|could)\s+walk\s+it\s+off|walk\s+it\s+off|sore\s+but\s+(?:ok|okay|fine|bearable)|liveable|livable",
    ),
]  # fmt: skip
# "slightly swollen" and "severe numbness" grade a symptom, not the spasm.
_NOT_ABOUT_A_SYMPTOM = (
    r"(?!\s+(?:swollen|swelling|red|redness|warm|numb|numbness|tingly|tingling|weak|weakness|"
    r"fever|temperature|dizzy|blurry|stiff|stiffness|headache|dehydrated|tired|overweight))"
)
# A whole answer of one plain word to "how bad is it?": "sore", "achy", "bad". Only as the whole
# message: "my calf is sore" describes the spasm without grading it.
_BARE_SEVERITY = [
    (
        level,
        re.compile(
            rf"^\W*(?:(?:it'?s|it\s+is|just|only|a\s+bit|a\s+little|bit|kind\s+of|kinda|sort\s+of|mostly)\s+)*(?:{body})\W*$",
            FLAGS,
        ),
    )
    for level, body in [
        (
            "mild",
            r"sore|achy|aching|an\s+ache|tender|annoying|irritating|uncomfortable|ok-?ish|okay-?ish|mild-?ish",
        ),
        ("moderate", r"bad"),
    ]
]
_SEVERITY_PATTERNS = [
    (level, re.compile(rf"\b(?:{body})\b{_NOT_ABOUT_A_SYMPTOM}", FLAGS)) for level, body in _SEVERITY_WORDS
]


# "maybe a 3", "pain's about an 8": a score without "/10" after a word about rating it.
_BARE_SCORE = re.compile(
    r"\b(?:pain|pain's|it's|its|it\s+is|about|around|maybe|probably|say|(?:rate|call|give)\s+it|score|level|like)\s+"
    r"(?:is\s+|at\s+)?(?:about\s+|around\s+|maybe\s+|probably\s+|like\s+)?(?P<art>a|an)\s+(?P<a>10|[0-9])\b"
    r"(?!\s*(?:/|-|%|out|of|years?|yrs?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|times|x\b|am\b|pm\b|o'?clock))",
    FLAGS,
)


def find_scores(text: str, taken: Taken) -> Iterator[Quantity]:
    for match in _SCORE.finditer(text):
        low = parse_number(match["a"])
        high = parse_number(match["b"]) if match["b"] else low
        if low is None or high is None:
            continue
        level = severity_of_score((low + high) / 2)
        if level:
            yield Quantity(SEVERITY, level, match.start(), match.end())
    for match in _BARE_SCORE.finditer(text):
        level = severity_of_score(float(match["a"]))
        if level:
            yield Quantity(SEVERITY, level, match.start("art"), match.end())


def find_severity_words(text: str, taken: Taken) -> Iterator[Quantity]:
    # Yielded first, so "not too painful" is claimed before "painful" can be.
    for pattern, level in _NEGATED_SEVERITY:
        for match in pattern.finditer(text):
            yield Quantity(SEVERITY, level, match.start(), match.end())
    # Longest first, so "a little painful" is mild before "painful" alone can be moderate.
    found = [
        Quantity(SEVERITY, level, m.start(), m.end())
        for level, pattern in _SEVERITY_PATTERNS
        for m in pattern.finditer(text)
    ]
    found += [
        Quantity(SEVERITY, level, m.start(), m.end())
        for level, pattern in _BARE_SEVERITY
        for m in pattern.finditer(text)
    ]
    yield from sorted(found, key=lambda q: q.start - q.end)
