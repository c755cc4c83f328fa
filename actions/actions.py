"""Entry point for `rasa run actions`: importing the modules registers every action."""

from actions.explain import (  # noqa: F401
    ActionAnswerHowSerious,
    ActionClinicianSummary,
    ActionExplainAdvice,
    ActionExplainQuestion,
    ActionShareKnowledge,
)
from actions.extract import ActionExtractCaseFacts  # noqa: F401
from actions.fallback import ActionDefaultFallback  # noqa: F401
from actions.form import ValidateTriageForm  # noqa: F401
from actions.triage import ActionTriage  # noqa: F401
