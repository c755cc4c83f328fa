"""Rasa 3.6 graph components: the clinical extractor in the NLU pipeline.

config.yml:
  - name: bot.nlu.rasa_component.ClinicalFeaturizer        (before the intent classifier)
  - name: bot.nlu.rasa_component.CharleyIntentClassifier   (logistic regression, C configurable)
  - name: bot.nlu.rasa_component.ClinicalEntityExtractor   (after it)
  - name: bot.nlu.rasa_component.IntentGuard               (after FallbackClassifier)

Thin wrappers over bot.nlu.extractor.extract and bot.nlu.clinical_features; nothing here is
trained except the classifier. The featurizer runs the extractor once per message and leaves the
entities on the message for ClinicalEntityExtractor, so the spaCy pipeline runs once per message.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE, TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    FEATURE_TYPE_SENTENCE,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.clinical_features import FEATURES, feature_names, feature_row
from bot.nlu.extractor import Mention, extract
from bot.nlu.lexicon import CONCEPTS_PATH, load_lexicon
from bot.nlu.pipeline import build_nlp

# Where ClinicalFeaturizer leaves the extractor's entities for ClinicalEntityExtractor: not an
# output property, and removed again by the extractor.
SHARED_ENTITIES = "charley_clinical_entities"


def mention_to_entity(mention: Mention) -> dict[str, Any]:
    """One Rasa entity. The role goes with every entity that has one: a finding's or body
    location's ConText role, and "negated" on a number being corrected away ("15 seconds not
    15 minutes"); a plain number has none."""
    entity: dict[str, Any] = {
        ENTITY_ATTRIBUTE_TYPE: mention.entity,
        ENTITY_ATTRIBUTE_VALUE: mention.value,
        ENTITY_ATTRIBUTE_START: mention.start,
        ENTITY_ATTRIBUTE_END: mention.end,
        ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: 1.0,
    }
    if mention.role is not None:
        entity[ENTITY_ATTRIBUTE_ROLE] = mention.role
    return entity


def _text_of(message: Message) -> str | None:
    text = message.get(TEXT)
    return text if isinstance(text, str) and text else None


def knowledge_files() -> list[Path]:
    """What the clinical features are computed from: the extractor's code, the lexicon, the concepts."""
    nlu_dir = Path(__file__).resolve().parent
    return [*sorted(nlu_dir.glob("*.py")), *sorted(nlu_dir.glob("*.yml")), CONCEPTS_PATH]


def files_fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        digest.update(path.name.encode())
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _knowledge_fingerprint() -> str:
    return files_fingerprint(knowledge_files())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ClinicalFeaturizer(SparseFeaturizer, GraphComponent):
    """Sparse sentence features from the clinical extractor (bot/nlu/clinical_features.py):
    "mentions a body location", "a negated finding", "an episode duration", "mostly mentions",
    "starts with yes/no", ... A fixed vocabulary, so nothing to train."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return SparseFeaturizer.get_default_config()

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to configure."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        # The classifier learns from these features, so editing the lexicon or the extractor
        # must retrain the model (Rasa fingerprints only this class's own source otherwise).
        return _knowledge_fingerprint()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClinicalFeaturizer:
        build_nlp()
        return cls(execution_context.node_name, config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            text = message.get(TEXT)
            if isinstance(text, str) and message.get(TOKENS_NAMES[TEXT]):
                self._add_features(message, text, extract(text))
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            mentions = extract(text)
            if text:
                entities = [mention_to_entity(m) for m in mentions]
                message.set(SHARED_ENTITIES, {TEXT: text, ENTITIES: entities})
            # Exactly when the count-vector featurizers add theirs (the message has tokens, even
            # an empty or blank one does): the classifier needs every block, or none.
            if message.get(TOKENS_NAMES[TEXT]):
                self._add_features(message, text, mentions)
        return messages

    def _add_features(self, message: Message, text: str, mentions: list[Mention]) -> None:
        columns = feature_row(feature_names(text, mentions))
        sentence = scipy.sparse.coo_matrix(
            ([1.0] * len(columns), ([0] * len(columns), columns)), shape=(1, len(FEATURES))
        )
        self.add_features_to_message(None, sentence, TEXT, message)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CharleyIntentClassifier(LogisticRegressionClassifier):
    """Rasa's LogisticRegressionClassifier with the inverse regularisation strength `C` exposed
    (Rasa fixes it at 1.0); everything else, persistence included, is Rasa's. `_create_X` builds
    the same matrix as Rasa's without also combining the sequence features it never uses (a
    third of the classifier's time per message)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=float(self.config["C"]))

    def _create_X(self, messages: list[Message]) -> scipy.sparse.csr_matrix:
        rows = []
        for message in messages:
            sentence = [
                f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE
            ]
            blocks = [scipy.sparse.csr_matrix(f.features) for f in sentence if f.is_sparse()]
            blocks += [scipy.sparse.csr_matrix(f.features) for f in sentence if f.is_dense()]
            rows.append(scipy.sparse.hstack(blocks) if blocks else scipy.sparse.csr_matrix((1, 0)))
        return scipy.sparse.vstack(rows).tocsr()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ClinicalEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds finding, body_location and number entities (with their roles) to messages."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClinicalEntityExtractor:
        # Build the spaCy pipeline now, so the first user message does not pay for it.
        build_nlp()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            shared = message.data.pop(SHARED_ENTITIES, None)
            text = _text_of(message)
            if text is None:
                continue
            if isinstance(shared, dict) and shared.get(TEXT) == text:
                found = [dict(entity) for entity in shared[ENTITIES]]
            else:
                found = [mention_to_entity(m) for m in extract(text)]
            entities = self.add_extractor_name(found)
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Nothing to learn, and training examples keep their own annotated entities.
        return training_data


