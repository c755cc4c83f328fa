"""Frequency in episodes per week: "every night", "2-3 times a week", "now and then"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from bot.nlu.number_base import (
    FLAGS,
    FREQUENCY,
    MOVEMENT_CUE,
    NUM_STRICT,
    OCCASIONAL_PER_WEEK,
    RARE_PER_WEEK,
    SINGLE_EPISODE_PER_WEEK,
    UNKNOWN,
    Quantity,
    Taken,
    parse_number,
)

_PERIODS_PER_WEEK = {
    "day": 7.0, "days": 7.0, "night": 7.0, "nights": 7.0, "evening": 7.0, "morning": 7.0,
    "week": 1.0, "wk": 1.0, "weeks": 1.0, "fortnight": 0.5, "month": 0.25, "months": 0.25,
    "mo": 0.25, "year": 1 / 52, "yr": 1 / 52, "hour": 168.0, "hr": 168.0,
}  # fmt: skip
_PERIOD = r"(?P<period>day|night|evening|morning|week|wk|fortnight|month|mo|year|yr|hour|hr)"
_TIMES = (
    rf"(?:(?P<once>once|twice|thrice)(?:\s+or\s+(?P<once2>twice|thrice|three\s+times))?"
    # "2 time in month": learners often leave off the plural (never after "a", as in "a time")
    rf"|(?P<a>{NUM_STRICT}|an?)(?:\s*(?:-|–|to|or)\s*(?P<b>{NUM_STRICT}))?\s*(?:times|(?<!\ba\s)(?<!\ban\s)time\b|x|×))"
)
_RATE = re.compile(
    rf"\b{_TIMES}\s*(?:(?:a|an|per|each|every|in(?:\s+(?:an?|one))?|/)\s*|a\s+single\s+){_PERIOD}\b", FLAGS
)
_RATE_RECENT = re.compile(
    rf"\b{_TIMES}\s+(?:(?:in|over|during)\s+the\s+(?:last|past)|this|last)\s+{_PERIOD}\b", FLAGS
)
# "a few times today", "twice this morning": a burst on one day says nothing about how often it
# happens, so it is read as occasional (once today: a single episode), unless they say daily.
_TODAY = re.compile(
    rf"\b{_TIMES}\s+(?:so\s+far\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)"
    rf"|since\s+(?:i|he|she|we|they|then|getting|finishing|coming|the|my|his|her)"
    # "3 or 4 times in the last hour of the ride", "twice during the match"
    rf"|(?:in|during|over)\s+the\s+(?:last|final|first)\s+(?:hour|half|mile|lap|km|few\s+miles)"
    rf"|(?:near|towards?|at|by)\s+the\s+end"
    rf"|(?:during|on|in)\s+(?:the|that|my|his|her)\s+(?:ride|run|race|match|game|walk|hike|swim|session|shift|flight|drive))\b",
    FLAGS,
)
# "3 times in the last 4 miles": the distance stays for the other finders (it is not a duration)
_BURST_OVER_A_DISTANCE = re.compile(
    rf"\b{_TIMES}(?=\s+(?:in|during|over)\s+the\s+(?:last|final|first)\s+(?:\d+|few|couple\s+of|two|three|four|five)\s*"
    rf"(?:miles?|km|k|laps?|lengths?)\b)",
    FLAGS,
)
# Cramps that come with an activity ("every time I go for a run", "whenever I sit at my desk",
# "every walk", "only on long rides", "most feeds") are as frequent as the activity: how often
# that is says nothing by itself, so the answer is kept as "not known", not turned into a rate.
_ACTIVITY_BOUND = re.compile(
    r"\b(?:every|each|any)\s*time\s+(?:i|he|she|they|we|you|my|his|her)\b|\bwhenever\b"
    r"|\b(?:every|each|most|after\s+(?:every|each))\s+(?:long\s+|hard\s+|big\s+)?"
    r"(?:walk|run|ride|race|match|game|session|shift|feed|workout|swim|class|training|practice|lesson|gym|hike|climb)s?\b"
    r"|\bonly\s+(?:ever\s+)?(?:(?:get|gets|got|have|has|had|happens?|comes?|do|does)\s+(?:them|it|one|ones|cramps?|these|those)?\s*)?(?:when|on|after|during|if|while|in)\b|\bwhen(?:ever)?\s+(?:i'?m|im|i\s+am|he'?s|she'?s)\s+\w+ing\b"
    # "most evenings after shift", "every day in study": the days they work or study
    r"|\bafter\s+(?:my\s+|the\s+|a\s+|his\s+|her\s+)?(?:shifts?|work|training|practice|school|class|lessons?|study|studying)\b"
    r"|\b(?:in|during)\s+(?:my\s+)?(?:study|studying|exams?|revision)\b",
    FLAGS,
)
# "loads", "often": how often in the person's words, kept as vague as it was said (a few a week).
OFTEN_PER_WEEK = 3.0
_OFTEN = re.compile(
    r"\b(?:loads|lots|a\s+lot|heaps|tons|(?:quite\s+|very\s+|pretty\s+|really\s+)?(?:often|frequently|regularly))\b"
    # "loads of dribble", "lots of water": an amount of something, not how often
    r"(?!\s+(?:of\b|water|fluids?|pain|exercise|stress|coffee|walking|running|to\s+(?:drink|eat|do)\b))",
    FLAGS,
)
# The whole time scale of a rate in calendar units (a day or longer), as opposed to "every half hour".
_CALENDAR_RATE_MAX = 7.0
_DAILY_CUE = re.compile(
    r"\b(?:every|each)\s+(?:single\s+)?(?:day|night|morning|evening)\b|\b(?:daily|nightly|everyday|most\s+days)\b",
    FLAGS,
)
_DAYS_PER = re.compile(
    rf"\b(?P<a>{NUM_STRICT})(?:\s*(?:-|–|to|or)\s*(?P<b>{NUM_STRICT}))?\s+(?:days|nights|evenings|mornings)\s*(?:a|per|each|every|/|in\s+a)\s*(?P<period>week|wk|month|fortnight)\b",
    FLAGS,
)
_EVERY_N = re.compile(
    rf"\bevery\s+(?P<other>other\s+|second\s+)?(?:(?P<n>{NUM_STRICT})\s+)?(?P<unit>days?|nights?|weeks?|months?|hours?)\b",
    FLAGS,
)
# "every half hour", "every 20 minutes": how often, not how long one lasts.
_EVERY_MINUTES = re.compile(
    rf"\bevery\s+(?:(?P<half>half\s+(?:an\s+)?hour)|(?P<n>{NUM_STRICT})\s+(?:minutes?|mins?))\b", FLAGS
)
_FIXED_FREQUENCIES: list[tuple[re.Pattern[str], float, bool]] = [
    (re.compile(p, FLAGS), v, hint)
    for p, v, hint in [
        (r"\b(?:(?:almost|nearly|pretty\s+much)\s+(?:every|each)\s+(?:single\s+)?(?:day|night|evening)|most\s+(?:days|nights|evenings)|almost\s+daily|nearly\s+daily)\b", 5.0, False),
        (r"\b(?:every|each)\s+(?:single\s+)?(?:day|night|evening|morning)(?:\s+(?:or|and)\s+(?:every\s+)?(?:day|night))?\b|\b(?:daily|nightly|everyday|every\s+day\s+or\s+night)\b", 7.0, False),
        (r"\b(?:weekly|once\s+a\s+week)\b", 1.0, False),
        (r"\b(?:fortnightly|bi-?weekly)\b", 0.5, False),
        (r"\b(?:monthly)\b", 0.25, False),
        (r"\b(?:hourly)\b", 168.0, False),
        # "dozens of times a day", "loads of times a day": many a day
        (r"\b(?:dozens|loads|lots|hundreds|tons|heaps|masses|umpteen)\s+(?:of\s+)?times\s+(?:a|per|each|every)\s+(?:day|night)\b", 28.0, False),
        (r"\b(?:(?:every\s+)?now\s+and\s+(?:then|again)|every\s+so\s+often|once\s+in\s+a\s+while|occasional(?:ly)?|from\s+time\s+to\s+time|on\s+and\s+off|off\s+and\s+on|sporadic(?:ally)?|here\s+and\s+there|every\s+once\s+in\s+a\s+while|sometimes|at\s+times)\b", OCCASIONAL_PER_WEEK, True),
        (r"\b(?:comes?\s+and\s+goes?|coming\s+and\s+going|came\s+and\s+went|once\s+or\s+twice)\b(?!\s+(?:so\s+far\s+)?(?:today|tonight|this)\b)", OCCASIONAL_PER_WEEK, True),
        (r"\b(?:a\s+few|a\s+couple(?:\s+of)?|couple\s+of|several|a\s+handful\s+of|two\s+or\s+three|2\s*(?:-|or|to)\s*3)\s+times\b(?!\s+(?:so\s+far\s+)?(?:today|tonight|this)\b)", OCCASIONAL_PER_WEEK, False),
        (r"\b(?:rarely|seldom|hardly\s+ever|not\s+(?:very\s+)?often|infrequent(?:ly)?|once\s+in\s+a\s+blue\s+moon)\b", RARE_PER_WEEK, True),
        (r"\b(?:(?:just|only)\s+(?:the\s+|that\s+|this\s+)?once|that\s+(?:was\s+)?the\s+only\s+time|happened\s+once|once\s+so\s+far|only\s+one\s+time|(?:the|for\s+the)\s+first\s+time|first\s+time|first(?:\s+(?:one|cramp|time))?(?=\s+in\s+(?:years|ages|months|a\s+long\s+time|forever))|one[\s-]off|a\s+single\s+(?:time|episode)|never\s+(?:had\s+(?:it|this|one)\s+)?before|never\s+(?:normally|usually|ordinarily)|(?:just|only)\s+(?:on|during|at|after|in)\s+(?:the|that|this|my|our)\s+(?:\w+\s+)?(?:hike|walk|run|race|match|game|marathon|trip|ride|swim|flight|climb|session|class|workout|party|wedding))\b", SINGLE_EPISODE_PER_WEEK, False),
    ]
]  # fmt: skip
_AFTER_A_SPAN = re.compile(
    r"\b(?:days?|weeks?|months?|years?|ages|while|fortnight|summer|winter)\s*,?\s*$", FLAGS
)
_SPORT_BEFORE = re.compile(
    r"\b(?:i|he|she|we|they)\s+(?:\w+\s+)?(?:walk|run|jog|cycle|ride|swim|train|exercise|hike|play|go\s+to\s+the\s+gym)(?:s|es)?"
    r"\b[^.,;!?]{0,25}$",
    FLAGS,
)
_NOT_OFTEN = re.compile(
    r"\b(?:not|n't|hardly|rarely|never)\s+(?:very\s+|that\s+|so\s+|too\s+)?(?:often|frequently|regularly|a\s+lot)\b",
    FLAGS,
)
# "once", and "once, maybe a twinge later": the answer leads with it
_WHOLE_ONCE = re.compile(
    r"(?:^\W*|,\s*)(?:just\s+|only\s+)?once\b(?=\W*$|\s*,|\s+(?:so\s+far|only|really|maybe)\b)", FLAGS
)
# "twice so far", "3 times now": a count since it began, a few in all (read as occasional)
_COUNT_SO_FAR = re.compile(
    rf"\b(?:twice|thrice|{NUM_STRICT}\s+times)\s+(?:so\s+far|now|in\s+total|total|altogether|all\s+told)\b",
    FLAGS,
)

# "3 long ones in 5 days", "twice in 4 swims": a count over days, or over outings (then occasional)
_COUNT_IN_SPAN = re.compile(
    rf"\b(?:(?P<once>once|twice)|(?P<a>{NUM_STRICT})\s+(?:\w+\s+)?(?:times|ones|cramps|spasms|episodes|attacks))(?=\s+"
    rf"in\s+(?P<n>{NUM_STRICT})\s+(?P<unit>days|nights|weeks|swims|runs|rides|games|matches|sessions|walks|races|workouts)\b)",
    FLAGS,
)
# A bare "twice" or "three times" ("twice, both in the pool") answers "how often?" like "a few
# times": now and then.
_WHOLE_FEW = re.compile(
    r"^\W*(?:(?:just|only|maybe|about|like|probably)\s+)?(?:twice|thrice|two\s+times|three\s+times)(?:\s+so\s+far)?(?:\W*$|\s*,)",
    FLAGS,
)


def _times(match: re.Match[str]) -> float | None:
    if match["once"]:
        first = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[match["once"].lower()]
        if match["once2"]:
            second = 2.0 if match["once2"].lower() == "twice" else 3.0
            return (first + second) / 2
        return first
    low = parse_number(match["a"])
    high = parse_number(match["b"]) if match["b"] else low
    return None if low is None or high is None else (low + high) / 2


# "loosening up a bit more each day", "worse every day": a trend, not how often it comes
# "he's tried a few times", "asked me three times": attempts at something, not cramps
_ATTEMPTS_BEFORE = re.compile(
    r"\b(?:tried|tries|trying|try|asked|asking|rang|called|phoned|texted|checked|wiped)\b[^.,;!?]{0,20}$",
    FLAGS,
)
_TREND_BEFORE = re.compile(
    r"\b(?:more|better|worse|easier|less|looser|stronger|weaker|improving|worsening|fading|easing)\s+(?:and\s+\w+\s+)?$",
    FLAGS,
)


def find_frequencies(text: str, taken: Taken) -> Iterator[Quantity]:
    # "I walk the dog every day": how often they walk, not how often it cramps
    found = [
        q
        for q in _frequencies(text)
        if not _SPORT_BEFORE.search(text[max(0, q.start - 40) : q.start])
        and not _TREND_BEFORE.search(text[max(0, q.start - 30) : q.start])
        and not _ATTEMPTS_BEFORE.search(text[max(0, q.start - 30) : q.start])
    ]
    bound = _ACTIVITY_BOUND.search(text) or MOVEMENT_CUE.search(text)
    said_often = [q for q in found if q.value == OFTEN_PER_WEEK and _OFTEN.fullmatch(text[q.start : q.end])]
    # "every time I run, so 3 times a week": a rate in calendar words is the person's own count
    calendar = [q for q in found if q not in said_often and float(q.value) <= _CALENDAR_RATE_MAX]
    if bound and not calendar:
        # the rate's words stay claimed, so "every half hour" is not read as how long one lasts
        yield Quantity(FREQUENCY, UNKNOWN, bound.start(), bound.end())
        yield from (Quantity(FREQUENCY, UNKNOWN, q.start, q.end) for q in found)
        return
    yield from found


def _frequencies(text: str) -> Iterator[Quantity]:
    for match in _RATE.finditer(text):
        count = _times(match)
        if count is not None:
            per_week = count * _PERIODS_PER_WEEK[match["period"].lower()]
            yield Quantity(FREQUENCY, per_week, match.start(), match.end())
    for match in _RATE_RECENT.finditer(text):
        count = _times(match)
        period = match["period"].lower()
        if count is not None and period in ("week", "wk", "month", "fortnight", "year"):
            yield Quantity(FREQUENCY, count * _PERIODS_PER_WEEK[period], match.start(), match.end())
    daily = _DAILY_CUE.search(text)
    for match in chain(_TODAY.finditer(text), _BURST_OVER_A_DISTANCE.finditer(text)):
        count = _times(match)
        if count is not None and not daily:
            value = SINGLE_EPISODE_PER_WEEK if count <= 1 else OCCASIONAL_PER_WEEK
            yield Quantity(FREQUENCY, value, match.start(), match.end())
    for match in _DAYS_PER.finditer(text):
        low = parse_number(match["a"])
        high = parse_number(match["b"]) if match["b"] else low
        if low is not None and high is not None:
            per_week = (low + high) / 2 * _PERIODS_PER_WEEK[match["period"].lower()]
            yield Quantity(FREQUENCY, per_week, match.start(), match.end())
    for match in _EVERY_N.finditer(text):
        unit = match["unit"].lower().rstrip("s")
        n = parse_number(match["n"]) if match["n"] else 1.0
        if match["other"]:
            n = 2.0
        if n is None or n <= 0:
            continue
        per_week = _PERIODS_PER_WEEK[unit] / n
        yield Quantity(FREQUENCY, per_week, match.start(), match.end())
    for match in _EVERY_MINUTES.finditer(text):
        minutes = 30.0 if match["half"] else parse_number(match["n"])
        if minutes:
            yield Quantity(
                FREQUENCY, round(_PERIODS_PER_WEEK["hour"] * 60 / minutes, 1), match.start(), match.end()
            )
    for pattern, value, hint in _FIXED_FREQUENCIES:
        for match in pattern.finditer(text):
            if value == OCCASIONAL_PER_WEEK and _AFTER_A_SPAN.search(text[: match.start()]):
                continue  # "3 months on and off": how long it has been going on, not how often
            yield Quantity(FREQUENCY, value, match.start(), match.end(), hint)
    if not _NOT_OFTEN.search(text):
        for match in _OFTEN.finditer(text):
            yield Quantity(FREQUENCY, OFTEN_PER_WEEK, match.start(), match.end(), hint=True)
    for match in _COUNT_IN_SPAN.finditer(text):
        count = {"once": 1.0, "twice": 2.0}.get((match["once"] or "").lower()) or parse_number(
            match["a"] or ""
        )
        span = parse_number(match["n"])
        unit = match["unit"].lower()
        if count is None or not span:
            continue
        if unit in ("days", "nights"):
            yield Quantity(FREQUENCY, round(count / span * 7.0, 2), match.start(), match.end())
        elif unit == "weeks":
            yield Quantity(FREQUENCY, round(count / span, 2), match.start(), match.end())
        else:
            yield Quantity(FREQUENCY, OCCASIONAL_PER_WEEK, match.start(), match.end())
    for whole in _WHOLE_ONCE.finditer(text):
        yield Quantity(FREQUENCY, SINGLE_EPISODE_PER_WEEK, whole.start(), whole.end())
    for match in _COUNT_SO_FAR.finditer(text):
        yield Quantity(FREQUENCY, OCCASIONAL_PER_WEEK, match.start(), match.end())

    few = _WHOLE_FEW.match(text)
    if few:
        yield Quantity(FREQUENCY, OCCASIONAL_PER_WEEK, few.start(), few.end())
