"""Rasa 3.6 graph component: the clinical extractor in the NLU pipeline.

config.yml:  - name: bot.nlu.rasa_component.ClinicalEntityExtractor

A thin wrapper over bot.nlu.extractor.extract; it needs no training.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.extractor import Mention, extract
from bot.nlu.pipeline import build_nlp


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
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            entities = self.add_extractor_name([mention_to_entity(m) for m in extract(text)])
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Nothing to learn, and training examples keep their own annotated entities.
        return training_data
