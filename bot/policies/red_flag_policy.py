"""RedFlagPolicy: the deterministic safety net that runs on every user message.

Rules and forms depend on the intent classifier; a red flag must not. After each user message
the slots already hold what the clinical extractor found, so this policy asks the triage engine
whether a red-flag rule fires that the person has not yet been told about, and if so predicts
the triage action with full confidence and a priority above every other policy.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_overrides
from bot.triage.case import Case
from bot.triage.engine import alerts
from bot.triage.turn import REPORTED_RULES_SLOT, TRIAGE_LEVEL_SLOT

# Rasa loads this policy with the model: the moment to change how it calls the action server.
rasa_overrides.install()

ACTION_TRIAGE = "action_triage"
# After an emergency result these get the reminder of what to do now (through the triage action,
# which repeats it when nothing changed) instead of "You're welcome" or a greeting.
SMALL_TALK_INTENTS = frozenset(
    {
        "greet",
        "thanks",
        "goodbye",
        "bot_challenge",
        "out_of_scope",
        "nlu_fallback",
        "affirm",
        "deny",
        "dont_know",
    }
)


def unreported_red_flags(slots: Dict[str, Any]) -> List[str]:
    reported = set(slots.get(REPORTED_RULES_SLOT) or [])
    return [alert for alert in alerts(Case.from_slots(slots)) if alert not in reported]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class RedFlagPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 7}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any | None = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_action_name
        if latest == ACTION_LISTEN_NAME and ACTION_TRIAGE in domain.action_names_or_texts:
            slots = tracker.current_slot_values()
            after_emergency = (
                slots.get(TRIAGE_LEVEL_SLOT) == "emergency"
                and tracker.latest_message is not None
                and (tracker.latest_message.intent or {}).get("name") in SMALL_TALK_INTENTS
            )
            if after_emergency or unreported_red_flags(slots):
                probabilities[domain.index_for_action(ACTION_TRIAGE)] = 1.0
        elif latest == ACTION_TRIAGE:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        return self._prediction(probabilities)
