"""The English spaCy pipeline, built from code (no pretrained model can be downloaded here)."""

from __future__ import annotations

from functools import lru_cache

import medspacy  # noqa: F401  (registers the medspacy_context factory)
import spacy
from medspacy.context import context_graph, context_modifier
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

from bot.nlu import entity_stage
from bot.nlu.context_rules import build_rules

CONTEXT = "medspacy_context"
ANSWER_JOINER = "charley_answer_after_question"
# "clot?? no swelling": the "no" after a question mark answers it and denies what follows, so it
# stays in the question's sentence, where ConText's "swelling? no" rule can look both ways.
ANSWER_WORDS = frozenset({"no", "none", "nope", "nah", "never", "negative", "n"})
# People run clauses together without spaces ("no swelling;foot numb", "numb.tingly").
EXTRA_INFIXES = [r";", r"(?<=[a-z]{3})\.(?=[a-z]{3})", r"(?<=[a-z]):(?=[a-z0-9])"]
# "lost 6lbs": a weight written against its number is two words, as "6 kg" already is.
EXTRA_SUFFIXES = [r"(?<=[0-9])(?:lbs?|kgs?|kilos?|pounds?|stones?)"]
# Texting spellings of negated verbs that spaCy does not split ("cant" and "dont" it does):
# each becomes the verb plus "nt", so "i cnt walk" reads as "can't walk" and "nt" negates.
CONTRACTIONS = {"cnt": ("c", "can"), "carnt": ("car", "can"), "dnt": ("d", "do"), "havnt": ("hav", "have")}


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fix_medspacy_overlap() -> None:
    """medspaCy 1.3.1's `tuple_overlaps` misses a span lying strictly inside another, so a
    sentence-wide "but" never ended a negation whose scope had been cut to `max_scope` tokens
    ("no swelling ... (20 words) ... but my foot is numb" kept numbness negated)."""
    context_modifier.tuple_overlaps = _spans_overlap
    context_graph.tuple_overlaps = _spans_overlap


def _tune_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + EXTRA_SUFFIXES
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "numb.tingly" looks like a web address to the default tokenizer; nobody sends us those.
    nlp.tokenizer.url_match = None
    for word, (stem, norm) in CONTRACTIONS.items():
        tail = word[len(stem) :]
        for form in (word, word.capitalize()):
            head = form[: len(stem)]
            nlp.tokenizer.add_special_case(form, [{ORTH: head, NORM: norm}, {ORTH: tail, NORM: "not"}])


@Language.component(ANSWER_JOINER)
def _answer_after_question(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    for token in doc[1:]:
        if token.is_sent_start and token.lower_ in ANSWER_WORDS and doc[token.i - 1].text.endswith("?"):
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """Blank English + sentencizer + lexicon entity stage + ConText; built once per process."""
    _fix_medspacy_overlap()
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(ANSWER_JOINER)
    nlp.add_pipe(entity_stage.FACTORY)
    context = nlp.add_pipe(
        CONTEXT,
        config={
            "rules": None,
            "input_span_type": "group",
            "span_group_name": entity_stage.SPAN_GROUP,
            # A negation inside a phrase ("can't pee", "no feeling in my groin") is part of
            # what the phrase means, not a modifier of it.
            "prune_on_target_overlap": True,
        },
    )
    context.add(build_rules())
    return nlp
