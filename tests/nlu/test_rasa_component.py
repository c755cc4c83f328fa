"""The Rasa graph component: thin, untrained, and producing exactly the contract's entities."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.rasa_component import ClinicalEntityExtractor  # noqa: E402

CONTRACT_ENTITIES = {
    "body_location",
    "finding",
    "episode_duration",
    "ongoing_duration",
    "frequency",
    "severity",
    "age",
}


@pytest.fixture(scope="module")
def component(tmp_path_factory: pytest.TempPathFactory) -> ClinicalEntityExtractor:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("model")))
    context = ExecutionContext(GraphSchema({}), "test-model")
    return ClinicalEntityExtractor.create(
        ClinicalEntityExtractor.get_default_config(), storage, Resource("clinical"), context
    )


def _process(component: ClinicalEntityExtractor, text: str) -> list[dict]:
    message = Message(data={"text": text})
    component.process([message])
    return message.get("entities", [])


def test_registered_as_an_untrained_entity_extractor() -> None:
    registered = DefaultV1Recipe._from_registry("bot.nlu.rasa_component.ClinicalEntityExtractor")
    assert registered.clazz is ClinicalEntityExtractor
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable is False


def test_process_adds_contract_entities(component: ClinicalEntityExtractor) -> None:
    text = "My calf has cramped every night for 2 weeks, no swelling but some tingling. I'm 70."
    entities = _process(component, text)
    got = {(e["entity"], e["value"], e.get("role")) for e in entities}
    assert got == {
        ("body_location", "calf", "present"),
        ("finding", "night", "present"),
        ("frequency", 7.0, None),
        ("ongoing_duration", 14.0, None),
        ("finding", "swelling", "negated"),
        ("finding", "numbness", "present"),
        ("age", 70.0, None),
        ("finding", "muscle_complaint", "present"),
    }
    for entity in entities:
        assert entity["entity"] in CONTRACT_ENTITIES
        assert entity["extractor"] == "ClinicalEntityExtractor"
        assert entity["confidence_entity"] == 1.0
        assert text[entity["start"] : entity["end"]]
        assert set(entity) <= {"entity", "value", "start", "end", "extractor", "role", "confidence_entity"}
        assert ("role" in entity) == (entity["entity"] in ("finding", "body_location"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sorry, typo, I meant 15 seconds not 15 minutes",
            {("episode_duration", 0.25, None), ("episode_duration", 15.0, "negated")},
        ),
        (
            "sorry I meant 3 weeks, not 10 days",
            {("ongoing_duration", 21.0, None), ("ongoing_duration", 10.0, "negated")},
        ),
    ],
)
def test_a_corrected_number_carries_the_negated_role(
    component: ClinicalEntityExtractor, text: str, expected: set
) -> None:
    entities = _process(component, text)
    assert {(e["entity"], e["value"], e.get("role")) for e in entities} == expected


def test_entities_are_in_the_output(component: ClinicalEntityExtractor) -> None:
    message = Message(data={"text": "I can't pee"})
    component.process([message])
    assert message.as_dict(only_output_properties=True)["entities"][0]["value"] == "bladder_problems"


def test_keeps_entities_from_other_extractors(component: ClinicalEntityExtractor) -> None:
    earlier = {"entity": "other", "value": "x", "start": 0, "end": 1, "extractor": "Other"}
    message = Message(data={"text": "numb", "entities": [earlier]})
    component.process([message])
    assert message.get("entities")[0] == earlier
    assert message.get("entities")[1]["value"] == "numbness"


@pytest.mark.parametrize("text", ["", None, "hello", "\U0001f62b"])
def test_messages_without_findings(component: ClinicalEntityExtractor, text: str | None) -> None:
    message = Message(data={"text": text} if text is not None else {})
    component.process([message])
    assert not message.get("entities")


def test_several_messages_at_once(component: ClinicalEntityExtractor) -> None:
    messages = [Message(data={"text": "numb"}), Message(data={"text": "my dad had ALS"})]
    component.process(messages)
    assert messages[0].get("entities")[0]["role"] == "present"
    assert messages[1].get("entities")[0]["role"] == "family"


def test_training_data_passes_through(component: ClinicalEntityExtractor) -> None:
    data = TrainingData([Message(data={"text": "numb", "intent": "inform"})])
    assert component.process_training_data(data) is data


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        ("bruv my hamstring proper seized up in 5 a side", "nlu_fallback", "describe_spasm"),
        ("my calf keeps cramping", "out_of_scope", "describe_spasm"),
        ("I have a headache and a sore throat", "out_of_scope", "out_of_scope"),  # not a muscle
        ("my calf", "nlu_fallback", "nlu_fallback"),  # a place alone says nothing is wrong
        ("no cramps in my calf", "nlu_fallback", "nlu_fallback"),  # denied
        ("my calf keeps cramping", "greet", "greet"),  # only unsure intents are overruled
        # a complaint in words the classifier could not place is still triaged (then redirected)
        ("my lad's been crying with his ear since last night, slight temp", "nlu_fallback", "describe_spasm"),
        ("no fever or anything", "nlu_fallback", "nlu_fallback"),  # nothing present
    ],
)
def test_a_named_cramp_and_place_is_a_description_whatever_the_classifier_said(
    component: ClinicalEntityExtractor, text: str, classified: str, expected: str
) -> None:
    from bot.nlu.rasa_component import IntentGuard

    message = Message(data={"text": text, "intent": {"name": classified, "confidence": 0.2}})
    component.process([message])
    guard = IntentGuard.create({}, None, Resource("guard"), ExecutionContext(GraphSchema({}), "m"))
    guard.process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("one week, since exam study start", "inform"),
        ("it started when I began the new job", "inform"),
        ("Start over", "restart"),
        ("can we start again", "restart"),
        ("reset the chat", "restart"),
        ("ask me the questions again from the beginning", "restart"),
        ("new conversation", "restart"),
    ],
)
def test_a_restart_needs_words_that_ask_for_one(text: str, expected: str) -> None:
    from bot.nlu.rasa_component import IntentGuard

    message = Message(data={"text": text, "intent": {"name": "restart", "confidence": 0.6}})
    guard = IntentGuard.create({}, None, Resource("guard"), ExecutionContext(GraphSchema({}), "m"))
    guard.process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize(
    "text, classified, expected",
    [
        # a description that mentions the pain is not a request for first aid
        ("my calf cramps at night and it really hurts", "ask_first_aid", "describe_spasm"),
        ("it really hurts", "ask_first_aid", "inform"),
        ("the pill", "ask_what_is", "inform"),
        # ... while questions keep their intent
        ("what can I do right now? it hurts", "ask_first_aid", "ask_first_aid"),
        ("how do I make it stop", "ask_first_aid", "ask_first_aid"),
        ("whats a diuretic", "ask_what_is", "ask_what_is"),
        # "why this advice?" needs a why: a no passed on from the patient is an answer
        ("he says not really, it's just the pain", "ask_why_advice", "inform"),
        ("why are you telling me that", "ask_why_advice", "ask_why_advice"),
        ("where does this advice come from", "ask_why_advice", "ask_why_advice"),
    ],
)
def test_first_aid_and_what_is_need_a_question(
    component: ClinicalEntityExtractor, text: str, classified: str, expected: str
) -> None:
    from bot.nlu.rasa_component import IntentGuard

    message = Message(data={"text": text, "intent": {"name": classified, "confidence": 0.6}})
    component.process([message])
    guard = IntentGuard.create({}, None, Resource("guard"), ExecutionContext(GraphSchema({}), "m"))
    guard.process([message])
    assert message.get("intent")["name"] == expected
