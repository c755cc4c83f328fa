"""Sentence features for the intent classifier from what the clinical extractor found.

The word and character n-gram featurizers know nothing about the domain: to them "behind my knee"
and "behind the sofa" are alike, and "chest" is a word seen a handful of times. The extractor
knows every body location, symptom, trigger, medicine, condition, duration, frequency, severity
and age in bot/nlu/lexicon.yml and the number finders. `feature_names(text, mentions)` turns its
mentions (plus a few surface cues) into a small fixed set of binary sentence features, so the
classifier can learn "a short message that is mostly a body location is an answer" once for all
locations, including the ones missing from the training examples.

Plain Python (no Rasa): the Rasa featurizer (bot/nlu/rasa_component.py) calls `feature_names` and
`FEATURES`, so the features are defined in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlu.extractor import BODY_LOCATION, FINDING, NEGATED_ROLE, PRESENT, Mention
from bot.nlu.lexicon import load_lexicon
from bot.nlu.number_base import AGE, EPISODE, FREQUENCY, ONGOING, SEVERITY

# Finding categories from bot/knowledge/concepts.yml.
CATEGORIES = ("symptom", "feature", "trigger", "medicine", "condition", "context", "muscle", "complaint")
NUMBER_ENTITIES = (EPISODE, ONGOING, FREQUENCY, SEVERITY, AGE)

LOCATION = "location"
LOCATION_NEGATED = "location_negated"
FINDING_NEGATED = "finding_negated"
# uncertain, hypothetical, family or historical: about the person's case, but not a plain "I have".
FINDING_QUALIFIED = "finding_qualified"
NUMBER_NEGATED = "number_negated"
ANY_MENTION = "any_mention"
NO_MENTION = "no_mention"
# At least half of the message's content words (stop words aside) lie inside mentions: a bare
# answer ("behind my knee", "a year", "now and then") rather than a sentence that happens to name
# a body part ("I have a rash on my arm").
MOSTLY_MENTIONS = "mostly_mentions"
STARTS_YES = "starts_yes"
STARTS_NO = "starts_no"
NO_LATIN_LETTERS = "no_latin_letters"
LENGTH_BUCKETS = ("words_1", "words_2_3", "words_4_7", "words_8_plus")

FEATURES: tuple[str, ...] = (
    LOCATION,
    LOCATION_NEGATED,
    *(f"finding_{category}" for category in CATEGORIES),
    FINDING_NEGATED,
    FINDING_QUALIFIED,
    *NUMBER_ENTITIES,
    NUMBER_NEGATED,
    ANY_MENTION,
    NO_MENTION,
    MOSTLY_MENTIONS,
    STARTS_YES,
    STARTS_NO,
    NO_LATIN_LETTERS,
    *LENGTH_BUCKETS,
)
INDEX = {name: i for i, name in enumerate(FEATURES)}

# The first word of a bare yes or no, typos and stretched spellings included ("yess", "nooo").
_YES = re.compile(r"^(?:y|ye[sp]*s*|yea+h*|yeh|yup+|ya+h?|aye|yse)$")
_NO = re.compile(r"^(?:n|no+|nope|nop|na+h*|naw|nay)$")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_LATIN = re.compile(r"[A-Za-z]")


def _length_bucket(words: int) -> str:
    if words <= 1:
        return LENGTH_BUCKETS[0]
    if words <= 3:
        return LENGTH_BUCKETS[1]
    if words <= 7:
        return LENGTH_BUCKETS[2]
    return LENGTH_BUCKETS[3]


def _mention_features(mentions: Sequence[Mention]) -> set[str]:
    categories = load_lexicon().concept_categories
    names: set[str] = set()
    for mention in mentions:
        if mention.entity == BODY_LOCATION:
            names.add(LOCATION_NEGATED if mention.role == NEGATED_ROLE else LOCATION)
        elif mention.entity == FINDING:
            if mention.role == PRESENT:
                category = categories.get(str(mention.value))
                if category in CATEGORIES:
                    names.add(f"finding_{category}")
            elif mention.role == NEGATED_ROLE:
                names.add(FINDING_NEGATED)
            else:
                names.add(FINDING_QUALIFIED)
        elif mention.entity in NUMBER_ENTITIES:
            names.add(mention.entity)
            if mention.role == NEGATED_ROLE:
                names.add(NUMBER_NEGATED)
    return names


def _mostly_mentions(text: str, mentions: Sequence[Mention]) -> bool:
    if not mentions:
        return False
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    content = [(start, end) for start, end in words if text[start:end].lower() not in STOP_WORDS] or words
    inside = sum(1 for start, end in content if any(m.start < end and start < m.end for m in mentions))
    return 2 * inside >= len(content) > 0


def feature_names(text: str, mentions: Sequence[Mention]) -> frozenset[str]:
    """The names (from FEATURES) that hold for this message and the extractor's mentions of it."""
    names = _mention_features(mentions)
    names.add(ANY_MENTION if mentions else NO_MENTION)
    if _mostly_mentions(text, mentions):
        names.add(MOSTLY_MENTIONS)
    words = _WORD.findall(text.lower())
    if words:
        if _YES.match(words[0]):
            names.add(STARTS_YES)
        elif _NO.match(words[0]):
            names.add(STARTS_NO)
    if not _LATIN.search(text):
        names.add(NO_LATIN_LETTERS)
    names.add(_length_bucket(len(text.split())))
    return frozenset(names)


def feature_row(names: Iterable[str]) -> list[int]:
    """Column indices (into FEATURES) of the names that hold, in order."""
    return sorted(INDEX[name] for name in names)
