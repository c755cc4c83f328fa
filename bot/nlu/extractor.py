"""`extract(text)`: what a message says about the person's spasm, as contract entities.

Plain Python (no Rasa): the Rasa component, the benchmark and the tests all call this.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.tokens import Span

from bot.nlu import numbers
from bot.nlu.context_rules import (
    FAMILY,
    HISTORICAL,
    HYPOTHETICAL,
    KIN,
    NEGATED,
    POSSIBLE,
    SELF_ALSO,
)
from bot.nlu.entity_stage import ABSENT, GAP_TOKENS, SPAN_GROUP
from bot.nlu.lexicon import LOCATION_LABEL, load_lexicon
from bot.nlu.number_temperature import find_fevers
from bot.nlu.pipeline import build_nlp
from bot.triage.case import MEDICINE_NOUNS

log = logging.getLogger(__name__)

MAX_CHARS = 5000

BODY_LOCATION = "body_location"
FINDING = "finding"

PRESENT = "present"
NEGATED_ROLE = "negated"
UNCERTAIN = "uncertain"
HYPOTHETICAL_ROLE = "hypothetical"
FAMILY_ROLE = "family"
HISTORICAL_ROLE = "historical"
FINDING_ROLES = (PRESENT, NEGATED_ROLE, UNCERTAIN, HYPOTHETICAL_ROLE, FAMILY_ROLE, HISTORICAL_ROLE)

# When several modifiers reach one finding, the one that most limits what the person is saying
# about themselves wins: a relative's or an imagined illness says nothing about them at all,
# and "maybe not" is a hedge rather than a denial.
_ROLE_PRIORITY = (
    (HYPOTHETICAL, HYPOTHETICAL_ROLE),
    (FAMILY, FAMILY_ROLE),
    (POSSIBLE, UNCERTAIN),
    (NEGATED, NEGATED_ROLE),
    (HISTORICAL, HISTORICAL_ROLE),
)
# The contract allows a body location only present or negated; a relative's calf or one the
# person used to have trouble with is not where their spasm is, so it is left out.
_LOCATION_DROPPED_BY = frozenset({FAMILY, HISTORICAL, HYPOTHETICAL})

_NEGATION_WORDS = frozenset({"not", "n't", "nt", "no", "never"})

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"}


@dataclass(frozen=True)
class Mention:
    entity: str
    value: str | float
    role: str | None
    start: int
    end: int
    text: str


def clean_text(text: str) -> str:
    """Same length as the input (offsets stay valid), with what confuses tokenisation neutralised:
    control and format characters become spaces, typographic apostrophes plain ones."""
    chars: list[str] = []
    for char in text:
        if char in _APOSTROPHES:
            chars.append(_APOSTROPHES[char])
        elif char in "\n\t":
            chars.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            chars.append(" ")
        else:
            chars.append(char)
    # "a week-ish": the hyphen becomes a space (same length), so the span reads as "a week"
    return _ISH.sub(" ", "".join(chars))


_ISH = re.compile(r"(?<=\w)-(?=ish\b)", re.IGNORECASE)


# Words a phrase needs for matching but that are not the mention itself ("has MS", "my back").
_LEADING_CONTEXT = frozenset(
    "has have had with of got 's is its be maybe about like diagnosed a an the my".split()
)


def _display_offsets(span: Span) -> tuple[int, int]:
    tokens = list(span)
    while len(tokens) > 1 and tokens[0].lower_ in _LEADING_CONTEXT and not _is_clitic(tokens[1].lower_):
        tokens.pop(0)
    return tokens[0].idx, span.end_char


def _is_clitic(word: str) -> bool:
    return word.startswith("'") or word in ("n't", "nt")


# An `absent` phrase ("I can walk fine") is a denial already. A negation reaching it across a
# comma is a list's negation running on ("no swelling, no numbness, can walk fine"); one with
# nothing in between may be a real double negative ("I don't think I can walk fine"), which
# cannot be read safely either way, so the phrase is dropped.
_SAYS_FINE = "is fine"
_ABSENT_ROLES = tuple(pair for pair in _ROLE_PRIORITY if pair[0] in (HYPOTHETICAL, FAMILY, POSSIBLE))


def _negation_runs_on(span: Span, modifier_span: tuple[int, int]) -> bool:
    start, end = modifier_span
    between = span.doc[end : span.start] if end <= span.start else span.doc[span.end : start]
    return any(token.is_punct for token in between)


def _absent_role(span: Span) -> str | None:
    categories = {modifier.category for modifier in span._.modifiers}
    for category, role in _ABSENT_ROLES:
        if category in categories:
            return role
    for modifier in span._.modifiers:
        # "I can grip things fine": the "fine" agrees with the phrase, it does not negate it
        if modifier.rule.literal == _SAYS_FINE:
            continue
        if modifier.category == NEGATED and not _negation_runs_on(span, modifier.modifier_span):
            return None
    return NEGATED_ROLE


def _role(span: Span) -> str | None:
    if span._.get(ABSENT):
        return _absent_role(span)
    categories = {modifier.category for modifier in span._.modifiers}
    if any(span.doc[i].lower_ in _NEGATION_WORDS for i in span._.get(GAP_TOKENS)):
        categories.add(NEGATED)
    if SELF_ALSO in categories:
        categories.discard(FAMILY)
    for category, role in _ROLE_PRIORITY:
        if category in categories:
            return role
    return PRESENT


_CONDITION = "CONDITION"
# A relative who had or has a condition, at the head of the clause that names it
_RELATIVE_HAD = re.compile(
    rf"(?:^|[,;:]|\band\b|\bbut\b)\s*(?:my\s+|our\s+|his\s+|her\s+)?(?:{'|'.join(KIN)})\s+"
    r"(?:had|has|died\s+of|was\s+diagnosed\s+with|got|suffered\s+from)\b[^,;:.]*$",
    re.IGNORECASE,
)


def _clause_before(text: str, start: int) -> str:
    return text[max(0, start - 80) : start]


def _span_mentions(text: str, cleaned: str) -> list[Mention]:
    doc = build_nlp()(cleaned)
    mentions: list[Mention] = []
    denials: list[Mention] = []
    relatives_places: list[Mention] = []
    for span in doc.spans[SPAN_GROUP]:
        start, end = _display_offsets(span)
        if span.label_ == LOCATION_LABEL:
            categories = {modifier.category for modifier in span._.modifiers}
            role = NEGATED_ROLE if NEGATED in categories else PRESENT
            location = Mention(BODY_LOCATION, span.kb_id_, role, start, end, text[start:end])
            if categories & (_LOCATION_DROPPED_BY - {FAMILY}):
                continue
            if FAMILY in categories:
                relatives_places.append(location)
                continue
            mentions.append(location)
        else:
            role = _role(span)
            if (
                role == PRESENT
                and span.label_ == _CONDITION
                and SELF_ALSO not in {modifier.category for modifier in span._.modifiers}
                and _RELATIVE_HAD.search(_clause_before(text, start))
            ):
                role = FAMILY_ROLE  # "none, dad had ALS": the relative rule lost its comma to the answer
            if role is not None:
                mention = Mention(FINDING, span.kb_id_, role, start, end, text[start:end])
                (denials if span._.get(ABSENT) else mentions).append(mention)
    # "I have a limp but can walk fine": a symptom named outright outweighs a reassurance in
    # the same message.
    stated = {m.value for m in mentions if m.entity == FINDING and m.role == PRESENT}
    mentions += [m for m in denials if m.value not in stated]
    mentions = [_not_there_now(m, cleaned) for m in mentions]
    mentions = _limping_from_the_cramp(mentions)
    mentions += _carers_places(mentions, relatives_places)
    mentions += _spreading_over_body_regions(mentions, cleaned)
    mentions += _limb_gone_cold_and_pale(mentions, cleaned)
    mentions += _blood_in_what_came_up(mentions, cleaned)
    mentions = _bladder_word_of_a_urinary_complaint(mentions)
    mentions = _an_itchy_rash(mentions, cleaned)
    mentions = _a_condition_treated_and_over(mentions, cleaned)
    mentions = _running_on_empty(mentions, cleaned)
    mentions = _what_a_medicine_is_for(mentions, cleaned)
    mentions = _named_place_over_a_nickname(mentions)
    mentions = _back_as_a_position(mentions, cleaned)
    mentions = [m for m in mentions if not _one_of_those_things(m, cleaned)]
    return mentions + _implied_locations(mentions)


# "my calf seized up, had to stretch it and hobble home": with a cramp in the message, a limp is
# likely the cramp's, not a leg that has stopped working. It is asked about ("do you have trouble
# walking now?") rather than taken as the red flag or dropped.
_PAIN_GAIT = re.compile(r"\b(?:hobbl|limp)", re.IGNORECASE)
# "got a mad cramp in my calf, literally fell over": the cramp took them down; asked, not assumed
_FELL_ONCE = re.compile(r"^(?:fell|fallen)\s+(?:down|over)$", re.IGNORECASE)
_BALANCE = "balance_problems"
_CRAMP = "muscle_complaint"
_WALKING = "walking_difficulty"


def _limping_from_the_cramp(mentions: list[Mention]) -> list[Mention]:
    cramps = [m for m in mentions if m.value == _CRAMP and m.role == PRESENT]
    if not cramps:
        return mentions
    return [
        replace(m, role=UNCERTAIN)
        if m.role == PRESENT
        and (
            (m.value == _WALKING and _PAIN_GAIT.match(m.text))
            or (m.value == _BALANCE and _FELL_ONCE.match(m.text.strip()))
        )
        else m
        for m in mentions
    ]


_SPREADING = "spreading_spasms"
_REGIONS_FOR_SPREADING = 3


def _spreading_over_body_regions(mentions: list[Mention], text: str) -> list[Mention]:
    """Cramps named in three or more body regions in one sentence ("my calf, then my arms and
    stomach") are spasms spreading to several groups. Only within a sentence that names the
    cramp: a long story mentions arms and legs in passing ("brilliant for the legs")."""
    categories = load_lexicon().concept_categories
    groups = load_lexicon().location_groups
    found: list[Mention] = []
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        inside = [m for m in mentions if begin <= m.start < end and m.role == PRESENT]
        cramp = next(
            (m for m in inside if m.entity == FINDING and categories.get(str(m.value)) == "muscle"), None
        )
        regions = {groups.get(str(m.value)) for m in inside if m.entity == BODY_LOCATION}
        if cramp and len(regions - {None}) >= _REGIONS_FOR_SPREADING:
            found.append(Mention(FINDING, _SPREADING, PRESENT, cramp.start, cramp.end, cramp.text))
            break
    return found


_COLD_LIMB = "cold_pale_limb"
_LIMB_GROUPS = frozenset({"leg", "arm"})
# Weather is not the limb: "when it's cold", "in the cold", "cold mornings".
_COLD = re.compile(
    r"(?<!in the )(?<!when it's )(?<!when its )(?<!it's )(?<!it is )\b(?:cold|colder|freezing|icy|chilly)\b"
    r"(?!\s+(?:weather|water|days?|mornings?|nights?|outside|out|snap|drink|shower|bath))",
    re.IGNORECASE,
)
_PALE = re.compile(
    r"\b(?:white|whiter|whitish|pale|paler|blue|bluish|blueish|purple|purplish|grey|gray|greyish|mottled)\b",
    re.IGNORECASE,
)
_DENIED_BEFORE = re.compile(r"(?:\bnot?|n't|\bnt|\bnever|\bnor|\bor)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _limb_gone_cold_and_pale(mentions: list[Mention], text: str) -> list[Mention]:
    """A hand, foot, arm or leg that is cold and pale, white or blue in one sentence, however far
    apart the words are ("my foot cramped an hour ago and now it's gone cold and white", "foot is
    numb and cold, looks pale"): the blood supply may be blocked. Said with a denial before either
    word ("not cold or pale") it is not reported."""
    if any(m.value == _COLD_LIMB for m in mentions):
        return []
    groups = load_lexicon().location_groups
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        limb = any(
            m.entity == BODY_LOCATION and begin <= m.start < end and groups.get(str(m.value)) in _LIMB_GROUPS
            for m in mentions
        )
        cold = [
            c for c in _COLD.finditer(text, begin, end) if not _DENIED_BEFORE.search(text[begin : c.start()])
        ]
        pale = [
            p for p in _PALE.finditer(text, begin, end) if not _DENIED_BEFORE.search(text[begin : p.start()])
        ]
        if limb and cold and pale:
            first = min(cold[0], pale[0], key=lambda m: m.start())
            last = max(cold[0], pale[0], key=lambda m: m.end())
            return [
                Mention(
                    FINDING, _COLD_LIMB, PRESENT, first.start(), last.end(), text[first.start() : last.end()]
                )
            ]
    return []


_BLOOD = re.compile(r"\bblood(?:y)?\b|\bcoffee\s+grounds?\b", re.IGNORECASE)
_BROUGHT_UP = "vomiting"


def _blood_in_what_came_up(mentions: list[Mention], text: str) -> list[Mention]:
    """Blood named in the same sentence as a present vomiting, however far apart ("just threw
    up and it was bright red blood, like a mugful"): vomiting blood, unless the blood is denied."""
    if any(m.value == "vomiting_blood" for m in mentions):
        return []
    for vomit in (m for m in mentions if m.value == _BROUGHT_UP and m.role == PRESENT):
        _, after = _sentence_around(text, vomit.start, vomit.end)
        blood = _BLOOD.search(after)
        if blood and not _DENIED_BEFORE.search(after[: blood.start()]):
            end = vomit.end + blood.end()
            return [Mention(FINDING, "vomiting_blood", PRESENT, vomit.start, end, text[vomit.start : end])]
    return []


# "very itchy, little red spots": an itchy rash (a new detergent, hives) is not the rash that does
# not fade; spots said anywhere to be purple or not to fade under a glass stay that rash.
_ITCH = re.compile(r"\bitch(?:y|ing|es|ed)?\b", re.IGNORECASE)
_NON_BLANCHING_WORDS = re.compile(r"fade|blanch|glass|purple|pinprick|bruis", re.IGNORECASE)


def _an_itchy_rash(mentions: list[Mention], text: str) -> list[Mention]:
    if not _ITCH.search(text) or _NON_BLANCHING_WORDS.search(text):
        return mentions
    return [m for m in mentions if not (m.value == "non_blanching_rash" and m.role == PRESENT)]


# "had a slipped disc 5 yrs ago but physio sorted it": a condition treated and over is not one
# they have now (a history alone still counts); "not sorted yet" keeps it
_TREATED_AND_OVER = re.compile(
    r"^(?:(?!\bnot\b|n't|\bnever\b|\byet\b)[^.;!?]){0,40}?\b(?:sorted|fixed|cured|healed|cleared|resolved)\b",
    re.IGNORECASE,
)


# "running on red bull and 5 hrs sleep", "running on empty": getting by, not a run
_GETTING_BY_ON = re.compile(
    r"^\s+on\s+(?:red\s*bull|monster|coffee|caffeine|energy\s+drinks?|fumes|empty|adrenaline|no\s+sleep|"
    r"little\s+sleep|\d+\s*(?:hrs?|hours?))\b",
    re.IGNORECASE,
)
_RUNNING = re.compile(r"^(?:running|run|ran|runs)$", re.IGNORECASE)


def _running_on_empty(mentions: list[Mention], text: str) -> list[Mention]:
    return [
        m
        for m in mentions
        if not (m.value == "exercise" and _RUNNING.match(m.text) and _GETTING_BY_ON.match(text[m.end :]))
    ]


def _a_condition_treated_and_over(mentions: list[Mention], text: str) -> list[Mention]:
    categories = load_lexicon().concept_categories
    return [
        replace(m, role=NEGATED_ROLE)
        if m.entity == FINDING
        and m.role in (PRESENT, HISTORICAL_ROLE)
        and categories.get(str(m.value)) == "condition"
        and _TREATED_AND_OVER.match(text[m.end :])
        else m
        for m in mentions
    ]


def _bladder_word_of_a_urinary_complaint(mentions: list[Mention]) -> list[Mention]:
    """The bare word "bladder" answers the warning-sign list ("bladder and numbness"), but next to
    burning or peeing often ("is this a cramp of the bladder?") it names where that complaint is,
    not a bladder that cannot empty or hold."""
    if not any(m.value == "urinary_symptoms" and m.role == PRESENT for m in mentions):
        return mentions
    return [m for m in mentions if not (m.value == "bladder_problems" and m.text.lower() == "bladder")]


# "water tablets for my swollen ankles", "one for my bladder": what a medicine treats is a known
# problem, not necessarily a new sign now. Swelling, redness or warmth being treated is long-
# standing (as "ankles puffy for years" is): not the new sign, and the warning-sign question still
# asks about it. A bladder, bowel or nerve sign is kept as unsure, so it is asked about at once.
_MEDICINE_WORDS = MEDICINE_NOUNS + r"|one|ones|something"  # "the one for my heart"
# "a water tablet a month ago for swollen ankles": when it was started may come between
_STARTED_WHEN = (
    r"(?:\s+(?:(?:a|an|one|two|three|few|couple|of|several|\d+)\s+){1,3}(?:days?|weeks?|months?|years?)\s+ago"
    r"|\s+(?:last|this)\s+(?:week|month|year)|\s+in\s+[a-z]+|\s+recently)?"
)
_FOR_WHAT = (
    _STARTED_WHEN
    + r"\s+(?:for|to\s+(?:help|treat|stop|ease|control)(?:\s+with)?|against)\s+(?:(?:my|his|her|the|their|your|a|an|some)\s+)?(?:[a-z']+\s+){0,2}$"
)
_TREATS_WHAT_FOLLOWS = re.compile(rf"\b(?:{_MEDICINE_WORDS}){_FOR_WHAT}", re.IGNORECASE)
_TREATS_AFTER_A_NAME = re.compile(rf"^{_FOR_WHAT}", re.IGNORECASE)


def _what_a_medicine_is_for(mentions: list[Mention], text: str) -> list[Mention]:
    categories = load_lexicon().concept_categories
    medicines = [m for m in mentions if m.entity == FINDING and categories.get(str(m.value)) == "medicine"]
    result = []
    for mention in mentions:
        if (
            mention.entity == FINDING
            and mention.role == PRESENT
            and categories.get(str(mention.value)) == "symptom"
        ):
            before = text[max(0, mention.start - 60) : mention.start]
            named = any(
                m.end <= mention.start and _TREATS_AFTER_A_NAME.match(text[m.end : mention.start])
                for m in medicines
            )
            if named or _TREATS_WHAT_FOLLOWS.search(before):
                treated = HISTORICAL_ROLE if mention.value in _LONGSTANDING_SIGNS else UNCERTAIN
                mention = replace(mention, role=treated)
        result.append(mention)
    return result


# "Yes, one of those" answers the warning-sign list; "one of those charley horse things" does not.
_NAMED_AFTER = re.compile(
    r"^\s+(?!(?:and|but|or|i|im|i'm|too|as|now|though|tho|really|yes|yeah|maybe|sometimes|at|in|on|today|lately)\b)[a-z]",
    re.IGNORECASE,
)


def _one_of_those_things(mention: Mention, text: str) -> bool:
    return (
        mention.value == "unspecified_symptom"
        and mention.text.lower().endswith(("those", "these"))
        and bool(_NAMED_AFTER.match(text[mention.end :]))
    )


_NICKNAMES = re.compile(r"^charl(?:ey|ie)\s+horses?$", re.IGNORECASE)


# "my back teeth", "the tooth at the back", "in the back seat": where in the mouth or the car,
# not the back of the body
_BACK_AS_A_POSITION_AFTER = re.compile(
    r"^\s+(?:tooth|teeth|molars?|gums?|seat|seats|garden|yard|door|row|pocket|burner|room|bedroom)\b",
    re.IGNORECASE,
)
_BACK_AS_A_POSITION_BEFORE = re.compile(
    r"\b(?:tooth|teeth|molars?|gums?|mouth|throat|tongue)\s+(?:(?:right|up|down|way)\s+)?(?:at|in|on|near|towards?)\s+the\s+$",
    re.IGNORECASE,
)


def _back_as_a_position(mentions: list[Mention], text: str) -> list[Mention]:
    return [
        m
        for m in mentions
        if not (
            m.entity == BODY_LOCATION
            and m.value == "back"
            and (
                _BACK_AS_A_POSITION_AFTER.match(text[m.end : m.end + 20])
                or _BACK_AS_A_POSITION_BEFORE.search(text[max(0, m.start - 40) : m.start])
            )
        )
    ]


def _named_place_over_a_nickname(mentions: list[Mention]) -> list[Mention]:
    """A "charley horse" is a calf cramp unless the person names where it is ("a charley horse in
    my thigh"): the place they name wins."""
    named = [
        m
        for m in mentions
        if m.entity == BODY_LOCATION and m.role == PRESENT and not _NICKNAMES.match(m.text)
    ]
    if not named:
        return mentions
    return [m for m in mentions if not (m.entity == BODY_LOCATION and _NICKNAMES.match(m.text))]


_SYMPTOM_CATEGORIES = frozenset({"symptom", "muscle", "feature"})


def _carers_places(mentions: list[Mention], relatives_places: list[Mention]) -> list[Mention]:
    """A relative's body part is where the spasm is when they are the one with it now: someone
    writing for them ("my sister gets cramps in her calves") names no place of their own but a
    present symptom. "My neighbour had a clot in his leg" (only a past diagnosis) is not."""
    if any(m.entity == BODY_LOCATION for m in mentions):
        return []
    categories = load_lexicon().concept_categories
    has_symptom_now = any(
        m.entity == FINDING and m.role == PRESENT and categories.get(str(m.value)) in _SYMPTOM_CATEGORIES
        for m in mentions
    )
    return relatives_places if has_symptom_now else []


# Signs that can come and go harmlessly: numb after sitting cross-legged "but fine now", ankles
# "puffy for 10 years". Said so in the same sentence, they are not what is happening now.
# Bladder, bowel, chest and nerve signs are never cleared this way: they matter even if brief.
_PASSING_SIGNS = frozenset({"numbness", "swelling", "redness", "warmth"})
_LONGSTANDING_SIGNS = frozenset({"swelling", "redness", "warmth"})
_RESOLVED = re.compile(
    r"\b(?:fine|better|normal|gone|ok|okay|settled|resolved|cleared)\s+(?:now|again|after|within|since|by)\b"
    r"|\ball\s+(?:gone|fine|normal|better|good)\b|\bback\s+to\s+normal\b"
    r"|\b(?:totally|completely)\s+(?:normal|fine|gone)\b|\bthen\s+(?:fine|ok|okay|normal|gone|better)\b"
    r"|\b(?:went|goes|gone|wore|wears)\s+(?:away|off)\b|\bwent\s+(?:after|within|yesterday|last\s+night|this\s+morning|earlier)\b"
    # "fine once I took them off"
    r"|\b(?:fine|better|normal|ok|okay|went|gone|stopped|passed)\s+(?:once|when|as\s+soon\s+as)\b"
    r"|\b(?:it|that|they|which)\s+(?:went|passed)\s*$"
    # "the numb leg was yesterday and went in seconds"
    r"|^\s*(?:\w+\s+){0,2}(?:was|were)\s+(?:yesterday|last\s+night|earlier|the\s+other\s+day)\b"
    r"|\b(?:went|gone|passed|cleared)\s+in\s+(?:seconds|a\s+few\s+seconds|a\s+second|a\s+minute|minutes|no\s+time)\b",
    re.IGNORECASE,
)
_LONGSTANDING = re.compile(
    r"\bfor\s+(?:about\s+|over\s+|around\s+|nearly\s+|almost\s+|the\s+(?:last|past)\s+)?"
    r"(?:\d+|many|several|a\s+few|some|two|three|four|five|six|seven|eight|nine|ten|twenty)?\s*years\b"
    r"|\balways\b|\bfor\s+ages\b|\bsince\s+i\s+was\b",
    re.IGNORECASE,
)
# "the ankles are less puffy since the tablets", "the swelling has gone down": easing, not new.
_LESSENING_BEFORE = re.compile(r"\b(?:less|not\s+as|not\s+so|no\s+longer)\s+$", re.IGNORECASE)
_GOING_DOWN = re.compile(
    r"^\s*(?:has\s+|have\s+|is\s+|'s\s+)?(?:gone|going|went|come|coming|came)\s+down\b", re.IGNORECASE
)
# "went numb for like an hour", "cramp was a minute, numb about an hour": told in the past with
# how long it lasted, so it has ended; "been numb for an hour", "is still numb" are still there,
# and without a past tense ("numb for 10 minutes") it is taken as there.
_LASTED_A_WHILE = re.compile(
    r"^\s*(?:for\s+)?(?:like\s+|about\s+|around\s+|maybe\s+|roughly\s+|only\s+|just\s+)?"
    r"(?:an?|\d+|a\s+few|few|a\s+couple\s+of|couple\s+of|half\s+an?)\s*(?:sec|min|hour|hr)",
    re.IGNORECASE,
)
_STILL_AFTER = re.compile(
    r"^[^,;.]*\b(?:now|still|so\s+far|and\s+counting|already|each\s+time|every\s+time|whenever)\b",
    re.IGNORECASE,
)
# ... and so is a sign that comes each time: "my foot goes numb for a few minutes".
_STILL_BEFORE = re.compile(
    r"\b(?:been|is|am|are|'s|still|keeps?|now|goes|go|gets|get|turns|turn|comes|come)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_PAST_BEFORE = re.compile(r"\b(?:went|was|were|had|lasted|got)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the mention's sentence before and after it."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin:start], text[end : stop.start() if stop else len(text)]


# A foot or leg that "went to sleep" from the way someone sat: "went numb sitting cross-legged".
_SAT_ON_IT = re.compile(
    r"\bcross[\s-]?legged\b|\bcrossed\s+(?:my\s+)?legs\b|\b(?:sitting|sat|kneeling|knelt|squatting|lying)\s+on\s+(?:it|them|my|his|her|the\s+floor)\b"
    r"|\b(?:went|gone|goes|fell)\s+(?:to\s+)?sleep\b|\bdead\s+leg\b",
    re.IGNORECASE,
)


# "numb, like when your foot goes to sleep but it doesn't wear off": a likeness, not a cause
_LIKENESS_BEFORE = re.compile(r"\b(?:like|as\s+if|as\s+though|similar\s+to)\b[^,.;]{0,20}$", re.IGNORECASE)
_DOES_NOT_WEAR_OFF = re.compile(
    r"\b(?:doesn'?t|does\s+not|won'?t|didn'?t|hasn'?t|has\s+not|not)\s+(?:wear(?:ing)?|gone|go(?:ing)?|went|worn)\s+(?:off|away)\b"
    r"|\bstill\s+(?:numb|tingl|dead|asleep)",
    re.IGNORECASE,
)


def _from_how_they_sat(sentence: str) -> bool:
    """Numbness that came from how someone sat or knelt (the mention itself may be the phrase:
    "foot went to sleep"), unless it is only a likeness or it has not worn off."""
    if _DOES_NOT_WEAR_OFF.search(sentence):
        return False
    return any(not _LIKENESS_BEFORE.search(sentence[: m.start()]) for m in _SAT_ON_IT.finditer(sentence))


def _passes(value: object) -> bool:
    # "had a bit of a headache the first day but that went": a complaint can pass as well
    return value in _PASSING_SIGNS or load_lexicon().concept_categories.get(str(value)) == "complaint"


def _not_there_now(mention: Mention, text: str) -> Mention:
    if mention.entity != FINDING or mention.role != PRESENT or not _passes(mention.value):
        return mention
    before, after = _sentence_around(text, mention.start, mention.end)
    if mention.value == "numbness" and _from_how_they_sat(f"{before} {mention.text} {after}"):
        return replace(mention, role=HISTORICAL_ROLE)
    lasted = _LASTED_A_WHILE.match(after) and _PAST_BEFORE.search(before)
    if lasted and not _STILL_BEFORE.search(before) and not _STILL_AFTER.search(after):
        return replace(mention, role=HISTORICAL_ROLE)  # "numb about an hour": it lasted, then went
    resolved = _RESOLVED.search(after) or (
        mention.value in _LONGSTANDING_SIGNS
        and (_LESSENING_BEFORE.search(before) or _GOING_DOWN.match(after))
    )
    longstanding = mention.value in _LONGSTANDING_SIGNS and _LONGSTANDING.search(before + " " + after)
    return replace(mention, role=HISTORICAL_ROLE) if resolved or longstanding else mention


def _implied_locations(mentions: list[Mention]) -> list[Mention]:
    implied = load_lexicon().implied_locations
    named = {m.value for m in mentions if m.entity == BODY_LOCATION}
    added: list[Mention] = []
    for mention in mentions:
        location = implied.get(str(mention.value)) if mention.entity == FINDING else None
        if location and mention.role == PRESENT and location not in named:
            named.add(location)
            added.append(Mention(BODY_LOCATION, location, PRESENT, mention.start, mention.end, mention.text))
    return added


# "I've had MS for 10 years", "on statins for 5 years", "ibuprofen since Saturday": how long they
# have had the condition or taken the medicine, not how long the spasms have been going on.
_BACKGROUND_CATEGORIES = frozenset({"condition", "medicine"})
_FOR_AFTER = re.compile(r"^\s*,?\s*(?:now\s+)?(?:for|since)\b", re.IGNORECASE)
# "a thyroid tablet, been on it for years": the words between may only say they take it
_ONLY_FOR_BETWEEN = re.compile(
    rf"^\s*(?:{_MEDICINE_WORDS})?\s*,?\s*"
    r"(?:(?:and\s+)?(?:i'?ve|i\s+have|he'?s|she'?s|they'?ve|we'?ve)?\s*(?:been\s+)?"
    r"(?:on|taking|taken|had|using)\s+(?:it|them|that|those|these|this)?\s*)?"
    r",?\s*(?:now\s+)?(?:for\s*)?$",
    re.IGNORECASE,
)
_FOR_OR_SINCE = re.compile(r"\b(?:for|since)\b", re.IGNORECASE)


# "my foot went numb for like an hour": how long the numbness lasted, not one cramp.
_SIGN_CATEGORIES = frozenset({"symptom", "complaint"})


def _about_a_background_finding(quantity: numbers.Quantity, spans: list[Mention], text: str) -> bool:
    if quantity.entity == numbers.EPISODE:
        owners = _SIGN_CATEGORIES
    elif quantity.entity == numbers.ONGOING:
        owners = _BACKGROUND_CATEGORIES
    else:
        return False
    categories = load_lexicon().concept_categories
    for mention in spans:
        if mention.entity == FINDING and categories.get(str(mention.value)) in owners:
            between = text[mention.end : quantity.start] if mention.end <= quantity.start else "x"
            if _ONLY_FOR_BETWEEN.match(between) and (
                quantity.entity == numbers.EPISODE
                or _FOR_AFTER.match(text[mention.end : quantity.end])
                or (between.strip() and _FOR_OR_SINCE.search(text[mention.end : quantity.end]))
            ):
                return True
    return False


# "I had sciatica some fifteen years ago": when a past problem was, not when this one began
_AGO_AFTER = re.compile(r"^\s*(?:ago|back)\b", re.IGNORECASE)
_A_FEW_WORDS_BETWEEN = re.compile(r"^[\s\w']{0,30}$")


def _when_a_past_problem_was(quantity: numbers.Quantity, spans: list[Mention], text: str) -> bool:
    if quantity.entity != numbers.ONGOING or not _AGO_AFTER.match(text[quantity.end :]):
        return False
    before = [
        m
        for m in spans
        if m.entity == FINDING
        and m.end <= quantity.start
        and _A_FEW_WORDS_BETWEEN.match(text[m.end : quantity.start])
    ]
    return bool(before) and before[-1].role not in (None, PRESENT)


# A number being corrected away: "15 seconds not 15 minutes", "3 weeks rather than 10 days",
# "it doesn't last 15 minutes". Only a few filler words may stand between the cue and the
# number, so "I haven't exercised for 3 weeks" keeps its number. A negation the number finders
# read themselves ("not even a minute", "not too bad") lies inside the quantity, not before it.
_CORRECTED_AWAY = re.compile(
    r"(?:\bnot|n't|\bnt|\bnever|\binstead\s+of|\brather\s+than|\bas\s+opposed\s+to)\s*,?\s*"
    r"(?:(?:it|they|that|this|them|be|been|is|was|last|lasts|lasted|lasting|take|takes|took|go|goes|"
    r"happen|happens|happened|occur|occurs|come|comes|get|gets|for|about|around|roughly|like|"
    r"quite|exactly|really|actually|the|a|an)\s+){0,3}$",
    re.IGNORECASE,
)
_CUE_WINDOW = 60


def _number_role(quantity: numbers.Quantity, text: str) -> str | None:
    before = text[max(0, quantity.start - _CUE_WINDOW) : quantity.start]
    return NEGATED_ROLE if _CORRECTED_AWAY.search(before) else None


# "35 weeks, had a headache since last night": a message that opens with weeks late enough to be a
# pregnancy, standing alone, tells how far along she is
GESTATION_OPENING = re.compile(r"^\W*(?P<weeks>[2-4]\d)\s*(?:weeks?|wks?)\s*(?=[,.;:!+]|$)", re.IGNORECASE)
_PREGNANCY = "pregnancy"


def _gestation_mentions(text: str, cleaned: str) -> list[Mention]:
    match = GESTATION_OPENING.match(cleaned)
    if not match or not 20 <= int(match.group("weeks")) <= 42:
        return []
    return [
        Mention(
            FINDING,
            _PREGNANCY,
            PRESENT,
            match.start("weeks"),
            match.end(),
            text[match.start("weeks") : match.end()],
        )
    ]


def _fever_mentions(text: str, cleaned: str) -> list[Mention]:
    return [
        Mention(FINDING, finding, PRESENT, start, end, text[start:end])
        for finding, start, end in find_fevers(cleaned)
    ]


def _in_a_relatives_story(quantity: numbers.Quantity, spans: list[Mention], text: str) -> bool:
    """ "My mum was diagnosed with MS a few years back": how long ago for the relative, in a
    sentence that says nothing of the person's own spasm."""
    if quantity.entity != numbers.ONGOING:
        return False
    before, after = _sentence_around(text, quantity.start, quantity.end)
    begin, end = quantity.start - len(before), quantity.end + len(after)
    inside = [m for m in spans if begin <= m.start < end]
    return any(m.role == FAMILY_ROLE for m in inside) and not any(
        m.value in ("muscle_complaint", "twitching") and m.role == PRESENT for m in inside
    )


# "doctor is checking me every 6 month", "bloods every 3 months": how often they are seen
# "I take my water pill every morning", "I check my sugar every day": their care's rhythm.
_THEIR_CARE_BEFORE = re.compile(
    r"\b(?:doctors?|gp|nurses?|consultants?|specialists?|clinic|hospital"
    r"|check(?:s|ing|ed)?\s+(?:me|him|her|them|on|my|his|her|their)"
    r"|check-?ups?|appointments?|bloods|blood\s+tests?|reviews?|injections?|jabs?|dialysis|scans?"
    r"|(?:take|takes|taking|took)\s+(?:my|his|her|their|the|a|an|one|two|it|them|\d))\b"
    r"(?:(?!\b(?:and|but|while|whereas|then)\b)[^.,;!?])*$",
    re.IGNORECASE,
)


def _about_their_care(quantity: numbers.Quantity, text: str) -> bool:
    if quantity.entity != numbers.FREQUENCY:
        return False
    before, _ = _sentence_around(text, quantity.start, quantity.end)
    return bool(_THEIR_CARE_BEFORE.search(before))


# "used to be once a month, now a few times a week": how it was
_HOW_IT_WAS = re.compile(
    r"\b(?:used\s+to(?:\s+be)?|was|were)\s+(?:about\s+|around\s+|like\s+|only\s+)?$", re.I
)


def _telling(mention: Mention, text: str, hints: set[tuple[int, int]]) -> tuple[bool, bool, float]:
    now = not _HOW_IT_WAS.search(text[max(0, mention.start - 24) : mention.start])
    return (now, (mention.start, mention.end) not in hints, float(mention.value))


def _one_frequency(mentions: list[Mention], text: str, hints: set[tuple[int, int]]) -> list[Mention]:
    """ "most nights, sometimes twice", "now and again, perhaps once a month": one message gives
    one rhythm. How it is now beats how it was; a count beats a hint ("now and again", "not
    often"), since it says how often that is; of two counts or two hints, the more often (the
    other counts within a night)."""
    said = [m for m in mentions if m.entity == numbers.FREQUENCY and m.role != NEGATED_ROLE]
    if len(said) < 2 or not all(isinstance(m.value, float) for m in said):
        return mentions
    kept = max(said, key=lambda m: _telling(m, text, hints))
    return [m for m in mentions if m not in said or m is kept]


def _number_mentions(text: str, cleaned: str, spans: list[Mention]) -> list[Mention]:
    quantities = [
        q
        for q in numbers.find_quantities(cleaned)
        if not _about_a_background_finding(q, spans, cleaned)
        and not _when_a_past_problem_was(q, spans, cleaned)
        and not _in_a_relatives_story(q, spans, cleaned)
        and not _about_their_care(q, cleaned)
    ]
    return _one_frequency(
        [
            Mention(q.entity, q.value, _number_role(q, cleaned), q.start, q.end, text[q.start : q.end])
            for q in quantities
        ],
        cleaned,
        {(q.start, q.end) for q in quantities if q.hint},
    )


def extract(text: str) -> list[Mention]:
    """Every mention in the first MAX_CHARS characters of `text`, in text order. Never raises:
    a message the extractor cannot read yields no entities rather than a failed turn."""
    try:
        if not isinstance(text, str) or not text.strip():
            return []
        text = text[:MAX_CHARS]
        cleaned = clean_text(text)
        spans = (
            _span_mentions(text, cleaned)
            + _fever_mentions(text, cleaned)
            + _gestation_mentions(text, cleaned)
        )
        mentions = spans + _number_mentions(text, cleaned, spans)
        return sorted(mentions, key=lambda m: (m.start, m.end, m.entity))
    except Exception:  # noqa: BLE001 - a bad message must not break the conversation
        log.exception("clinical extraction failed; returning no entities")
        return []
