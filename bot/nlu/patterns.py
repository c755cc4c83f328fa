"""Compiling lexicon phrases (the small language described at the top of lexicon.yml) into
spaCy Matcher patterns over the NORM attribute, which the entity stage fills with `key`s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokenizer import Tokenizer

GAP = "..."
NUMBER = "#"
EXACT = "^"
WHOLE = "="
OPEN = "~"
MAX_GAP = 4

TokenPattern = dict[str, Any]


@dataclass(frozen=True)
class CompiledPhrase:
    pattern: list[TokenPattern]
    whole_message: bool
    # Items of a "~" chunk: a word the phrase needs but that stays a mention of its own.
    open_items: frozenset[int] = frozenset()


def phrase_words(phrase: str, tokenizer: Tokenizer) -> list[str]:
    """The plain words of a phrase, for the typo-repair vocabulary."""
    words: list[str] = []
    for chunk in phrase.lstrip(WHOLE).split():
        if chunk in (GAP, NUMBER) or chunk.startswith(EXACT):
            continue
        chunk = chunk.removeprefix(OPEN)
        for alternative in chunk.rstrip("?").split("|"):
            words.extend(t.lower_ for t in tokenizer(alternative) if t.is_alpha)
    return words


def compile_phrase(phrase: str, tokenizer: Tokenizer, key: Callable[[str], str]) -> CompiledPhrase:
    whole = phrase.startswith(WHOLE)
    body = phrase[1:] if whole else phrase
    pattern: list[TokenPattern] = []
    open_items: set[int] = set()
    for chunk in body.split():
        if chunk.startswith(OPEN) and len(chunk) > 1:
            items = _compile_chunk(chunk[1:], tokenizer, key, phrase)
            open_items.update(range(len(pattern), len(pattern) + len(items)))
        else:
            items = _compile_chunk(chunk, tokenizer, key, phrase)
        pattern.extend(items)
    while pattern and _is_optional_punct(pattern[0]):
        pattern.pop(0)
        open_items = {i - 1 for i in open_items if i > 0}
    while pattern and _is_optional_punct(pattern[-1]):
        pattern.pop()
    if not pattern:
        raise ValueError(f"phrase {phrase!r} has no word")
    if is_gap(pattern[0]) or is_gap(pattern[-1]):
        raise ValueError(f"phrase {phrase!r} must not start or end with {GAP}")
    if all(item.get("OP") == "?" or is_gap(item) for item in pattern):
        raise ValueError(f"phrase {phrase!r} has no required word")
    return CompiledPhrase(pattern, whole, frozenset(open_items))


def _compile_chunk(
    chunk: str, tokenizer: Tokenizer, key: Callable[[str], str], phrase: str
) -> list[TokenPattern]:
    if chunk == GAP:
        return [{"IS_PUNCT": False, "IS_SPACE": False, "OP": f"{{,{MAX_GAP}}}"}]
    if chunk == NUMBER:
        return [{"LIKE_NUM": True}]
    if chunk.startswith(EXACT) and len(chunk) > 1:
        spellings = chunk[1:].split("|")
        return [{"ORTH": spellings[0]} if len(spellings) == 1 else {"ORTH": {"IN": spellings}}]
    optional = chunk.endswith("?") and len(chunk) > 1
    alternatives = chunk[:-1].split("|") if optional else chunk.split("|")
    if len(alternatives) == 1 and not optional:
        return [_token_pattern(t.text, t.norm_, t.is_punct, key) for t in tokenizer(chunk)]
    keys: list[str] = []
    for alternative in alternatives:
        tokens = list(tokenizer(alternative))
        if len(tokens) != 1:
            raise ValueError(
                f"phrase {phrase!r}: alternative {alternative!r} is not one word; write it as its own phrase"
            )
        keys.append(key(tokens[0].norm_))
    unique = sorted(set(keys))
    item: TokenPattern = {"NORM": unique[0]} if len(unique) == 1 else {"NORM": {"IN": unique}}
    if optional:
        item["OP"] = "?"
    return [item]


def _is_optional_punct(item: TokenPattern) -> bool:
    return "ORTH" in item and item.get("OP") == "?"


def _token_pattern(text: str, norm: str, is_punct: bool, key: Callable[[str], str]) -> TokenPattern:
    # Brackets and commas in a phrase (label texts such as "a blood clot (DVT)") need not be typed.
    if is_punct:
        return {"ORTH": text, "OP": "?"}
    return {"NORM": key(norm)}


def is_gap(item: TokenPattern) -> bool:
    return item.get("OP") == f"{{,{MAX_GAP}}}"