DESCRIBE_INTENT = "describe_spasm"
ANSWER_INTENT = "inform"
RESTART_INTENT = "restart"
# Intents a message that names a cramp and where it is must not end up as: the classifier is
# unsure of slang ("hamstring proper seized up in 5 a side"), the extractor is not.
FALLBACK_INTENT = "nlu_fallback"
_OVERRULED_INTENTS = frozenset({FALLBACK_INTENT, "out_of_scope"})
# Starting over wipes the conversation, so it needs words that ask for it: the classifier read
# "one week, since exam study start" as a restart and the answers given so far were lost.
_RESTART_CUE = re.compile(
    r"\b(?:re-?start|rstart|reset|redo|wipe|clear|forget|scratch|square\s+one|afresh|fresh\s+start|"
    r"new\s+(?:conversation|chat|session)|(?:start|strat|begin)\b.{0,16}\b(?:over|again|afresh)|"
    r"(?:from|back\s+to)\s+the\s+(?:top|beginning|start))\b",
    re.IGNORECASE,
)


# A request for first aid or for what a word means is a question: without question words, "my
# calf cramps at night and it really hurts" describes the cramp, it does not ask what to do.
_QUESTION_CUE = re.compile(
    r"\?|\b(?:what|whats|how|help(?!s\b)|should|can\s+i|could\s+i|anything|do\s+i|tips?|advice|fix|relieve|relief|"
    r"ease|stop|mean|means|explain|never\s+heard)\b",
    re.IGNORECASE,
)
# Intents that need words asking for them, and the cue that must be there.
# "he says not really, it's just the pain" is an answer, not "why this advice?"
_WHY_CUE = re.compile(
    r"\?|\b(?:why|how\s+come|reasons?|sources?|evidence|explain|advice|based\s+on|where\s+(?:does|did|is))\b",
    re.IGNORECASE,
)
_NEEDS_WORDS = {
    RESTART_INTENT: _RESTART_CUE,
    "ask_why_advice": _WHY_CUE,
    "ask_first_aid": _QUESTION_CUE,
    "ask_what_is": _QUESTION_CUE,
}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentGuard(GraphComponent):
    """After FallbackClassifier, two corrections the extractor or the words make certain:

    * a message that names a cramp, spasm or twitch and a body part is a description of the
      spasm, whatever the classifier made of its wording, and so is any symptom or complaint in a
      message the classifier could not place;
    * a restart without words asking for one ("start over", "reset", "new chat") is an answer, and
      so is a request for first aid or for a word's meaning without a question in it.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        muscle = {c for c, category in load_lexicon().concept_categories.items() if category == "muscle"}
        for message in messages:
            name = (message.get(INTENT) or {}).get("name")
            cue = _NEEDS_WORDS.get(name)
            demoted = cue is not None and not cue.search(message.get(TEXT) or "")
            if demoted:
                message.set(INTENT, {"name": ANSWER_INTENT, "confidence": 1.0}, add_to_output=True)
                if name == RESTART_INTENT:
                    continue  # an answer mid-questions, never the start of a description
            if name not in _OVERRULED_INTENTS and not demoted:
                continue
            present = [
                e for e in message.get(ENTITIES) or [] if e.get(ENTITY_ATTRIBUTE_ROLE) in (None, "present")
            ]
            places = any(e.get(ENTITY_ATTRIBUTE_TYPE) == "body_location" for e in present)
            cramps = any(
                e.get(ENTITY_ATTRIBUTE_TYPE) == "finding" and e.get(ENTITY_ATTRIBUTE_VALUE) in muscle
                for e in present
            )
            # "crying with his ear since last night ... slight temperature": a complaint told in
            # words the classifier was unsure of is still one to triage, never "didn't understand"
            told_a_finding = name == FALLBACK_INTENT and any(
                e.get(ENTITY_ATTRIBUTE_TYPE) == "finding" for e in present
            )
            if (places and cramps) or told_a_finding:
                message.set(INTENT, {"name": DESCRIBE_INTENT, "confidence": 1.0}, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
