"""Answers to side questions asked mid-conversation: "what can I do right now?" and "what's a
diuretic?". Both come from the knowledge files, with their sources, and end with the emergency line."""

from __future__ import annotations

import re

from bot.triage.case import MEDICINE_NOUNS
from bot.triage.engine import Assessment
from bot.triage.knowledge import Knowledge, Term, load_knowledge

FIRST_AID_STEPS = 3


def first_aid_text(assessment: Assessment, knowledge: Knowledge | None = None) -> str:
    """What to do now, while it hurts: the relief advice that fits this case so far. For an
    emergency, the emergency steps instead; for something that is not a muscle, no muscle advice."""
    knowledge = knowledge or load_knowledge()
    said = knowledge.conversation
    if assessment.level == "emergency":
        steps = assessment.emergency_steps
        intro = said["first_aid_emergency"]
    elif assessment.redirect:
        return "\n".join([said["first_aid_not_a_muscle"], knowledge.emergency_line])
    else:
        # advice written for this case (a calf, a pregnancy) before the general kind
        steps = tuple(sorted(assessment.relief, key=lambda a: a.when is None))
        intro = said["first_aid_intro"]
    lines = [intro] + [f'- {a.text} (Source: "{a.source}")' for a in steps[:FIRST_AID_STEPS]]
    return "\n".join([*lines, knowledge.emergency_line])


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in longest_first) + r")\b", re.IGNORECASE)


def term_asked(text: str, knowledge: Knowledge | None = None) -> Term | None:
    """The glossary term a question names; the longest name wins ("blood clot" over "clot")."""
    knowledge = knowledge or load_knowledge()
    best: tuple[int, Term] | None = None
    for term in knowledge.glossary:
        for match in _pattern(term.words).finditer(text):
            length = match.end() - match.start()
            if best is None or length > best[0]:
                best = (length, term)
    return best[1] if best else None


def definition_text(text: str, knowledge: Knowledge | None = None) -> str:
    knowledge = knowledge or load_knowledge()
    term = term_asked(text, knowledge)
    if term is None:
        names = ", ".join(t.words[0] for t in knowledge.glossary)
        return knowledge.conversation["term_unknown"].format(terms=names)
    return f'{term.text} (Source: "{term.source}")'


# A question of theirs: "...?" or one opening with a question word ("can I give him two Panadol")
ASKED_BACK = re.compile(
    r"\?\s*$|^\W*(?:does|do|can|could|should|would|will|is|are|might|may|what|how|why|where|which)"
    r"(?!\s*not\b|n?'t\b|nt\b|\s+be\b)\b",
    re.IGNORECASE,
)
# What makes a question one for their doctor or pharmacist rather than off topic: a medicine, a
# dose, or whether something is safe to take ("is it safe to take paracetamol when pregnant?")
_ABOUT_TREATMENT = re.compile(
    rf"\b(?:{MEDICINE_NOUNS}|safe|dose|doses|dosage|overdose|prescri\w*|pharmacist|"
    r"painkillers?|pain\s+killers?|paracetamol|acetaminophen|tylenol|panadol|calpol|ibuprofen|"
    r"nurofen|advil|motrin|naproxen|aspirin|codeine|co-codamol|tramadol|diclofenac|voltaren|deep\s+heat|"
    r"magnesium|quinine|supplements?|vitamins?|gel)\b"
    r"|\b(?:take|give|mix)\s+(?:him|her|them|it|me|my|his|some|two|a|an)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! ? or a new line; "Is this normal??" after a story is its own question.
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def asks_a_clinician(text: str) -> bool:
    """A question Charley cannot answer but their doctor or pharmacist can: told so, not met
    with "I can only help with muscle cramps" (which reads as if they had written nonsense).
    Only the question itself counts: "28 weeks pregnant ... is this normal?" is not about a medicine."""
    return any(
        ASKED_BACK.search(sentence.strip()) and _ABOUT_TREATMENT.search(sentence)
        for sentence in _SENTENCE.findall(text)
    )
