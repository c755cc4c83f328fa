"""The spaCy component that turns lexicon phrases into mention spans.

Spans go to the span group SPAN_GROUP (label = category or LOCATION, kb_id = the id) rather
than doc.ents, because a body location may legitimately sit inside the gap of a longer finding
phrase ("cramps in my calf when I walk") and doc.ents cannot overlap.
"""

# No `from __future__ import annotations`: spaCy resolves the factory's type hints at runtime.
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.nlu.lexicon import (
    CONCEPTS_PATH,
    IGNORE_LABEL,
    LEXICON_PATH,
    LOCATION_LABEL,
    load_lexicon,
)
from bot.nlu.normalise import WordNormaliser
from bot.nlu.patterns import compile_phrase, is_gap, phrase_words

FACTORY = "charley_lexicon"
SPAN_GROUP = "charley_mentions"
# Token indices a span's "..." gaps matched: a negation there ("coughing doesn't make it
# worse") still negates the phrase, although ConText cannot see a modifier inside a target.
GAP_TOKENS = "charley_gap_tokens"
if not Span.has_extension(GAP_TOKENS):
    Span.set_extension(GAP_TOKENS, default=frozenset())
# True for a phrase from the lexicon's `absent` section ("I can walk fine"): it says the
# concept is not there, although it holds no negation word.
ABSENT = "charley_absent"
if not Span.has_extension(ABSENT):
    Span.set_extension(ABSENT, default=False)


@dataclass(frozen=True)
class _PhraseInfo:
    label: str
    ident: str
    rank: int
    gap_items: frozenset[int]
    absent: bool


@dataclass(frozen=True)
class _Hit:
    span: Span
    rank: int
    gap_tokens: frozenset[int]
    absent: bool


class LexiconEntityStage:
    def __init__(self, nlp: Language, lexicon_path: str, concepts_path: str) -> None:
        lexicon = load_lexicon(lexicon_path, concepts_path)
        tokenizer = nlp.tokenizer
        vocabulary = [w for e in lexicon.entries for w in phrase_words(e.phrase, tokenizer)]
        self.normaliser = WordNormaliser(vocabulary)
        self._anywhere = Matcher(nlp.vocab)
        self._whole = Matcher(nlp.vocab)
        self._phrases: dict[str, _PhraseInfo] = {}
        for rank, entry in enumerate(lexicon.entries):
            compiled = compile_phrase(entry.phrase, tokenizer, self.normaliser.key)
            match_key = f"{rank}"
            # An open item ("~calf is hot") is treated like a gap: the body part it matched is
            # still reported as a location of its own.
            gaps = (
                frozenset(i for i, item in enumerate(compiled.pattern) if is_gap(item)) | compiled.open_items
            )
            self._phrases[match_key] = _PhraseInfo(entry.label, entry.ident, rank, gaps, entry.absent)
            matcher = self._whole if compiled.whole_message else self._anywhere
            matcher.add(match_key, [compiled.pattern])

    def __call__(self, doc: Doc) -> Doc:
        normalise = self.normaliser.normalise
        for token in doc:
            token.norm_ = normalise(token.lower_, token.norm_)
        hits = self._hits(doc)
        findings = _best([h for h in hits if h.span.label_ != LOCATION_LABEL])
        findings += _best([h for h in hits if h not in findings and _in_a_gap(h, findings)])
        locations = _best([h for h in hits if h.span.label_ in (LOCATION_LABEL, IGNORE_LABEL)])
        kept = [h for h in findings if h.span.label_ != IGNORE_LABEL]
        kept += [
            h
            for h in locations
            if h.span.label_ != IGNORE_LABEL and not any(_owns(f, h.span) for f in findings)
        ]
        for hit in kept:
            hit.span._.set(GAP_TOKENS, hit.gap_tokens)
            hit.span._.set(ABSENT, hit.absent)
        doc.spans[SPAN_GROUP] = sorted((h.span for h in kept), key=lambda s: (s.start, s.end))
        return doc

    def _hits(self, doc: Doc) -> list[_Hit]:
        sentence_of = _sentence_ids(doc)
        hits: list[_Hit] = []
        for match_id, start, end, alignment in self._anywhere(doc, with_alignments=True):
            if sentence_of[start] == sentence_of[end - 1]:
                hits.append(self._hit(doc, match_id, start, end, alignment))
        for match_id, start, end, alignment in self._whole(doc, with_alignments=True):
            if all(t.is_punct or t.is_space for t in (*doc[:start], *doc[end:])):
                hits.append(self._hit(doc, match_id, start, end, alignment))
        return hits

    def _hit(self, doc: Doc, match_id: int, start: int, end: int, alignment: list[int]) -> _Hit:
        info = self._phrases[doc.vocab.strings[match_id]]
        gap_tokens = frozenset(start + i for i, item in enumerate(alignment) if item in info.gap_items)
        span = Span(doc, start, end, label=info.label, kb_id=info.ident)
        return _Hit(span, info.rank, gap_tokens, info.absent)


def _best(hits: list[_Hit]) -> list[_Hit]:
    """Longest match wins; among equal spans the phrase listed first in the lexicon."""
    ordered = sorted(hits, key=lambda h: h.rank)
    by_span = {(h.span.start, h.span.end, h.span.label_, h.span.kb_id_): h for h in reversed(ordered)}
    chosen = filter_spans([h.span for h in ordered])
    return [by_span[(s.start, s.end, s.label_, s.kb_id_)] for s in chosen]


def _in_a_gap(hit: _Hit, kept: list[_Hit]) -> bool:
    """A finding inside another phrase's gap is a finding of its own: "sitting at my desk all
    day" is both a long time in one position and computer work."""
    if hit.span.label_ in (LOCATION_LABEL, IGNORE_LABEL):
        return False
    tokens = range(hit.span.start, hit.span.end)
    holders = [k for k in kept if k.span.start <= hit.span.start and hit.span.end <= k.span.end]
    return bool(holders) and all(all(i in k.gap_tokens for i in tokens) for k in holders)


def _owns(finding: _Hit, location: Span) -> bool:
    """A finding phrase that spells out a body part ("numb between my legs") owns it, but a
    location that only fell into one of its gaps ("cramps in my calf when I walk") stays."""
    span = finding.span
    if not (span.start <= location.start and location.end <= span.end):
        return False
    # "I can feel my feet fine" denies numbness; it does not say where the spasm is.
    if finding.absent:
        return True
    return not all(i in finding.gap_tokens for i in range(location.start, location.end))


def _sentence_ids(doc: Doc) -> list[int]:
    ids: list[int] = []
    current = 0
    for token in doc:
        if token.is_sent_start and token.i > 0:
            current += 1
        ids.append(current)
    return ids


@Language.factory(
    FACTORY,
    default_config={"lexicon_path": str(LEXICON_PATH), "concepts_path": str(CONCEPTS_PATH)},
)
def make_lexicon_entity_stage(
    nlp: Language, name: str, lexicon_path: str, concepts_path: str
) -> LexiconEntityStage:
    return LexiconEntityStage(nlp, lexicon_path, concepts_path)
