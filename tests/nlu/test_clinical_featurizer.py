"""ClinicalFeaturizer and CharleyIntentClassifier: the clinical features reach the classifier, the
extractor reuses the featurizer's parse."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
import yaml

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer  # noqa: E402
from rasa.shared.nlu.training_data.features import Features  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu import clinical_features as cf  # noqa: E402
from bot.nlu import rasa_component  # noqa: E402
from bot.nlu.rasa_component import (  # noqa: E402
    SHARED_ENTITIES,
    CharleyIntentClassifier,
    ClinicalEntityExtractor,
    ClinicalFeaturizer,
    files_fingerprint,
    knowledge_files,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def storage(tmp_path_factory: pytest.TempPathFactory) -> LocalModelStorage:
    return LocalModelStorage(Path(tmp_path_factory.mktemp("model")))


@pytest.fixture(scope="module")
def featurizer(storage: LocalModelStorage) -> ClinicalFeaturizer:
    context = ExecutionContext(GraphSchema({}), "test-model")
    return ClinicalFeaturizer.create(
        ClinicalFeaturizer.get_default_config(), storage, Resource("features"), context
    )


@pytest.fixture(scope="module")
def extractor(storage: LocalModelStorage) -> ClinicalEntityExtractor:
    context = ExecutionContext(GraphSchema({}), "test-model")
    return ClinicalEntityExtractor.create({}, storage, Resource("clinical"), context)


@pytest.fixture(scope="module")
def tokenizer() -> WhitespaceTokenizer:
    return WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def _message(tokenizer: WhitespaceTokenizer, text: str, **data: object) -> Message:
    message = Message(data={"text": text, **data})
    tokenizer.process([message])
    return message


def _feature_names(message: Message) -> set[str]:
    _, sentence = message.get_sparse_features("text")
    assert sentence is not None
    matrix = sentence.features.tocsr()
    assert matrix.shape == (1, len(cf.FEATURES))
    assert set(matrix.data) <= {1.0}
    return {cf.FEATURES[i] for i in matrix.indices}


def test_registered_as_an_untrained_featurizer() -> None:
    registered = DefaultV1Recipe._from_registry("bot.nlu.rasa_component.ClinicalFeaturizer")
    assert registered.clazz is ClinicalFeaturizer
    assert DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER in registered.types
    assert registered.is_trainable is False


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("behind my knee", {cf.LOCATION, cf.MOSTLY_MENTIONS}, {cf.NO_MENTION}),
        ("no numbness", {cf.FINDING_NEGATED}, {"finding_symptom"}),
        ("yes it does", {cf.STARTS_YES, cf.NO_MENTION}, {cf.STARTS_NO}),
        ("what's the weather like today", {cf.NO_MENTION}, {cf.LOCATION, cf.MOSTLY_MENTIONS}),
    ],
)
def test_sentence_features(
    featurizer: ClinicalFeaturizer,
    tokenizer: WhitespaceTokenizer,
    text: str,
    expected: set[str],
    absent: set[str],
) -> None:
    message = _message(tokenizer, text)
    featurizer.process([message])
    got = _feature_names(message)
    assert expected <= got
    assert not absent & got
    sequence, _ = message.get_sparse_features("text")
    assert sequence is None  # sentence features only: the classifier reads nothing else


def test_training_data_gets_the_same_features(
    featurizer: ClinicalFeaturizer, tokenizer: WhitespaceTokenizer
) -> None:
    texts = ["behind my knee", "no numbness", "hello"]
    training = TrainingData([_message(tokenizer, t, intent="inform") for t in texts])
    assert featurizer.process_training_data(training) is training
    for text, message in zip(texts, training.training_examples, strict=True):
        live = _message(tokenizer, text)
        featurizer.process([live])
        assert _feature_names(message) == _feature_names(live)
        # training examples keep their own (absent) entities: nothing is left for an extractor
        assert SHARED_ENTITIES not in message.data


@pytest.mark.parametrize("text", ["", "   "])
def test_blank_messages_still_get_a_feature_block(
    featurizer: ClinicalFeaturizer, tokenizer: WhitespaceTokenizer, text: str
) -> None:
    # The count-vector featurizers add features for any tokenised message, so this one must too:
    # the classifier needs every block.
    message = _message(tokenizer, text)
    featurizer.process([message])
    assert cf.NO_MENTION in _feature_names(message)


def test_the_extractor_reuses_the_featurizers_parse(
    featurizer: ClinicalFeaturizer,
    extractor: ClinicalEntityExtractor,
    tokenizer: WhitespaceTokenizer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "My calf has cramped every night for 2 weeks, no swelling but some tingling. I'm 70."
    alone = _message(tokenizer, text)
    extractor.process([alone])

    calls: list[str] = []
    real_extract = rasa_component.extract

    def counting_extract(raw: str):
        calls.append(raw)
        return real_extract(raw)

    monkeypatch.setattr(rasa_component, "extract", counting_extract)
    message = _message(tokenizer, text)
    featurizer.process([message])
    assert SHARED_ENTITIES not in message.as_dict(only_output_properties=True)
    extractor.process([message])
    assert calls == [text]
    assert message.get("entities") == alone.get("entities")
    assert message.get("entities")
    assert SHARED_ENTITIES not in message.data


def test_the_extractor_ignores_a_parse_of_another_text(
    extractor: ClinicalEntityExtractor, tokenizer: WhitespaceTokenizer
) -> None:
    stale = {"text": "numb", "entities": [{"entity": "finding", "value": "numbness", "start": 0, "end": 4}]}
    message = _message(tokenizer, "my dad had ALS", **{SHARED_ENTITIES: stale})
    extractor.process([message])
    assert [(e["value"], e["role"]) for e in message.get("entities")] == [("als", "family")]


def test_the_extractor_alone_still_works(extractor: ClinicalEntityExtractor) -> None:
    message = Message(data={"text": "I can't pee"})
    extractor.process([message])
    assert message.get("entities")[0]["value"] == "bladder_problems"


def test_knowledge_fingerprint_covers_the_lexicon(tmp_path: Path) -> None:
    files = knowledge_files()
    names = {path.name for path in files}
    assert {"lexicon.yml", "concepts.yml", "extractor.py", "clinical_features.py"} <= names
    assert ClinicalFeaturizer.fingerprint_addon({}) == files_fingerprint(files)
    lexicon = tmp_path / "lexicon.yml"
    lexicon.write_text("locations: {calf: [calf]}\n")
    before = files_fingerprint([lexicon])
    lexicon.write_text("locations: {calf: [calf, calves]}\n")
    assert files_fingerprint([lexicon]) != before


def _featurized(columns: list[int], intents: list[str]) -> list[Message]:
    messages = []
    for column, intent in zip(columns, intents, strict=True):
        message = Message(data={"text": f"t{column}", "intent": intent})
        sentence = scipy.sparse.coo_matrix(np.eye(1, 4, column))
        message.add_features(Features(sentence, "sentence", "text", "test"))
        messages.append(message)
    return messages


def test_intent_classifier_uses_the_configured_c(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    config = {**CharleyIntentClassifier.get_default_config(), "C": 10}
    classifier = CharleyIntentClassifier.create(config, storage, Resource("clf"), context)
    assert classifier.clf.get_params()["C"] == 10.0
    default = CharleyIntentClassifier.create(
        CharleyIntentClassifier.get_default_config(), storage, Resource("clf0"), context
    )
    assert default.clf.get_params()["C"] == 1.0

    training = TrainingData(_featurized([0, 1, 2, 3] * 3, ["x", "y", "z", "w"] * 3))
    resource = classifier.train(training)
    loaded = CharleyIntentClassifier.load(config, storage, resource, context)
    assert loaded.clf.get_params()["C"] == 10.0
    probe = _featurized([1], ["y"])
    loaded.process(probe)
    assert probe[0].get("intent")["name"] == "y"


def test_config_yml_runs_the_featurizer_between_the_vectors_and_the_classifier() -> None:
    pipeline = [item["name"] for item in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    featurizer = pipeline.index("bot.nlu.rasa_component.ClinicalFeaturizer")
    classifier = pipeline.index("bot.nlu.rasa_component.CharleyIntentClassifier")
    extractor = pipeline.index("bot.nlu.rasa_component.ClinicalEntityExtractor")
    assert max(i for i, name in enumerate(pipeline) if name == "CountVectorsFeaturizer") < featurizer
    assert featurizer < classifier < extractor


def test_the_classifier_matrix_is_rasas(tmp_path: Path) -> None:
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    rng = np.random.default_rng(0)
    messages = []
    for _ in range(3):
        message = Message(data={"text": "x"})
        for origin, width in (("words", 5), ("chars", 7), ("clinical", 3)):
            sequence = scipy.sparse.coo_matrix(rng.integers(0, 2, (2, width)).astype(float))
            sentence = scipy.sparse.coo_matrix(rng.integers(0, 3, (1, width)).astype(float))
            message.add_features(Features(sequence, "sequence", "text", origin))
            message.add_features(Features(sentence, "sentence", "text", origin))
        message.add_features(Features(rng.random((1, 2)), "sentence", "text", "dense"))
        message.add_features(
            Features(scipy.sparse.coo_matrix(np.ones((1, 4))), "sentence", "intent", "other")
        )
        messages.append(message)
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    ours = CharleyIntentClassifier.create(
        CharleyIntentClassifier.get_default_config(), storage, Resource("a"), context
    )
    rasas = LogisticRegressionClassifier.create(
        LogisticRegressionClassifier.get_default_config(), storage, Resource("b"), context
    )
    expected = rasas._create_X(messages).toarray()
    got = ours._create_X(messages).toarray()
    assert got.shape == expected.shape == (3, 5 + 7 + 3 + 2)
    np.testing.assert_array_equal(got, expected)
