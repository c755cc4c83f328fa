"""Loading the vocabulary (lexicon.yml) together with the concept ids it must cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

NLU_DIR = Path(__file__).resolve().parent
LEXICON_PATH = NLU_DIR / "lexicon.yml"
CONCEPTS_PATH = NLU_DIR.parent / "knowledge" / "concepts.yml"

# The C loader reads the lexicon several times faster, and the build is on the start-up path.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LOCATION_LABEL = "LOCATION"
IGNORE_LABEL = "IGNORE"


@dataclass(frozen=True)
class Entry:
    """One surface phrase and what it stands for.

    `label` is the spaCy entity label: the concept's category in upper case (so ConText rules
    can be limited to e.g. conditions), LOCATION, or IGNORE. `ident` is the concept or
    location id ("" for IGNORE). `absent` marks a phrase from the `absent` section, which says
    the concept is not there without a negation word ("I can walk fine").
    """

    label: str
    ident: str
    phrase: str
    absent: bool = False


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    concept_categories: dict[str, str]
    location_ids: tuple[str, ...]
    # Body region of each location (leg, arm, trunk, face...): spasms in three are spreading.
    location_groups: dict[str, str]
    # A finding that names its own body part ("stiff neck", "lockjaw") also says where it is.
    implied_locations: dict[str, str]

    def phrases_for(self, ident: str) -> list[str]:
        return [e.phrase for e in self.entries if e.ident == ident]


# An unquoted phrase containing " #" silently loses its tail to a YAML comment.
_COMMENTED_PHRASE = re.compile(r"^\s*- [^\"'#][^#\n]*\s#", re.MULTILINE)


def _read_yaml(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".yml" and path.name.startswith("lexicon"):
        bad = _COMMENTED_PHRASE.search(raw)
        if bad:
            raise ValueError(f"{path}: quote the phrase {bad.group(0).strip()!r}: '#' starts a YAML comment")
    data = yaml.load(raw, Loader=_LOADER)
    if not isinstance(data, dict):
        raise ValueError(f"{path} must hold a mapping")
    return data


def _phrases(raw: object, where: str) -> list[str]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: expected a non-empty list of phrases")
    # A YAML item starting with "#" is a comment (an empty item), not a phrase: insist on strings.
    if any(not isinstance(p, str) or not p.strip() for p in raw):
        raise ValueError(f"{where}: every phrase must be a non-empty string (quote phrases starting with #)")
    return [p.strip() for p in raw]


@lru_cache(maxsize=4)
def load_lexicon(lexicon_path: str = str(LEXICON_PATH), concepts_path: str = str(CONCEPTS_PATH)) -> Lexicon:
    """Read both files; unknown ids are an error so a typo in the lexicon cannot go unnoticed."""
    lexicon = _read_yaml(Path(lexicon_path))
    knowledge = _read_yaml(Path(concepts_path))
    categories = {ident: str(spec["category"]) for ident, spec in (knowledge.get("concepts") or {}).items()}
    location_ids = tuple((knowledge.get("locations") or {}).keys())
    location_groups = {
        ident: str(spec["group"]) for ident, spec in (knowledge.get("locations") or {}).items()
    }

    entries: list[Entry] = []
    for ident, raw in (lexicon.get("locations") or {}).items():
        if ident not in location_ids:
            raise ValueError(f"lexicon names unknown location id {ident!r}")
        for phrase in _phrases(raw, f"locations.{ident}"):
            entries.append(Entry(LOCATION_LABEL, ident, phrase))
    for ident, raw in (lexicon.get("concepts") or {}).items():
        if ident not in categories:
            raise ValueError(f"lexicon names unknown concept id {ident!r}")
        for phrase in _phrases(raw, f"concepts.{ident}"):
            entries.append(Entry(categories[ident].upper(), ident, phrase))
    for ident, raw in (lexicon.get("absent") or {}).items():
        if ident not in categories:
            raise ValueError(f"lexicon names unknown concept id {ident!r} under absent")
        for phrase in _phrases(raw, f"absent.{ident}"):
            entries.append(Entry(categories[ident].upper(), ident, phrase, absent=True))
    for phrase in _phrases(lexicon.get("ignore") or ["-"], "ignore"):
        if phrase != "-":
            entries.append(Entry(IGNORE_LABEL, "", phrase))
    implied = {str(k): str(v) for k, v in (lexicon.get("implied_locations") or {}).items()}
    for concept, location in implied.items():
        if concept not in categories or location not in location_ids:
            raise ValueError(f"implied_locations: unknown id in {concept!r}: {location!r}")
    return Lexicon(tuple(entries), categories, location_ids, location_groups, implied)
