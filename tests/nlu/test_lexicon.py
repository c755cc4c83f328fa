"""The vocabulary: complete, consistent with concepts.yml, and understood as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.extractor import extract
from bot.nlu.lexicon import CONCEPTS_PATH, LEXICON_PATH, load_lexicon
from bot.nlu.patterns import compile_phrase
from bot.nlu.pipeline import build_nlp

KNOWLEDGE = yaml.safe_load(CONCEPTS_PATH.read_text(encoding="utf-8"))
QUESTIONS = yaml.safe_load((CONCEPTS_PATH.parent / "questions.yml").read_text(encoding="utf-8"))
CONCEPT_IDS = sorted(KNOWLEDGE["concepts"])
LOCATION_IDS = sorted(KNOWLEDGE["locations"])
RAW_LEXICON = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("ident", CONCEPT_IDS)
def test_every_concept_has_phrases(ident: str) -> None:
    assert RAW_LEXICON["concepts"].get(ident), f"no phrase for concept {ident}"


@pytest.mark.parametrize("ident", LOCATION_IDS)
def test_every_location_has_phrases(ident: str) -> None:
    assert RAW_LEXICON["locations"].get(ident), f"no phrase for location {ident}"


def test_lexicon_names_no_unknown_id() -> None:
    assert set(RAW_LEXICON["concepts"]) <= set(CONCEPT_IDS)
    assert set(RAW_LEXICON["locations"]) <= set(LOCATION_IDS)
    implied = RAW_LEXICON.get("implied_locations") or {}
    assert set(implied) <= set(CONCEPT_IDS) and set(implied.values()) <= set(LOCATION_IDS)


def _write_lexicon(tmp_path: Path, text: str) -> str:
    path = tmp_path / "lexicon_test.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_loader_rejects_an_unknown_concept(tmp_path: Path) -> None:
    path = _write_lexicon(tmp_path, "concepts:\n  numbnesss: [numb]\n")
    with pytest.raises(ValueError, match="unknown concept"):
        load_lexicon(path, str(CONCEPTS_PATH))


def test_loader_rejects_an_unknown_location(tmp_path: Path) -> None:
    path = _write_lexicon(tmp_path, "locations:\n  knee: [knee]\n")
    with pytest.raises(ValueError, match="unknown location"):
        load_lexicon(path, str(CONCEPTS_PATH))


def test_loader_rejects_a_phrase_eaten_by_a_yaml_comment(tmp_path: Path) -> None:
    path = _write_lexicon(tmp_path, "concepts:\n  pregnancy:\n    - I'm # weeks\n")
    with pytest.raises(ValueError, match="quote the phrase"):
        load_lexicon(path, str(CONCEPTS_PATH))


def test_every_phrase_compiles() -> None:
    nlp = build_nlp()
    key = nlp.get_pipe("charley_lexicon").normaliser.key
    for entry in load_lexicon().entries:
        assert compile_phrase(entry.phrase, nlp.tokenizer, key).pattern, entry


def test_no_phrase_is_listed_for_two_ids() -> None:
    owners: dict[str, set[str]] = {}
    for entry in load_lexicon().entries:
        if entry.ident:
            owners.setdefault(entry.phrase.lower(), set()).add(entry.ident)
    assert {p: ids for p, ids in owners.items() if len(ids) > 1} == {}


def _present(text: str, entity: str) -> set[str]:
    return {str(m.value) for m in extract(text) if m.entity == entity and m.role == "present"}


@pytest.mark.parametrize("ident", CONCEPT_IDS)
def test_each_concept_label_is_understood(ident: str) -> None:
    # The checklist shows these labels; a tapped or retyped label must come back as the concept.
    label = KNOWLEDGE["concepts"][ident]["label"]
    assert ident in _present(label, "finding"), (label, extract(label))


@pytest.mark.parametrize("ident", LOCATION_IDS)
def test_each_location_label_is_understood(ident: str) -> None:
    label = KNOWLEDGE["locations"][ident]["label"]
    assert ident in _present(label, "body_location"), (label, extract(label))


LOCATION_BUTTONS = {
    "Calf": "calf",
    "Thigh": "thigh",
    "Foot": "foot",
    "Back": "back",
    "Neck": "neck",
    "Hand": "hand",
    "Eyelid": "eyelid",
}


def test_location_buttons() -> None:
    buttons = QUESTIONS["questions"][0]["buttons"]
    for button in buttons:
        found = _present(button, "body_location")
        if button in LOCATION_BUTTONS:
            assert found == {LOCATION_BUTTONS[button]}, button
        else:
            assert found == set(), button


NUMBER_BUTTONS = {
    "A few seconds": ("episode_duration", 0.1),
    "A few minutes": ("episode_duration", 3.0),
    "More than 10 minutes": ("episode_duration", 11.0),
    "It doesn't let go": ("episode_duration", 1440.0),
    "Started today": ("ongoing_duration", 0.0),
    "A few days": ("ongoing_duration", 3.0),
    "About a week": ("ongoing_duration", 7.0),
    "More than 2 weeks": ("ongoing_duration", 15.0),
    "Months": ("ongoing_duration", 60.0),
    "Just once": ("frequency", 0.1),
    "Now and then": ("frequency", 0.5),
    "A few times a week": ("frequency", 3.0),
    "Every day or night": ("frequency", 7.0),
    "Mild": ("severity", "mild"),
    "Moderate": ("severity", "moderate"),
    "Severe": ("severity", "severe"),
}


def test_every_button_of_the_number_questions_is_covered_here() -> None:
    kinds = {"minutes", "days", "per_week", "severity"}
    buttons = {b for q in QUESTIONS["questions"] if q["kind"] in kinds for b in q["buttons"]}
    assert buttons - {"I don't know"} == set(NUMBER_BUTTONS)


@pytest.mark.parametrize(("button", "expected"), sorted(NUMBER_BUTTONS.items()))
def test_number_buttons(button: str, expected: tuple[str, object]) -> None:
    mentions = extract(button)
    assert [(m.entity, m.value) for m in mentions] == [expected], mentions


@pytest.mark.parametrize(
    "button", ["I don't know", "None of these", "I'm not sure", "Somewhere else", "Yes", "No"]
)
def test_answers_without_content_extract_nothing(button: str) -> None:
    assert extract(button) == []


LAY_PHRASES = [
    ("lower leg", "body_location", "calf"),
    ("back of my leg", "body_location", "calf"),
    ("charley horse in my leg", "body_location", "calf"),
    ("I have a charley horse", "body_location", "calf"),
    ("hamstring", "body_location", "thigh"),
    ("my quads", "body_location", "thigh"),
    ("my eye keeps twitching", "body_location", "eyelid"),
    ("eyelid twitch", "body_location", "eyelid"),
    ("big toe", "body_location", "foot"),
    ("my ribs", "body_location", "abdomen"),
    ("cramps all over my body", "body_location", "several"),
    ("lower back", "body_location", "back"),
    ("water pill", "finding", "diuretic"),
    ("water tablet", "finding", "diuretic"),
    ("furosemide", "finding", "diuretic"),
    ("lasix", "finding", "diuretic"),
    ("hydrochlorothiazide", "finding", "diuretic"),
    ("atorvastatin", "finding", "statin"),
    ("lipitor", "finding", "statin"),
    ("cholesterol pill", "finding", "statin"),
    ("tablets for my cholesterol", "finding", "statin"),
    ("inhaler", "finding", "asthma_medicine"),
    ("albuterol", "finding", "asthma_medicine"),
    ("salbutamol", "finding", "asthma_medicine"),
    ("can't pee", "finding", "bladder_problems"),
    ("can't urinate", "finding", "bladder_problems"),
    ("peeing myself", "finding", "bladder_problems"),
    ("wet myself", "finding", "bladder_problems"),
    ("lost control of my bladder", "finding", "bladder_problems"),
    ("can't feel my groin", "finding", "saddle_numbness"),
    ("numb between my legs", "finding", "saddle_numbness"),
    ("numb down there", "finding", "saddle_numbness"),
    ("pins and needles", "finding", "numbness"),
    ("tingling", "finding", "numbness"),
    ("numb", "finding", "numbness"),
    ("swollen", "finding", "swelling"),
    ("puffy", "finding", "swelling"),
    ("hot to the touch", "finding", "warmth"),
    ("slept funny", "finding", "awkward_sleep"),
    ("slept wrong", "finding", "awkward_sleep"),
    ("woke up with a crick in my neck", "finding", "awkward_sleep"),
    ("pregnant", "finding", "pregnancy"),
    ("expecting a baby", "finding", "pregnancy"),
    ("28 weeks along", "finding", "pregnancy"),
    ("gets worse when I cough or sneeze", "finding", "worse_with_cough"),
    ("hurts when I walk and goes away when I stop", "finding", "walking_induced"),
    ("my calves cramp when I walk 100 yards and I have to stop", "finding", "walking_induced"),
    ("wakes me up", "finding", "disrupts_sleep"),
    ("clot", "finding", "blood_clot"),
    ("DVT", "finding", "blood_clot"),
    ("ALS", "finding", "als"),
    ("Lou Gehrig's", "finding", "als"),
    ("MS", "finding", "multiple_sclerosis"),
    ("she has ms", "finding", "multiple_sclerosis"),
    ("underactive thyroid", "finding", "thyroid_disease"),
    ("slipped disc", "finding", "disc_problem"),
    ("sciatica", "finding", "radiating_pain"),
    ("pain that goes down my leg", "finding", "radiating_pain"),
    ("for no reason", "finding", "no_obvious_cause"),
    ("stepped on a rusty nail", "finding", "recent_wound"),
    ("lockjaw", "finding", "lockjaw"),
    ("whole body jerking", "finding", "seizure"),
    ("short of breath", "finding", "breathlessness"),
    ("my legs keep giving way", "finding", "weakness"),
    ("getting weaker and weaker", "finding", "progressive_weakness"),
    ("keep dropping things", "finding", "grip_difficulty"),
    ("unsteady on my feet", "finding", "balance_problems"),
    ("too much coffee", "finding", "caffeine"),
    ("I've been so tired", "finding", "fatigue"),
    ("sitting at a desk all day", "finding", "prolonged_position"),
    ("after lifting something heavy", "finding", "heavy_lifting"),
    ("gardening", "finding", "repetitive_work"),
    ("typing all day", "finding", "computer_work"),
    ("hot weather", "finding", "heat"),
    ("at night", "finding", "night"),
    ("sweating a lot", "finding", "dehydration"),
    ("went for a run", "finding", "exercise"),
    ("dry eyes", "finding", "eye_irritation"),
    ("under a lot of stress", "finding", "stress"),
    ("I had the flu", "finding", "recent_illness"),
    ("I'm overweight", "finding", "overweight"),
    ("poor circulation", "finding", "peripheral_artery_disease"),
    ("nerve damage", "finding", "neuropathy"),
    ("rheumatoid arthritis", "finding", "autoimmune_disease"),
    ("cirrhosis", "finding", "liver_disease"),
    ("on dialysis", "finding", "kidney_disease"),
    ("type 2 diabetes", "finding", "diabetes"),
    ("blurry vision", "finding", "vision_problems"),
    ("stiff neck", "finding", "stiff_neck"),
    ("high temperature", "finding", "fever"),
    ("chest pain", "finding", "chest_pain"),
    ("lost weight without trying", "finding", "weight_loss"),
    ("spasms spreading to other muscles", "finding", "spreading_spasms"),
    ("shooting pains", "finding", "shooting_pain"),
    ("limping", "finding", "walking_difficulty"),
    ("lost control of my bowels", "finding", "bowel_problems"),
    ("it's getting worse", "finding", "getting_worse"),
    ("massage doesn't help", "finding", "poor_response"),
    ("yes, some of those", "finding", "unspecified_symptom"),
    ("I have one of those", "finding", "unspecified_symptom"),
]


@pytest.mark.parametrize(("text", "entity", "value"), LAY_PHRASES)
def test_lay_phrases(text: str, entity: str, value: str) -> None:
    assert value in _present(text, entity), extract(text)


NOT_VOCABULARY = [
    "It came back again",
    "I'm going back to bed",
    "I use a heat pack on it",
    "I ran out of my pills",
    "I live in a hot country",
    "I'm 5 foot 6",
    "I took the train",
    "type 1 or type 2?",
    "never mind",
    "the bit I hate most",
    "keep an eye on it",
    "I have a warm bath",
    "electrolyte balance",
    "it runs in cycles",
]


@pytest.mark.parametrize("text", NOT_VOCABULARY)
def test_everyday_words_are_not_vocabulary(text: str) -> None:
    assert [m for m in extract(text) if m.entity in ("finding", "body_location")] == []
