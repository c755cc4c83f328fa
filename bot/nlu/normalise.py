"""Word normalisation shared by the lexicon patterns and the text: lemma, spelling, typo repair.

Both sides of a match go through `key`, so "swollen", "swells" and "swelling" meet at "swell"
and "feet" meets "foot". Unknown words are repaired towards the lexicon's own vocabulary
("numbess" -> "numbness") instead of running fuzzy matching inside the Matcher: that keeps
matching to one hash lookup per token, and a real English word is never "repaired"
("never" must not become "fever", "colt" must not become "clot").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import load_lookups
from spacy.matcher.levenshtein import levenshtein

# The lookup table's lemmas that would merge words the lexicon keeps apart.
_LEMMA_OVERRIDES = {
    "worse": "worse",
    "worst": "worst",
    "better": "better",
    "best": "best",
    "does": "do",
    "calves": "calf",
    "'s": "'s",
    "’s": "'s",
    "as": "as",
    "tired": "tired",
    "ms": "ms",
    "lying": "lie",
    # Activities whose verb lemma is a different everyday word: "bit" is not "bite", a train
    # ride is not training, "type 2 diabetes" is not typing, "runs in the family" is not running.
    "bit": "bit",
    "running": "running",
    "training": "training",
    "cycling": "cycling",
    "cleaning": "cleaning",
    "painting": "painting",
    "gardening": "gardening",
    "typing": "typing",
    "wound": "wound",
    "wounds": "wound",
    "winded": "winded",
    "liver": "liver",
    "cola": "cola",
    "less": "less",
    "more": "more",
    # The lemma table reads "number" as "more numb": "what's my NHS number" is not numbness.
    "number": "number",
    # "boxing" is the sport; its lemma "box" is what you lift ("lifting a heavy box").
    "boxing": "boxing",
    # A "stabbing" pain or knot is how it feels; being "stabbed" is a wound.
    "stabbing": "stabbing",
    # "boiling hot" is a fever; a "boil" is a skin problem.
    "boiling": "boiling",
    "stabby": "stabbing",
    # "eye drops" are a medicine, not an eye that dropped (a drooping face is a stroke sign).
    "drops": "drops",
    # Texting spellings too short for typo repair.
    "nite": "night",
    "nites": "night",
    "tonite": "tonight",
    "enuf": "enough",
    "bak": "back",
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_MIN_REPAIR_LEN = 4
_CACHE_LIMIT = 50_000


def _inflections(word: str) -> set[str]:
    """Regular forms a typo of `word` is likely to be near ("dieuretics" is near "diuretics")."""
    forms = {word}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
    return forms


def _is_transposition(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _max_edits(length: int) -> int:
    if length < 5:
        return 0  # only a swap of two letters ("claf"): any other edit of a short word is another word
    return 1 if length < 8 else 2


class WordNormaliser:
    def __init__(self, vocabulary: Iterable[str]) -> None:
        lookups = load_lookups("en", ["lemma_lookup", "lemma_index", "lexeme_norm"])
        self._lemmas = lookups.get_table("lemma_lookup")
        self._spelling = lookups.get_table("lexeme_norm")
        index = lookups.get_table("lemma_index")
        self._dictionary: set[str] = set(STOP_WORDS)
        for pos in ("noun", "verb", "adj", "adv"):
            self._dictionary.update(index.get(pos, []))
        self._cache: dict[tuple[str, str], str] = {}

        words = {w.lower().translate(_APOSTROPHES) for w in vocabulary}
        self.vocabulary = frozenset(words)
        self.keys = frozenset(self.key(w) for w in words)
        # (form, key, generated): sorted, so that equal candidates are tried in the same order
        # in every process (set order changes with hash seeds).
        candidates: dict[str, set[tuple[str, str, bool]]] = defaultdict(set)
        for word in words:
            if len(word) >= _MIN_REPAIR_LEN and word.isalpha():
                for form in _inflections(word):
                    candidates[form[0]].add((form, self.key(word), form != word))
        self._candidates = {letter: sorted(forms) for letter, forms in candidates.items()}

    def key(self, word: str) -> str:
        """The matching key of one token's text (already lower-cased or tokenizer-normalised)."""
        word = word.lower().translate(_APOSTROPHES)
        word = self._spelling.get(word, word)
        if word in _LEMMA_OVERRIDES:
            return _LEMMA_OVERRIDES[word]
        return self._lemmas.get(word, word)

    def is_known_word(self, word: str) -> bool:
        return word in self._dictionary or word in self._lemmas or word in self._spelling

    def normalise(self, lower: str, norm: str) -> str:
        """The key of a text token, repairing it first when it is an unknown word near the lexicon."""
        cache_key = (lower, norm)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        result = self.key(norm)
        if (
            result not in self.keys
            and lower not in self.vocabulary
            and len(lower) >= _MIN_REPAIR_LEN
            and lower.isalpha()
            # A word with letters outside plain English ("fatigué", "müde") is another language,
            # not a typo: typing an accent by mistake is rare.
            and lower.isascii()
            and not self.is_known_word(lower)
        ):
            repaired = self._nearest(lower)
            if repaired is not None:
                result = repaired
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[cache_key] = result
        return result

    def _nearest(self, word: str) -> str | None:
        limit = _max_edits(len(word))
        buckets = [word[0]] if len(word) < 2 or word[0] == word[1] else [word[0], word[1]]
        best: tuple[int, bool, int, str] | None = None
        for bucket in buckets:
            for form, key, generated in self._candidates.get(bucket, ()):
                if _is_transposition(word, form):
                    distance = 1
                elif bucket != word[0] or abs(len(form) - len(word)) > limit or limit == 0:
                    continue
                else:
                    distance = levenshtein(word, form, limit)
                    if distance > limit:
                        continue
                # Fewest edits; then a word written in the lexicon over a generated form of one;
                # then the longest shared beginning ("needels" is "needles", not "needs").
                rank = (distance, generated, -_shared_prefix(word, form), key)
                if best is None or rank < best:
                    best = rank
        return None if best is None else best[3]
