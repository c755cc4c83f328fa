"""Durations: minutes of one episode and days it has been going on."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.nlu.number_base import (
    CONSTANT_MINUTES,
    EPISODE,
    FLAGS,
    NUM,
    ONGOING,
    SPASM_ON_MOVEMENT,
    UNKNOWN,
    VAGUE,
    Quantity,
    Taken,
    mask,
    parse_number,
)

_ACTIVITY = (
    r"(?:weeding|gardening|digging|mowing|walking|running|jogging|cycling|biking|riding|driving|hiking|"
    r"swimming|dancing|gaming|playing|working|training|typing|standing|sitting|cleaning|painting|lifting|"
    r"shopping|climbing|skiing|surfing|rowing|studying|sewing|knitting|shovell?ing|moving|carrying|"
    r"kneeling|bending|travell?ing|flying|shifts?|on\s+my\s+feet|at\s+(?:the|my)\s+(?:desk|computer))\b"
)
_NOT_DURATIONS = [
    re.compile(rf"\b{NUM}\s*-?\s*(?:years?|yrs?|months?|weeks?)\s*-?\s*old\b", FLAGS),
    re.compile(rf"\b{NUM}\s*-?\s*(?:weeks?|wks?|months?)\s+(?:pregnant|along|gestation|into\s+(?:my|the|her)\s+pregnancy)\b", FLAGS),
    re.compile(rf"\bpregnan\w*[,\s]+(?:about\s+|around\s+|nearly\s+|almost\s+)?{NUM}\s*(?:weeks?|wks?|months?)\b", FLAGS),
    re.compile(rf"\b(?:i'?m|i\s+am|im|she'?s|she\s+is)\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?{NUM}\s*(?:weeks?|wks?)\b", FLAGS),
    # "35 weeks, had a headache": how far along (bot/nlu/extractor.py, GESTATION_OPENING)
    re.compile(r"^\W*[2-4]\d\s*(?:weeks?|wks?)\s*(?=[,.;:!+]|$)", FLAGS),
    re.compile(r"\b\d+(?:\.\d+)?\s*(?:kg|kgs|kilos?|lbs?|pounds|stone|st|cm|mm|ft|feet|foot|inch(?:es)?|%|mg|ml|miles?|km|k|steps|laps|reps|cups?|glasses|litres?|liters?)\b", FLAGS),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)\b", FLAGS),
    # "4 hours sleep a night", "five hours of sleep": how long they sleep, not an episode.
    re.compile(rf"\b{NUM}\s*-?\s*(?:hours?|hrs?)\s+(?:of\s+)?(?:sleep|kip|shut-?eye|rest)\b", FLAGS),
    # "a 3 hr sportive", "2 hour ride": how long the outing was
    re.compile(rf"\b{NUM}[\s-]+(?:minutes?|hours?|mins?|hrs?|days?|weeks?)[\s-]+(?:walk|run|jog|drive|ride|session|workout|class|break|nap|flight|commute|journey|trip|hike|swim|shift|game|match|sportive|race|marathon|triathlon|cycle|trek|climb|gig|concert|tournament|training|practice|paddle|row|stint)\b", FLAGS),
    # "2 hours weeding", "12.5 hour shifts", "10 hours straight gaming": how long they did
    # something, not how long a spasm lasts.
    re.compile(rf"\b{NUM}\s*-?\s*(?:hours?|hrs?|minutes?|mins?)\s+(?:straight\s+|solid\s+|non-?stop\s+|of\s+)?{_ACTIVITY}", FLAGS),
    # "12 hour days on the computer", "10-hour nights": a working day's length
    re.compile(rf"\b{NUM}\s*-?\s*(?:hours?|hrs?)\s+(?:days?|nights?|shifts?|stints?|sessions?|stretches)\b", FLAGS),
    # "did 6 hours in the garden", "spent 3 hours at the computer": time on an activity
    re.compile(rf"\b(?:did|do|doing|done|spent|spend|spending|put\s+in)\s+(?:about\s+|around\s+|over\s+|nearly\s+)?{NUM}\s*(?:hours?|hrs?|minutes?|mins?)\b", FLAGS),
    # "thought it would go in a few days": an expectation, not how long it has been going on
    re.compile(rf"\b(?:go|gone|settle|pass|clear|heal|better|improve)\s+(?:away\s+|down\s+|up\s+)?(?:in|within|after)\s+(?:a\s+few|a\s+couple\s+(?:of\s+)?|{NUM})\s*(?:days?|weeks?)\b", FLAGS),
    # "smoker for 50 years", "diabetic for 10 years": how long something else has been so
    re.compile(rf"\b(?:smok\w*|diabetic|had\s+(?:diabetes|asthma)|married|retired|worked|working|lived|living)\s+(?:for\s+)?(?:about\s+|over\s+|nearly\s+)?{NUM}\s*(?:years?|yrs?|decades?)\b", FLAGS),
    # "3 hrs on the bike", "an hour in": time spent on, or into, an activity
    re.compile(rf"\b{NUM}\s*-?\s*(?:hours?|hrs?|minutes?|mins?)\s+(?:straight\s+)?on\s+(?:the|my|a|his|her)\s+(?:bike|road|pitch|court|treadmill|trail|track|course|mountain|water|ice|slopes|feet|legs)\b", FLAGS),
    re.compile(rf"\b(?:an?|{NUM})\s*-?\s*(?:hours?|hrs?|minutes?|mins?)\s+in\b(?=\s*(?:[.,!?;)]|$|and\b|to\b|when\b))", FLAGS),
    # "my father 70 years", "she is 82 years": someone's age said without "old"
    re.compile(rf"\b(?:my|our|his|her|their)\s+(?:father|dad|daddy|mother|mum|mom|mam|husband|wife|son|daughter|grandma|grandmother|grandad|granddad|grandfather|granny|gran|nan|nana|grandpa|uncle|aunt|auntie|brother|sister|partner|neighbou?r|friend|patient)\s*,?\s*(?:is\s+|aged?\s+|who\s+is\s+)?(?:about\s+|nearly\s+|almost\s+)?{NUM}\s*(?:years?|yrs?)\b(?!\s+ago)", FLAGS),
    re.compile(rf"\b(?:he|she|he'?s|she'?s)\s+(?:is\s+)?(?:about\s+|nearly\s+|almost\s+)?{NUM}\s*(?:years?|yrs?)\b(?!\s+ago)(?=\s*(?:[.,;!?]|$|and\b))", FLAGS),
]  # fmt: skip
_ACTIVITY_BEFORE = re.compile(
    r"(?:walk|walking|walked|run|running|ran|sit|sitting|sat|stand|standing|stood|driv(?:e|ing)|drove|"
    r"exercis\w*|jogg?(?:ing|ed)?|cycl(?:e|ing|ed)|swim(?:ming)?|swam|play(?:ing|ed)?|work(?:ing|ed)?|typing|"
    r"gardening|weeding|hik(?:e|ed|ing)|rode|riding|danc(?:e|ed|ing)|train(?:ed|ing)|gam(?:ed|ing)|"
    r"sleep(?:ing)?|slept|lift(?:ed|ing)?|"
    # "did legs for like 90 mins": a session at the gym
    r"(?:did|done|doing)\s+(?:legs|arms|chest|back|shoulders|cardio|weights|squats|yoga|pilates|crossfit|spin|"
    r"(?:a|my|the)\s+(?:session|workout|class|circuit)))"
    r"\s+(?:for\s+)?(?:about\s+|around\s+|over\s+|more\s+than\s+|less\s+than\s+|only\s+|just\s+|like\s+)?$",
    FLAGS,
)


_NOT_EVERY = re.compile(r"\bnot\s+(?:every|each|all|always)\s+(?:single\s+)?\w+", FLAGS)
# "the first one in months", "first cramp in years": how rare it is, not how long it has been
# going on. Only the tail is masked, so "first time" can still be read as a single episode.
_FIRST_IN_A_WHILE = re.compile(
    r"\b(?:first|1st)\s+(?:\w+\s+){0,2}?(?P<tail>(?:in|for)\s+(?:many\s+|several\s+|a\s+few\s+|some\s+|\w+\s+)?"
    r"(?:ages|months|years|weeks|a\s+(?:long\s+)?while|a\s+long\s+time|a\s+year|a\s+month))\b",
    FLAGS,
)


def _mask_first_in_a_while(text: str, taken: Taken) -> None:
    for match in _FIRST_IN_A_WHILE.finditer(text):
        if taken.free(match.start("tail"), match.end("tail")):
            taken.take(match.start("tail"), match.end("tail"))


# "since about 5pm today", "started at teatime": it began earlier today. Read before clock
# times are masked as not being durations.
_CLOCK_ONSET = re.compile(
    r"\b(?:since|from|started(?:\s+at)?|began(?:\s+at)?)\s+(?:about\s+|around\s+|roughly\s+)?"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}\s+o'?clock|teatime|lunch(?:time)?|breakfast|dinner(?:time)?|midday|noon)"
    r"(?:\s+today)?\b",
    FLAGS,
)


def mask_non_durations(text: str, taken: Taken) -> Iterator[Quantity]:
    # A generator: `claim` takes each onset before the masks below run.
    for match in _CLOCK_ONSET.finditer(text):
        yield Quantity(ONGOING, 0.0, match.start(), match.end())
    mask(_NOT_EVERY, text, taken)
    _mask_first_in_a_while(text, taken)
    for pattern in _NOT_DURATIONS:
        mask(pattern, text, taken)


_UNIT_WORDS = {
    "second": ("second", "seconds", "sec", "secs", "s"),
    "minute": ("minute", "minutes", "min", "mins", "m"),
    "hour": ("hour", "hours", "hr", "hrs", "h"),
    "day": ("day", "days", "d"),
    "night": ("night", "nights"),
    "week": ("week", "weeks", "wk", "wks", "w"),
    "fortnight": ("fortnight", "fortnights"),
    "month": ("month", "months", "mo", "mos", "mths", "mth"),
    "year": ("year", "years", "yr", "yrs", "y"),
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
# One-letter abbreviations only straight after digits ("30s", "2h"), never as words.
_LONG_UNITS = "|".join(sorted((w for w in _UNIT_OF if len(w) > 1), key=len, reverse=True))
_UNIT = rf"(?P<unit>{_LONG_UNITS})\b"
_UNIT_AFTER_DIGIT = rf"(?P<unit_d>{_LONG_UNITS}|s|m|h|d|w|y)\b"
_EPISODE_MINUTES = {"second": 1 / 60, "minute": 1.0, "hour": 60.0}
_ONGOING_DAYS = {
    "hour": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.0,
    "year": 365.0,
}
_RATE_UNITS = {"day", "night", "week", "month", "year"}
# "probably the 80s", "in his 70s": a decade or an age, not seconds
_DECADE_BEFORE = re.compile(r"\b(?:the|my|his|her|their|your|our|early|late|mid)[\s-]*$", re.IGNORECASE)

_MORE = r"more\s+than|well\s+over|just\s+over|a\s+bit\s+over|over|longer\s+than|greater\s+than|upwards\s+of|in\s+excess\s+of|beyond|>"
_LESS = r"less\s+than|just\s+under|a\s+bit\s+under|under|shorter\s+than|fewer\s+than|not\s+even|below|<"
_NEARLY = r"almost|nearly|close\s+to|just\s+about"
_ABOUT = r"about|around|roughly|approximately|approx\.?|~|maybe|like|only|just|at\s+least|at\s+most|up\s+to|no\s+more\s+than|for|some"
_COMPARATOR = rf"(?P<cmp>(?P<more>{_MORE})|(?P<less>{_LESS})|(?P<nearly>{_NEARLY})|(?:{_ABOUT}))\s*"
_SUFFIX = r"(?:\s*(?P<plus>\+|plus|or\s+more|or\s+longer|and\s+more|or\s+so|ish))?"
_DURATION = re.compile(
    rf"(?:\b{_COMPARATOR})?(?:\bbetween\s+)?(?:(?P<d1>\d+(?:\.\d+)?)(?P<plus_d>\+)?\s*(?:(?:-|–|to|or|and)\s*(?P<d2>\d+(?:\.\d+)?)\s*)?{_UNIT_AFTER_DIGIT}"
    rf"|\b(?P<q1>{NUM})(?P<half>\s+and\s+a\s+half)?(?:\s*(?:-|–|to|or|and)\s*(?P<q2>{NUM}))?\s*{_UNIT}(?P<half_after>\s+and\s+a\s+half)?(?P<or_two>\s+or\s+(?:two|so|three))?){_SUFFIX}",
    FLAGS,
)
_HALF = re.compile(rf"\b(?:(?P<cmp>{_MORE}|{_LESS}|{_NEARLY})\s+)?(?:a\s+)?half\s+(?:an?\s+)?{_UNIT}", FLAGS)
_QUARTER = re.compile(rf"\b(?P<n>a|one|three)\s+quarters?\s+of\s+an?\s+{_UNIT}", FLAGS)
_RANGE_OF_DURATIONS = re.compile(r"^\s*(?:to|-|–|or|and|up\s+to)\s*$", FLAGS)
_ONGOING_BEFORE = re.compile(
    r"(?:(?:for|in|over|during|within)\s+the\s+(?:past|last)|since|started|starting|began|begun|begin|"
    r"going\s+on(?:\s+for)?|been\s+like\s+this(?:\s+for)?|had\s+(?:it|this|them)(?:\s+for)?|first\s+noticed)\s*$",
    FLAGS,
)
_AGO_AFTER = re.compile(r"^\s*ago\b", FLAGS)
# "ran out of water an hour before", "30 minutes later": when something else happened.
# ... but "25 minutes before it let go" is how long one lasted
_RELATIVE_AFTER = re.compile(
    r"^\s*(?:before(?!\s+(?:it|the\s+cramp|the\s+spasm)\s+(?:let\s+go|eased|stopped|went|passed|settled|released|relaxed))"
    r"|beforehand|earlier|later)\b",
    FLAGS,
)
# "one week, since exam study start": an answer that opens with the duration
_ANSWER_HEAD = re.compile(r"^\W*(?:(?:about|around|maybe|like|only|just|oh|um|erm)\s+)?$", FLAGS)
_CLAUSE_END_AFTER = re.compile(r"^\s*(?:[,.;!?]|$|now\b|since\b|already\b|or\s+so\b)", FLAGS)
_BARE_ARTICLE_CUE = re.compile(
    r"(?:for|about|around|over|than|almost|nearly|only|just|last(?:ed|s|ing)?|takes?|took|been|since|past|within|under|maybe|roughly|approximately|like|whole|entire)\s+$",
    FLAGS,
)


@dataclass(frozen=True)
class _Duration:
    unit: str
    amount: float
    start: int
    end: int
    comparator: str  # "more", "less", "nearly" or ""
    ongoing_hint: bool
    ago: bool = False  # "10 minutes ago" says when it began, not how long a spasm lasts


def _comparator(match: re.Match[str]) -> str:
    if match.groupdict().get("more") or match.groupdict().get("plus_d"):
        return "more"
    plus = match.groupdict().get("plus")
    if plus and plus.strip().lower() in ("+", "plus"):
        return "more"
    if match.groupdict().get("less"):
        return "less"
    if match.groupdict().get("nearly"):
        return "nearly"
    return ""


def _raw_durations(text: str) -> Iterator[_Duration]:
    for match in _DURATION.finditer(text):
        unit = _UNIT_OF.get((match["unit"] or match["unit_d"]).lower())
        if unit is None:
            continue
        if match["d1"]:
            low = float(match["d1"])
            high = float(match["d2"]) if match["d2"] else low
        else:
            low = parse_number(match["q1"])
            high = parse_number(match["q2"]) if match["q2"] else low
            if low is None or high is None:
                continue
            if match["q1"].lower() in ("a", "an", "one") and unit in _RATE_UNITS:
                before = text[max(0, match.start() - 30) : match.start()]
                whole_message = not text[: match.start()].strip(" \t\n.,!?") and not text[
                    match.end() :
                ].strip(" \t\n.,!?")
                after = text[match.end() : match.end() + 12]
                if not (
                    match["cmp"]
                    or _BARE_ARTICLE_CUE.search(before)
                    or _AGO_AFTER.match(after)
                    or match["or_two"]
                    or match["half_after"]
                    or whole_message
                    or _ANSWER_HEAD.match(text[: match.start()])
                    and _CLAUSE_END_AFTER.match(after)
                ):
                    continue
        amount = (low + high) / 2
        if unit == "second" and match["q1"] and re.match(VAGUE, match["q1"], FLAGS):
            amount = 6.0  # "a few seconds": a tenth of a minute
        if match["half"] or match["half_after"]:
            amount += 0.5
        if match["or_two"]:
            tail = match["or_two"].split()[-1].lower()
            amount = {"two": 1.5 * amount, "three": 2.0 * amount}.get(tail, amount)
        before = text[max(0, match.start() - 40) : match.start()]
        if _ACTIVITY_BEFORE.search(before):
            continue
        if (match["unit_d"] or "").lower() == "s" and _DECADE_BEFORE.search(before):
            continue
        if _RELATIVE_AFTER.match(text[match.end() : match.end() + 40]):
            continue
        ago = bool(_AGO_AFTER.match(text[match.end() : match.end() + 8]))
        ongoing = bool(_ONGOING_BEFORE.search(before)) or ago
        yield _Duration(unit, amount, match.start(), match.end(), _comparator(match), ongoing, ago)
    for match in _HALF.finditer(text):
        unit = _UNIT_OF.get(match["unit"].lower())
        if unit:
            cmp_text = (match["cmp"] or "").lower()
            comparator = (
                "more"
                if re.fullmatch(_MORE, cmp_text, FLAGS)
                else "less"
                if re.fullmatch(_LESS, cmp_text, FLAGS)
                else "nearly"
                if cmp_text
                else ""
            )
            before = text[max(0, match.start() - 40) : match.start()]
            yield _Duration(
                unit, 0.5, match.start(), match.end(), comparator, bool(_ONGOING_BEFORE.search(before))
            )
    for match in _QUARTER.finditer(text):
        unit = _UNIT_OF.get(match["unit"].lower())
        if unit:
            amount = 0.75 if match["n"].lower() == "three" else 0.25
            yield _Duration(unit, amount, match.start(), match.end(), "", False)


def _to_value(duration: _Duration) -> tuple[str, float] | None:
    episode = not duration.ago and (
        duration.unit in ("second", "minute") or (duration.unit == "hour" and not duration.ongoing_hint)
    )
    if not episode and duration.unit not in _ONGOING_DAYS:
        return ONGOING, 0.0  # "10 minutes ago": it began today
    scale = _EPISODE_MINUTES[duration.unit] if episode else _ONGOING_DAYS[duration.unit]
    amount = duration.amount
    if duration.comparator == "less":
        amount = amount / 2 if amount <= 1 else amount - 1
    elif duration.comparator == "nearly":
        amount *= 0.9
    value = amount * scale
    if duration.comparator == "more":
        step = (
            1 / 60
            if duration.unit == "second"
            else 1.0
            if episode
            else (1 / 24 if duration.unit == "hour" else 1.0)
        )
        value += step
    entity = EPISODE if episode else ONGOING
    return entity, round(value, 4)


def find_durations(text: str, taken: Taken) -> Iterator[Quantity]:
    pieces = sorted(_raw_durations(text), key=lambda d: (d.start, -(d.end - d.start)))
    used_until = -1
    results: list[tuple[Quantity, _Duration]] = []
    for piece in pieces:
        if piece.start < used_until or not taken.free(piece.start, piece.end):
            continue
        converted = _to_value(piece)
        if converted is None:
            continue
        entity, value = converted
        quantity = Quantity(entity, value, piece.start, piece.end)
        previous = results[-1] if results else None
        # "a few seconds to a minute": one episode length, the middle of the two.
        if (
            previous
            and previous[0].entity == entity
            and _RANGE_OF_DURATIONS.match(text[previous[0].end : piece.start])
        ):
            first = previous[0]
            middle = round((float(first.value) + value) / 2, 4)
            results[-1] = (Quantity(entity, middle, first.start, piece.end), piece)
        else:
            results.append((quantity, piece))
        used_until = piece.end
    for quantity, _piece in results:
        yield quantity


_CONSTANT = re.compile(
    r"\b(?:(?:does|do|did|wo|will|would)(?:n'?t|\s+not)\s+(?:let\s+(?:go|up)|stop|ease\s+off)|"
    r"never\s+(?:lets\s+(?:go|up)|stops|eases)|won'?t\s+(?:let\s+(?:go|up)|release)|constant(?:ly)?|continuous(?:ly)?|"
    r"all\s+the\s+time|non-?stop|24/7|permanent(?:ly)?|the\s+whole\s+time|stays\s+(?:tight|cramped|contracted)|"
    r"(?:is|it's|its|been)\s+(?:still\s+)?(?:going|cramping)\s+(?:on\s+)?(?:for\s+)?hours|"
    # "since 3ish, still there", "it hasn't stopped": the episode has not ended
    r"(?:has|have)(?:n'?t|\s+not)\s+(?:stopped|let\s+(?:go|up)|eased(?:\s+off)?|gone\s+away)|"
    r"(?:^|(?<=[,;.!-])|(?<=[,;.!-]\s)|(?<=\band\s))(?:it'?s\s+|its\s+|it\s+is\s+)?still\s+(?:there|going(?:\s+on)?|on)(?=\s*(?:[,;.!]|$|now\b)))\b",
    FLAGS,
)


# A bare unit as the whole answer to "how long does it last?": "seconds", "just minutes".
_BARE_FEW = r"(?:(?:just|only|a\s+few|few|some|several|a\s+couple(?:\s+of)?|couple(?:\s+of)?)\s+)?"
_BARE_END = (
    r"(?=\s*(?:only\b|max\b|tops\b)?\s*(?:[,;.!?-]|\beach\b|\bat\s+a\s+time\b|\bwhen\b|\bif\b|\bwhile\b|$))"
)
_BARE_EPISODE = [
    # ... or at the head of it: "seconds, every day", "minutes each time"
    (re.compile(rf"^\W*{_BARE_FEW}(?:seconds|secs){_BARE_END}", FLAGS), 0.1),
    (re.compile(rf"^\W*{_BARE_FEW}(?:minutes|mins){_BARE_END}", FLAGS), 3.0),
    (re.compile(r"\b(?:a\s+)?split[\s-]+second\b", FLAGS), 0.1),
    # "most of the afternoon", "half the morning": hours, more than ten minutes
    (
        re.compile(
            r"\b(?:most|much|half|all)\s+(?:of\s+)?the\s+(?:morning|afternoon|evening|night|day)\b", FLAGS
        ),
        120.0,
    ),
]


# "stiff all the time, spasms when I bend": what never lets go is the stiffness or ache.
_NOT_THE_SPASM_BEFORE = re.compile(
    r"\b(?:stiff|sore|achy|aching|tender|tight|stiffness|ache)\W+(?:\w+\W+){0,2}$", FLAGS
)


_NOT_THE_SPASM_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,1}(?:stiff|stiffness|sore|soreness|ache|achy|aching|tightness)\b", FLAGS
)
_ALL_DAY = re.compile(r"\ball\s+(?:day|night)(?:\s+long)?\b", FLAGS)


def find_constant(text: str, taken: Taken) -> Iterator[Quantity]:
    for match in _CONSTANT.finditer(text):
        if _NOT_THE_SPASM_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        if _NOT_THE_SPASM_AFTER.search(text[match.end() : match.end() + 30]) or SPASM_ON_MOVEMENT.search(
            text
        ):
            yield Quantity(EPISODE, UNKNOWN, match.start(), match.end())
            continue
        yield Quantity(EPISODE, CONSTANT_MINUTES, match.start(), match.end())
    if SPASM_ON_MOVEMENT.search(text):
        for match in _ALL_DAY.finditer(text):
            yield Quantity(EPISODE, UNKNOWN, match.start(), match.end())
    for pattern, minutes in _BARE_EPISODE:
        for match in pattern.finditer(text):
            yield Quantity(EPISODE, minutes, match.start(), match.end())


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    r"january|february|march|april|june|july|august|september|sept|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"
)  # "may" alone is left out: "since may be" is not a month


def _days_since_month(name: str, today: datetime.date | None = None) -> float:
    today = today or datetime.date.today()
    month = _MONTHS.index(name.lower()[:3]) + 1
    year = today.year if month <= today.month else today.year - 1
    return float(max(1, (today - datetime.date(year, month, 1)).days))


_ONGOING_PHRASES: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, FLAGS), v)
    for p, v in [
        (r"\b(?:since\s+)?(?:the\s+)?day\s+before\s+yesterday\b", 2.0),
        (r"\b(?:since\s+)?(?:yesterday|last\s+ni(?:ght|te))\b", 1.0),
        (r"\b(?:since\s+|started\s+|began\s+|from\s+)?(?:this|earlier\s+this)\s+(?:morning|afternoon|evening)\b|\b(?:since\s+)?toni(?:ght|te)\b", 0.0),
        (r"\b(?:started|began|begun|starting|came\s+on|since|happened|just)\s+(?:earlier\s+)?today\b|\bjust\s+now\b|\bjust\s+started\b", 0.0),
        (r"\b(?:since|started|starting|began|begun|from|start\s+of)\s+(?:about\s+|around\s+)?last\s+(?:week|wk)\b", 7.0),
        # "since I started the new job last week": it began with what they name
        (r"\b(?:since|started\s+when|began\s+when)\s+(?:i|he|she|we|they|my|his|her|the)\b[^.,;!?]{0,40}?\blast\s+(?:week|wk)\b", 7.0),
        (r"\b(?:since|started\s+when|began\s+when)\s+(?:i|he|she|we|they|my|his|her|the)\b[^.,;!?]{0,40}?\blast\s+month\b", 30.0),
        (r"\b(?:since|started|starting|began|begun|from|start\s+of)\s+(?:about\s+|around\s+)?last\s+month\b", 30.0),
        (r"\b(?:since|started|starting|began|begun|from|start\s+of)\s+(?:about\s+|around\s+)?last\s+year\b", 365.0),
        (r"\bsince\s+(?:the|last)\s+weekend\b", 2.0),
        # "this week" (the answer, or "started earlier this week"): a few days; "this month" likewise
        (r"^\W*(?:just\s+|only\s+|since\s+|earlier\s+)?this\s+week\W*$|\b(?:since|started|starting|began|begun)\s+(?:earlier\s+)?this\s+week\b", 3.0),
        (r"^\W*(?:just\s+|only\s+|since\s+|earlier\s+)?this\s+month\W*$|\b(?:since|started|starting|began|begun)\s+(?:earlier\s+)?this\s+month\b", 14.0),
        (r"\b(?:over|in|for|during|within)\s+the\s+(?:last|past)\s+week\b", 7.0),
        # "today's the 17th day", "day 5 of it"
        (r"\b(?:the\s+)?(?P<n>\d{1,3})(?:st|nd|rd|th)\s+day\b", -1.0),
        # "on and off the last week or so": the span without "for"
        (r"\bthe\s+(?:last|past)\s+week\s+or\s+(?:so|two)\b", 7.0),
        (r"\bthe\s+(?:last|past)\s+(?:few|couple\s+of)\s+weeks\b", 21.0),
        # "since summer", "since before Christmas": a season or holiday back, at least a couple of
        # months, kept vague; "the whole season" likewise
        (r"\bsince\s+(?:before\s+|after\s+|around\s+|about\s+)?(?:the\s+|last\s+)?(?:summer|spring|autumn|fall|winter|christmas|xmas|easter|new\s+year|holidays)\b", 90.0),
        (r"\b(?:the\s+)?(?:whole|all|entire)\s+(?:of\s+)?(?:the\s+|this\s+)?season\b|\ball\s+season\b", 90.0),
        # "started around Easter", "it began at Christmas", "from the summer on"
        (r"\b(?:start\w*|began|begun|first\s+(?:noticed|had|got))\b[^.!?]{0,40}?\b(?:around|at|after|before|over|in)\s+(?:the\s+|last\s+)?(?:summer|spring|autumn|fall|winter|christmas|xmas|easter|new\s+year|holidays)\b", 90.0),
        (r"\bfrom\s+(?:the\s+|last\s+)?(?:summer|spring|autumn|fall|winter|christmas|xmas|easter|new\s+year|holidays)\s+on\b", 90.0),
        # "since September": from that month's start, the last time it came round
        (rf"\bsince\s+(?:early\s+|mid\s+|late\s+|the\s+(?:start|beginning|end|middle)\s+of\s+)?(?P<month>{_MONTH_NAMES})\b", -2.0),
        (r"\b(?:over|in|for|during|within)\s+the\s+(?:last|past)\s+fortnight\b", 14.0),
        (r"\b(?:over|in|for|during|within)\s+the\s+(?:last|past)\s+month\b", 30.0),
        (r"\b(?:over|in|for|during|within)\s+the\s+(?:last|past)\s+year\b", 365.0),
        (r"\bfor\s+ages\b", 60.0),
        # Vague answers to "how long has this been going on?": "ages" reads as "for ages"; "a
        # while" as a week (more than a few days, less than "weeks"); a whole childhood as years.
        (r"^\W*(?:oh|erm|um|uh|well|ugh)?\W*(?:for\s+)?ages(?:\s+now)?(?:\W*$|\s*,)", 60.0),
        (r"^\W*(?:for\s+)?(?:a\s+)?(?:(?:really|very)\s+)?long\s+(?:time|while)(?:\s+now)?\W*$|\bfor\s+a\s+long\s+time\s+now\b", 60.0),
        (r"^\W*(?:for\s+)?(?:quite\s+)?a\s+(?:good\s+)?while(?:\s+now)?\W*$|\bfor\s+(?:quite\s+)?a\s+(?:good\s+)?while\s+now\b", 7.0),
        (r"\b(?:since|from)\s+(?:i\s+was\s+)?(?:a\s+)?(?:kid|child|little|young|teenager|teen|boy|girl|childhood)\b", 730.0),
        (r"(?:\b(?:for|over|in|past|last|several|many)\s+|^\W*)(?:the\s+)?days\b(?!\s+(?:a|per|each|every|/)\b)", 3.0),
        (r"(?:\b(?:for|over|in|past|last|several|many)\s+|^\W*)(?:the\s+)?weeks\b(?!\s+(?:a|per|each|every|/|pregnant|along)\b)", 14.0),
        (r"(?:\b(?:for|over|in|past|last|several|many)\s+|^\W*)(?:the\s+)?months\b(?!\s+(?:a|per|each|every|/|pregnant|along)\b)", 60.0),
        (r"(?:\b(?:for|over|past|last|several|many)\s+|^\W*)(?:the\s+)?years\b(?!\s+(?:a|per|each|every|/|old)\b)", 730.0),
        (r"^\W*(?:started\s+)?today\W*$", 0.0),
    ]
]  # fmt: skip


# "I saw the doctor yesterday" says nothing about when the cramps began; "it started
# yesterday" and "since yesterday" do. ("this morning" is read as today whatever the verb.)
_DAY_WORDS = re.compile(r"yesterday|last\s+ni(?:ght|te)", FLAGS)
_ONSET_CUE = re.compile(
    r"\b(?:since|start\w*|began|begun|begin\w*|came\s+on|come\s+on|first|woke|wake|waking|happen\w*|"
    r"got|get|getting|noticed|had|having|kicked\s+in|went\s+into|seized|cramp\w*|spasm\w*|twitch\w*)\b",
    FLAGS,
)
_SENTENCE = re.compile(r"[^.!?\n]+")


def _dated_onset(text: str, start: int, end: int) -> bool:
    if not _DAY_WORDS.fullmatch(text[start:end].strip()) and not _DAY_WORDS.match(text[start:end]):
        return True
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= start < sentence.end():
            words = sentence.group(0).split()
            return len(words) <= 3 or bool(_ONSET_CUE.search(sentence.group(0)))
    return False


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# "since sunday", "started on tuesday", "since last wed": days back to the most recent such
# day before today (a whole week when today is that day).
_SINCE_WEEKDAY = re.compile(
    r"\b(?:since|started|starting|began|begun|begin|from|came\s+on)\s+(?:on\s+)?(?:last\s+)?"
    r"(?P<day>mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday|r|rs|nes)?\b",
    FLAGS,
)


_DAY = r"(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b"
# "It's now Wednesday", "today is Wednesday": the person's own today, if they say it.
_TODAY_IS = re.compile(rf"\b(?:it'?s|it\s+is|today\s+is|today'?s)\s+(?:now\s+)?{_DAY}", FLAGS)


def _days_since_weekday(day: str, today: int | None = None) -> float:
    today = datetime.date.today().weekday() if today is None else today
    back = (today - _WEEKDAYS.index(day.lower())) % 7
    return float(back or 7)


_ACTIVITY_IN_CLAUSE = re.compile(
    r"\b(?:sitting|sat|standing|stood|kneeling|knelt|walking|walked|driving|drove|typing|gaming|working|"
    r"gardening|painting|cycling|running|ran|hiking|swimming|playing|lying|lay|waiting|queueing|queuing)\b[^.,;!?\n]*$",
    FLAGS,
)


def find_ongoing_phrases(text: str, taken: Taken) -> Iterator[Quantity]:
    said_today = _TODAY_IS.search(text)
    today = _WEEKDAYS.index(said_today.group(1).lower()) if said_today else None
    for match in _SINCE_WEEKDAY.finditer(text):
        yield Quantity(ONGOING, _days_since_weekday(match["day"], today), match.start(), match.end())
    for pattern, value in _ONGOING_PHRASES:
        for match in pattern.finditer(text):
            if _ACTIVITY_IN_CLAUSE.search(text[max(0, match.start() - 60) : match.start()]):
                continue  # "sitting cross-legged at the party for ages": how long they sat
            days = value
            if value == -1.0:  # "the 17th day": the number is the day count
                days = float(match["n"])
            elif value == -2.0:
                days = _days_since_month(match["month"])
            if _dated_onset(text, match.start(), match.end()):
                yield Quantity(ONGOING, days, match.start(), match.end())
