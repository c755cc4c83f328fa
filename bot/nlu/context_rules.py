"""ConText rules for how people write about themselves, not for clinical notes.

medspaCy's default rules are written for clinicians' notes ("pt denies", "r/o", "h/o"). People
typing to a chatbot negate with "don't have", hedge with "not sure if", speculate with "could
this be" and talk about relatives; the rules below cover that. All rules use token patterns:
a literal rule would make medspaCy run the whole pipeline on its text while it is being built.

Entity labels the rules can be limited to: LOCATION and the concept categories in upper case
(SYMPTOM, FEATURE, TRIGGER, MEDICINE, CONDITION, CONTEXT).
"""

from __future__ import annotations

from typing import Any

from medspacy.context import ConTextRule
from spacy.tokens import Span

NEGATED = "NEGATED_EXISTENCE"
POSSIBLE = "POSSIBLE_EXISTENCE"
HYPOTHETICAL = "HYPOTHETICAL"
FAMILY = "FAMILY"
HISTORICAL = "HISTORICAL"
FIRST_PERSON = "FIRST_PERSON"
SELF_ALSO = "SELF_ALSO"
BOUNDARY = "BOUNDARY"

LOCATION = "LOCATION"
# Questions and worries name what the person fears, not what they have: "could this be a
# clot?". A symptom inside such a question is still theirs ("is this swelling normal?"), and so
# is a medicine they name ("could it be the statin?"), so only conditions and triggers qualify.
SPECULATED = {"CONDITION", "TRIGGER"}
CONDITIONAL = {"SYMPTOM", "CONDITION", "CONTEXT"}
PAST = {"CONDITION", "MEDICINE", "CONTEXT", LOCATION}
BODY_FIRST = {"SYMPTOM", "FEATURE"}

Pattern = list[dict[str, Any]]


def _w(*words: str) -> dict[str, Any]:
    return {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": list(words)}}


def _opt(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "OP": "?"}


NOT = _w("not", "n't", "nt")
SELF_WORDS = ("i", "me", "my", "mine", "myself", "im", "ive", "id")
KIN = (
    "mom", "mum", "mother", "mommy", "mummy", "mam", "dad", "father", "daddy", "papa",
    "parent", "parents", "brother", "brothers", "sister", "sisters", "sibling", "siblings",
    "grandma", "grandmother", "gran", "granny", "nan", "nana", "grandpa", "grandfather",
    "grandad", "granddad", "grandparent", "grandparents", "aunt", "aunts", "auntie", "uncle",
    "uncles", "cousin", "cousins", "son", "sons", "daughter", "daughters", "kid", "kids",
    "child", "children", "husband", "wife", "partner", "spouse", "boyfriend", "girlfriend",
    "fiance", "fiancee", "friend", "friends", "mate", "colleague", "colleagues", "coworker",
    "coworkers", "neighbour", "neighbor", "relative", "relatives", "stepmom", "stepdad",
    "stepmother", "stepfather", "people", "others", "everyone", "somebody", "someone",
)  # fmt: skip
CLAUSE_STARTERS = (
    "i", "my", "it", "its", "there", "this", "the", "now", "also", "then", "still", "have",
    "has", "get", "gets", "got", "feel", "feels", "felt", "am", "'m", "sometimes", "recently",
    "lately", "often", "just", "only", "though", "although", "but", "one", "they", "we", "he",
    "she", "that", "these", "those", "so", "because", "as",
)  # fmt: skip
# Words that may stand between a negation and a body location for the location itself to be
# negated ("not in my calf", "no cramps in the calf", "my calf is fine").
LOCATION_FILLERS = frozenset(
    "in on at my the it its 's is are a an of from with that this really actually any "
    "pain pains cramp cramps cramping spasm spasms problem problems issue issues "
    "hurt hurts hurting ache aches twitch twitching".split()
)
ORGAN_WORDS = frozenset(
    "kidney kidneys thyroid liver disc disk discs disks bladder bowel bowels circulation "
    "nerve nerves renal blood sugar".split()
)
GONE_FOLLOWERS = frozenset("now away completely down entirely since but and".split())


def _between(target: Span, modifier: Span) -> Span:
    doc = target.doc
    if target.end <= modifier.start:
        return doc[target.end : modifier.start]
    return doc[modifier.end : max(modifier.end, target.start)]


def _negation_applies(target: Span, modifier: Span, _between_span: Span) -> bool:
    """A negation reaches a body location only when it is about the location itself: "no
    swelling in my calf" denies swelling, it does not deny the calf."""
    if target.label_ != LOCATION:
        return True
    return all(t.lower_ in LOCATION_FILLERS for t in _between(target, modifier))


def _location_said_fine(target: Span, modifier: Span, _between_span: Span) -> bool:
    """Only a body location right before it: "my neck is fine", not "the pain is fine now"."""
    return target.label_ == LOCATION and target.end == modifier.start


def _answer_applies(target: Span, modifier: Span, between: Span) -> bool:
    """'swelling: no, numbness: yes' answers backwards only; 'correction - no numbness' denies
    what follows."""
    doc = modifier.doc
    if target.start >= modifier.end and modifier.end < len(doc) and doc[modifier.end].is_punct:
        return False
    return _negation_applies(target, modifier, between)


def _gone_applies(target: Span, modifier: Span, between: Span) -> bool:
    """'the swelling has gone' negates; 'it has gone numb' describes a new symptom."""
    doc = modifier.doc
    if modifier.end < len(doc):
        follower = doc[modifier.end]
        if follower.is_alpha and follower.lower_ not in GONE_FOLLOWERS:
            return False
    return _negation_applies(target, modifier, between)


def _not_possessed(target: Span, modifier: Span, _between_span: Span) -> bool:
    """'could it be my water pill?' names a medicine the person takes: it is theirs. An organ
    is everyone's, though: 'could it be my thyroid?' does not say the thyroid is diseased."""
    if target.text.lower() in ORGAN_WORDS:
        return True
    # A symptom phrase may start with the body part ("if my jaw keeps locking"): that "my" is
    # the body's, not a sign that the thing is the person's own medicine or illness.
    if target.label_ in BODY_FIRST:
        return True
    if target[0].lower_ == "my":
        return False
    return target.start == 0 or target.doc[target.start - 1].lower_ != "my"


# "is that cramp?", "is it my neck muscles?": a question about what it is reaches a cramp word
# only when little stands between; "is it normal that my calf cramps every night?" reports one.
_QUESTION_REACH = 3


def _asks_what_it_is(target: Span, modifier: Span, between: Span) -> bool:
    if target.label_ == "MUSCLE" and len(_between(target, modifier)) > _QUESTION_REACH:
        return False
    return _not_possessed(target, modifier, between)


def _rule(
    name: str,
    category: str,
    direction: str,
    pattern: Pattern,
    **options: Any,
) -> ConTextRule:
    return ConTextRule(name, category, pattern=pattern, direction=direction, **options)


def _negation_rules() -> list[ConTextRule]:
    forward = {"max_scope": 20, "on_modifies": _negation_applies}
    backward = {"max_scope": 3, "on_modifies": _negation_applies}
    return [
        _rule("no", NEGATED, "FORWARD", [_w("no")], **forward),
        _rule("not", NEGATED, "FORWARD", [NOT], **forward),
        _rule("never", NEGATED, "FORWARD", [_w("never")], **forward),
        _rule("without", NEGATED, "FORWARD", [_w("without", "w/o")], **forward),
        # "none, lots of gym": a "none" on its own answers the list; what comes after the comma
        # is something else they tell
        _rule(
            "none",
            NEGATED,
            "FORWARD",
            [_w("none", "neither", "nor", "nothing", "zero")],
            max_scope=20,
            on_modifies=_answer_applies,
        ),
        _rule("deny", NEGATED, "FORWARD", [_w("deny", "denies", "denied", "denying")], **forward),
        _rule("free of", NEGATED, "FORWARD", [_w("free", "clear"), _w("of", "from")], **forward),
        _rule("lack of", NEGATED, "FORWARD", [_w("absence", "lack"), _w("of")], **forward),
        _rule("negative for", NEGATED, "FORWARD", [_w("negative"), _w("for")], **forward),
        _rule(
            "ruled out",
            NEGATED,
            "BIDIRECTIONAL",
            [_w("ruled"), _w("out")],
            max_scope=6,
            on_modifies=_negation_applies,
        ),
        _rule(
            "stopped taking",
            NEGATED,
            "FORWARD",
            [_w("stopped", "quit", "quitted"), _opt(_w("taking", "using", "my"))],
            max_scope=5,
            allowed_types={"MEDICINE", "TRIGGER"},
        ),
        _rule(
            "came off",
            NEGATED,
            "FORWARD",
            [_w("came", "come", "taken", "took"), _w("off")],
            max_scope=5,
            allowed_types={"MEDICINE"},
        ),
        _rule(
            "is fine",
            NEGATED,
            "BACKWARD",
            [
                _opt(_w("is", "are", "'s", "was", "were", "seems", "seem", "looks", "look", "feels", "feel")),
                # "the bladder and bowels are quite normal"
                _opt(
                    _w(
                        "quite",
                        "perfectly",
                        "totally",
                        "completely",
                        "absolutely",
                        "all",
                        "both",
                        "pretty",
                        "entirely",
                    )
                ),
                _w("fine", "normal", "normally", "ok", "okay", "alright", "good", "unaffected"),
            ],
            # "running normally" is being able to run, not a denial that running brought it on.
            **{**backward, "excluded_types": {"TRIGGER"}},
        ),
        _rule(
            "gone",
            NEGATED,
            "BACKWARD",
            [_w("gone", "disappeared", "resolved", "settled", "vanished")],
            max_scope=5,
            on_modifies=_gone_applies,
        ),
        _rule(
            "went away",
            NEGATED,
            "BACKWARD",
            [_w("went", "cleared", "gone", "calmed", "died"), _w("away", "up", "down")],
            max_scope=5,
            on_modifies=_negation_applies,
        ),
        # "the numb feeling was only during the cramp, now is gone": it came with the cramp and went
        _rule(
            "only during the cramp",
            NEGATED,
            "BACKWARD",
            # (the cramp itself is a target, so the cue stops before it)
            [_w("only", "just"), _w("during", "while", "whilst")],
            max_scope=6,
            allowed_types={"SYMPTOM"},
        ),
        _rule(
            "came back normal",
            NEGATED,
            "BACKWARD",
            [
                _w("was", "were", "is", "are", "came", "come"),
                _opt(_w("back")),
                _w("negative", "clear", "normal"),
            ],
            max_scope=6,
            on_modifies=_negation_applies,
        ),
        # "clot?? no swelling" denies what follows as well: this match swallows the plain "no".
        _rule(
            "swelling? no",
            NEGATED,
            "BIDIRECTIONAL",
            [{"ORTH": "?"}, _w("no", "none", "nope", "nah", "never", "negative", "n")],
            max_scope=4,
            on_modifies=_answer_applies,
        ),
        # "swelling - no" answers what went before; "correction - no numbness" denies what
        # follows. This match swallows the plain "no" rule's, so it looks both ways.
        _rule(
            "swelling: no",
            NEGATED,
            "BIDIRECTIONAL",
            [
                {"ORTH": {"IN": [":", "-", "=", "–"]}},
                _w("no", "none", "nope", "nah", "never", "negative", "n"),
            ],
            max_scope=4,
            on_modifies=_answer_applies,
        ),
        _rule(
            "but it's gone",
            NEGATED,
            "BACKWARD",
            [
                _w("but", "and", "though"),
                _w("it", "that", "this", "they", "its"),
                _opt(_w("'s", "is", "has", "have", "'ve", "was", "are")),
                _opt(_w("now", "since", "completely", "all")),
                _w("gone", "resolved", "cleared", "settled", "disappeared", "vanished"),
            ],
            max_scope=8,
            on_modifies=_negation_applies,
        ),
        _rule(
            "but it went away",
            NEGATED,
            "BACKWARD",
            [
                _w("but", "and", "though"),
                _w("it", "that", "this", "they"),
                _w("went", "cleared", "calmed", "died"),
                _w("away", "up", "down"),
            ],
            max_scope=8,
            on_modifies=_negation_applies,
        ),
        # "no fever, neck moves fine": a body part said to be fine is not where the trouble is.
        _rule(
            "neck moves fine",
            NEGATED,
            "BACKWARD",
            [
                _opt(
                    _w(
                        "moves",
                        "move",
                        "moving",
                        "turns",
                        "turn",
                        "bends",
                        "bend",
                        "is",
                        "are",
                        "feels",
                        "feel",
                        "looks",
                        "look",
                        "seems",
                        "seem",
                    )
                ),
                _opt(_w("totally", "perfectly", "completely", "absolutely", "all")),
                _w("fine", "ok", "okay", "normal", "alright", "good"),
            ],
            max_scope=3,
            on_modifies=_location_said_fine,
        ),
        _rule(
            "not a problem",
            NEGATED,
            "BACKWARD",
            [NOT, _opt(_w("an", "a")), _w("issue", "problem", "concern")],
            max_scope=4,
            on_modifies=_negation_applies,
        ),
    ]


def _pseudo_rules() -> list[ConTextRule]:
    """Phrases holding a negation word that negate nothing that follows."""
    patterns: list[tuple[str, Pattern]] = [
        ("no,", [_w("no", "nope", "nah"), {"IS_PUNCT": True}]),
        # "no it's only at night": the "no" answers the question, the rest is a new statement.
        ("no it's", [_w("no", "nope", "nah"), _w("i", "it", "its", "he", "she", "they", "we", "my", "his", "her", "only", "just", "mostly", "usually", "this", "that", "there")]),
        # One word longer than the hedges they resemble ("no idea if"), so they win the overlap.
        ("no idea why", [_opt({"IS_PUNCT": True}), _w("no"), _w("idea", "clue"), _w("why", "what", "how", "where", "when")]),
        ("not sure why", [_opt(_w("'m", "am", "im", "i")), NOT, _w("sure", "certain"), _w("why", "what", "how", "where", "when")]),
        ("don't know why", [_opt(_w("do", "did", "does")), NOT, _w("know"), _w("why", "what", "how", "where", "when")]),
        ("not only", [NOT, _w("only", "just", "always", "long", "even", "every", "each", "all", "much", "often", "constantly")]),
        ("no matter", [_w("no"), _w("matter", "doubt", "wonder", "longer"), _opt(_w("than"))]),
        # "it's no better, really painful, and every time I sneeze...": "no better" denies nothing after it
        ("no better", [_w("no", "not"), _opt(_w("any")), _w("better", "different", "easier", "change", "improvement")]),
        ("not too bad", [NOT, _opt(_w("that", "too", "so", "very", "really", "as")), _w("bad", "painful", "severe", "serious", "sore", "strong", "great")]),
        ("never mind", [_w("never"), _w("mind", "ever")]),
        # "is this swelling normal?": a question about the sign, which is there.
        ("is this normal", [_w("is", "are"), _w("this", "that", "the", "it", "my", "these", "those"), {"IS_ALPHA": True, "OP": "*"}, _w("normal", "ok", "okay", "fine", "alright")]),
        # "I can hold things when it's not cramping": a time between spasms, not a denial of them.
        ("when it's not", [_w("when", "while", "whenever"), _opt(_w("it", "its", "they", "i", "he", "she", "is", "'s", "are", "'m", "am")), _opt(_w("is", "'s", "are", "'re")), NOT]),
        # "I can't walk without limping": the limp is there.
        ("without limping", [_w("without"), _w("limping", "stopping", "resting", "help", "assistance", "support", "falling", "stumbling", "crying", "wincing")]),
        (
            "can't stop",
            [
                _w("ca", "c", "car", "can", "could", "wo", "will", "do", "d", "does", "did", "would"),
                NOT,
                _w(
                    "stop", "move", "relax", "wait", "believe", "understand", "afford", "seem",
                    "explain", "figure", "want", "like", "mind", "stretch",
                    # "can't turn my head, neck went into spasm": the movement is what is denied
                    "turn", "bend", "lift", "twist", "straighten", "reach", "look", "raise",
                ),
            ],
        ),
    ]  # fmt: skip
    return [_rule(name, "PSEUDO_NEGATION", "PSEUDO", pattern) for name, pattern in patterns]


def _uncertainty_rules() -> list[ConTextRule]:
    hedge = {"on_modifies": _not_possessed, "excluded_types": {LOCATION}}
    return [
        _rule(
            "maybe",
            POSSIBLE,
            "FORWARD",
            [_w("maybe", "perhaps", "possibly", "possible", "probably", "likely", "potentially", "might", "may")],
            max_scope=10,
            **hedge,
        ),
        _rule(
            "not sure",
            POSSIBLE,
            "BIDIRECTIONAL",
            [NOT, _w("sure", "certain", "positive"), _opt(_w("if", "whether"))],
            max_scope=8,
            **hedge,
        ),
        _rule("unsure", POSSIBLE, "BIDIRECTIONAL", [_w("unsure", "uncertain", "unclear"), _opt(_w("if", "whether"))], max_scope=8, **hedge),
        _rule(
            "don't know if",
            POSSIBLE,
            "FORWARD",
            [_w("do", "d", "did", "does"), NOT, _w("know", "remember", "recall"), _opt(_w("if", "whether"))],
            max_scope=10,
            **hedge,
        ),
        _rule("no idea if", POSSIBLE, "FORWARD", [_opt({"IS_PUNCT": True}), _w("no"), _w("idea", "clue"), _opt(_w("if", "whether"))], max_scope=10, **hedge),
        _rule(
            "can't tell",
            POSSIBLE,
            "BIDIRECTIONAL",
            [_w("ca", "can", "could"), NOT, _w("tell", "say"), _opt(_w("if", "whether"))],
            max_scope=8,
            **hedge,
        ),
        _rule("hard to say", POSSIBLE, "BIDIRECTIONAL", [_w("hard", "difficult", "impossible"), _w("to"), _w("say", "tell"), _opt(_w("if", "whether"))], max_scope=8, **hedge),
        _rule("wonder if", POSSIBLE, "FORWARD", [_w("wonder", "wondering", "wondered"), _w("if", "whether")], max_scope=10, **hedge),
        _rule("whether", POSSIBLE, "FORWARD", [_w("whether")], max_scope=10, **hedge),
        _rule("or not", POSSIBLE, "BACKWARD", [_w("or"), NOT], max_scope=6, **hedge),
        # An answer to the person's own question: "Any swelling? Not sure."
        _rule(
            "? not sure",
            POSSIBLE,
            "BACKWARD",
            [
                {"ORTH": {"IN": ["?", ":", "-", "–"]}},
                _opt(_w("i", "i'm", "im")),
                _opt(_w("'m", "am", "do", "dunno")),
                _w("no", "not", "n't", "maybe", "possibly", "perhaps", "unsure", "dunno", "idk"),
                _opt(_w("idea", "sure", "clue", "know", "certain")),
            ],
            max_scope=4,
            **hedge,
        ),
    ]  # fmt: skip


def _hypothetical_rules() -> list[ConTextRule]:
    speculation = {"on_modifies": _not_possessed, "allowed_types": SPECULATED, "max_scope": 12}
    conditional = {"on_modifies": _not_possessed, "allowed_types": CONDITIONAL, "max_scope": 10}
    anything = {"on_modifies": _not_possessed, "excluded_types": {LOCATION}, "max_scope": 12}
    asked_about_a_medicine = {"allowed_types": {"MEDICINE"}, "max_scope": 4}
    take = _w("take", "give", "have", "use", "try")
    # "is it ok to ...", "safe to ...": what follows is asked about (a medicine, an activity)
    is_it_ok_to = [
        _opt(_w("is", "it's", "its")),
        _opt(_w("it")),
        _w("ok", "okay", "safe", "fine", "alright", "allowed", "wise"),
        _w("to"),
    ]
    return [
        _rule("if", HYPOTHETICAL, "FORWARD", [_w("if", "unless", "incase")], **conditional),
        _rule("in case", HYPOTHETICAL, "FORWARD", [_w("in"), _w("case")], **conditional),
        _rule("what if", HYPOTHETICAL, "FORWARD", [_w("what"), _w("if")], **anything),
        _rule("could be", HYPOTHETICAL, "FORWARD", [_w("could", "would"), _w("be")], **anything),
        # "how do I tell the difference between a cramp and a clot?", "how would I know it's a
        # clot": what they ask how to tell apart is not what they have
        _rule("difference between", HYPOTHETICAL, "FORWARD", [_w("difference", "differences"), _w("between")], **speculation),
        _rule(
            "how do i know",
            HYPOTHETICAL,
            "FORWARD",
            [_w("how"), _w("do", "does", "would", "can", "could", "will", "should"), _w("i", "you", "we", "one", "he", "she"), _w("know", "tell", "check", "spot", "recognise", "recognize")],
            **speculation,
        ),
        _rule(
            "could this be",
            HYPOTHETICAL,
            "FORWARD",
            [
                _w("could", "can", "might", "may", "would", "will", "does", "do", "did"),
                _w("this", "it", "that", "these", "they", "i", "those"),
                _opt(_w("possibly", "maybe", "actually", "really")),
                _w("be", "have", "mean", "indicate", "signal", "point", "suggest", "get", "develop"),
            ],
            **anything,
        ),
        # "period cramps, is that a muscle spasm?", "is it a blood clot?": asking whether it is
        # one is not saying so; not for symptoms, so "is this swelling normal?" still reports it.
        _rule(
            "is that a",
            HYPOTHETICAL,
            "FORWARD",
            [_w("is", "are", "could", "can", "might"), _w("it", "this", "that", "these", "those"), _opt(_w("be")), _opt(_w("a", "an", "just"))],
            on_modifies=_not_possessed,
            allowed_types={"MUSCLE", *SPECULATED},
            max_scope=4,
        ),
        _rule(
            "is it",
            HYPOTHETICAL,
            "FORWARD",
            [{"IS_SENT_START": True, "LOWER": {"IN": ["is", "are", "am", "was"]}}, _w("it", "this", "that", "these", "those", "i")],
            on_modifies=_asks_what_it_is,
            allowed_types={"MUSCLE", *SPECULATED},
            max_scope=12,
        ),
        # "is eyelid twitching an early als sign??", "can MS cause this?", "a sign of ALS": a
        # condition asked about, not had ("my MS" is had, so possessed ones are left alone)
        _rule(
            "is x",
            HYPOTHETICAL,
            "FORWARD",
            [{"IS_SENT_START": True, "LOWER": {"IN": ["is", "are", "can", "could", "does", "do", "would", "might", "will"]}}],
            on_modifies=_not_possessed,
            allowed_types=SPECULATED,
            max_scope=12,
        ),
        _rule("a sign of", HYPOTHETICAL, "FORWARD", [_w("sign", "signs", "symptom", "symptoms", "signal"), _w("of")], max_scope=4, **{k: v for k, v in speculation.items() if k != "max_scope"}),
        _rule(
            ", is it",
            HYPOTHETICAL,
            "FORWARD",
            [{"ORTH": {"IN": [",", ";", "-", "..."]}}, _opt(_w("so", "or", "and")), _w("is", "are", "could", "can", "might"), _w("it", "this", "that", "these", "those")],
            on_modifies=_asks_what_it_is,
            allowed_types={"MUSCLE", *SPECULATED},
            max_scope=12,
        ),
        # "what's a diuretic?": a word they ask about, not a medicine they take
        _rule(
            "what is a",
            HYPOTHETICAL,
            "FORWARD",
            [_w("what", "whats", "what's"), _opt(_w("is", "are", "'s", "does", "do")), _opt(_w("a", "an", "the")), ],
            on_modifies=_not_possessed,
            allowed_types={"MEDICINE", "CONDITION"},
            max_scope=3,
        ),
        _rule(
            "what do you mean by",
            HYPOTHETICAL,
            "FORWARD",
            [_w("what"), _opt(_w("do", "does")), _opt(_w("you", "u", "they", "it")), _w("mean", "means", "meant"), _opt(_w("by"))],
            on_modifies=_not_possessed,
            allowed_types={"MEDICINE", "CONDITION"},
            max_scope=4,
        ),
        # "can I take ibuprofen?", "is it ok to take paracetamol?": a medicine they ask about, not
        # one they take
        _rule(
            "can I take",
            HYPOTHETICAL,
            "FORWARD",
            [
                _w("can", "could", "should", "may", "shall", "do"),
                _w("i", "he", "she", "we", "they", "u", "you"),
                _opt(_w("still", "just", "also")),
                take,
            ],
            **asked_about_a_medicine,
        ),
        _rule("is it ok to take", HYPOTHETICAL, "FORWARD", [*is_it_ok_to, take], **asked_about_a_medicine),
        # "is it okay to keep going to my yoga class?", "should I still go to the gym": an activity
        # asked about, not what brought the cramp on
        # (the activity itself is a target, so each cue stops before it)
        _rule(
            "is it ok to keep going",
            HYPOTHETICAL,
            "FORWARD",
            [*is_it_ok_to, _w("keep", "carry", "continue", "go", "do", "still")],
            allowed_types={"TRIGGER"},
            max_scope=6,
        ),
        _rule(
            "should i still go",
            HYPOTHETICAL,
            "FORWARD",
            [_w("should", "can", "could", "shall"), _w("i", "he", "she", "we"), _w("still", "keep", "go", "carry", "continue")],
            allowed_types={"TRIGGER"},
            max_scope=6,
        ),
        # "why do you need to know about fever for a stiff neck?": what Charley asked about, not
        # what they have
        _rule(
            "why do you ask about",
            HYPOTHETICAL,
            "FORWARD",
            [
                _w("why", "y"),
                _opt(_w("do", "does", "did", "are", "would", "should", "r")),
                _opt(_w("you", "u", "ya")),
                _opt(_w("need", "needs", "want", "wanna", "have", "got")),
                _opt(_w("to")),
                _w("know", "ask", "asking", "asked", "mention", "mentioning", "care"),
                _opt(_w("about", "if", "whether", "for")),
            ],
            **anything,
        ),
        _rule("any chance", HYPOTHETICAL, "FORWARD", [_w("any", "a", "some"), _w("chance", "possibility", "likelihood")], **speculation),
        _rule(
            "sign of",
            HYPOTHETICAL,
            "FORWARD",
            [_w("sign", "signs", "symptom", "symptoms", "indication", "indicator", "warning", "risk", "risks", "chance", "chances", "possibility", "cause"), _w("of", "for")],
            **speculation,
        ),
        _rule(
            "worried",
            HYPOTHETICAL,
            "FORWARD",
            [_w("worried", "worry", "worries", "worrying", "afraid", "scared", "fear", "fears", "frightened", "terrified", "concerned", "paranoid", "nervous", "panicking", "panicked")],
            **speculation,
        ),
        _rule("not worried about", HYPOTHETICAL, "FORWARD", [NOT, _w("worried", "concerned", "scared"), _opt(_w("about", "that"))], **speculation),
        _rule(
            "read that",
            HYPOTHETICAL,
            "FORWARD",
            [_w("read", "googled", "heard")],
            **speculation,
        ),
        # "I googled it and one site said MS": what a page or a forum says they might have
        _rule(
            "a website said",
            HYPOTHETICAL,
            "FORWARD",
            [
                _w("site", "sites", "website", "websites", "internet", "google", "forum", "forums", "article", "online", "web", "tiktok", "youtube", "reddit", "chatgpt"),
                _w("said", "says", "say", "suggested", "suggests", "reckons", "mentioned", "thinks", "told"),
            ],
            **speculation,
        ),
        # "I read that lockjaw can mean tetanus": what they read about, whatever it is ("I heard
        # a pop and my calf swelled" is not covered: it needs "that" or "about").
        _rule("read about", HYPOTHETICAL, "FORWARD", [_w("read", "googled", "heard", "reading", "googling"), _w("that", "about")], **anything),
        _rule(
            "rule out",
            HYPOTHETICAL,
            "FORWARD",
            [_w("rule", "check", "checked", "test", "tested", "testing", "screen", "screened", "screening", "look", "looking"), _w("out", "for", "me")],
            on_modifies=_not_possessed,
            allowed_types={"CONDITION", "TRIGGER", "SYMPTOM"},
            max_scope=8,
        ),
        _rule(
            "be causing this",
            HYPOTHETICAL,
            "BACKWARD",
            [
                _opt(_w("be", "is", "'s")),
                _w("causing", "cause", "behind", "responsible", "to"),
                _w("this", "it", "that", "them", "the", "for", "blame"),
            ],
            max_scope=5,
            on_modifies=_not_possessed,
            allowed_types=SPECULATED,
        ),
        _rule(
            "get my kidneys checked",
            HYPOTHETICAL,
            "BACKWARD",
            [_w("checked", "tested", "examined", "scanned", "investigated", "looked")],
            max_scope=4,
            on_modifies=_not_possessed,
            allowed_types={"CONDITION"},
        ),
        _rule("prevent", HYPOTHETICAL, "FORWARD", [_w("prevent", "avoid", "avoiding", "preventing")], on_modifies=_not_possessed, allowed_types={"CONDITION", "TRIGGER"}, max_scope=6),
    ]  # fmt: skip


def _family_rules() -> list[ConTextRule]:
    ends_at_self = {"terminated_by": {FIRST_PERSON}, "max_scope": 15}
    return [
        _rule(
            "relative",
            FAMILY,
            "FORWARD",
            [
                # The leading comma/"and" keeps ", my mum" from losing to the ", my" boundary.
                _opt({"ORTH": {"IN": [",", ";"]}}),
                _opt(_w("and", "but", "while", "whereas")),
                _opt(_w("my", "our", "his", "her", "their", "a", "the", "other")),
                _w(*KIN),
                _opt(_w("'s", "’s")),
            ],
            # Family history is a relative's diagnosis ("my dad had ALS"). A relative's symptom
            # now ("my husband can't pee") is written by a carer: the relative is the patient.
            # Their body part is marked too; the extractor decides whose it is.
            allowed_types={"CONDITION", LOCATION},
            **ends_at_self,
        ),
        _rule("someone i know", FAMILY, "FORWARD", [_w("someone", "somebody", "people"), _w("i"), _w("know", "knew", "met")], **ends_at_self),
        _rule("friend of mine", FAMILY, "FORWARD", [_opt(_w("a")), _w("friend", "colleague", "relative", "cousin"), _w("of"), _w("mine")], **ends_at_self),
        _rule("family history", FAMILY, "FORWARD", [_w("family"), _w("history", "hx")], **ends_at_self),
        _rule("runs in the family", FAMILY, "BIDIRECTIONAL", [_w("runs", "run", "running", "ran"), _w("in"), _w("the", "my", "our"), _w("family", "families")], max_scope=10),
        _rule("in my family", FAMILY, "BIDIRECTIONAL", [_w("in"), _w("my", "the", "our"), _w("family")], max_scope=8),
        _rule("hereditary", FAMILY, "BIDIRECTIONAL", [_w("hereditary", "genetic", "inherited")], max_scope=6),
        _rule("first person", FIRST_PERSON, "PSEUDO", [_w(*SELF_WORDS)]),
        # "my dad has diabetes and so do I": the relative's illness is the person's too.
        _rule("so do i", SELF_ALSO, "BACKWARD", [_w("so", "as"), _w("do", "have", "did", "am", "'m"), _w("i")], max_scope=12),
        _rule("me too", SELF_ALSO, "BACKWARD", [_w("me", "i"), _opt(_w("do", "have", "did", "am")), _w("too", "also", "aswell")], max_scope=12),
        _rule("i have it too", SELF_ALSO, "BACKWARD", [_w("i"), _w("have", "'ve", "got"), _w("it", "that", "them", "one"), _w("too", "also")], max_scope=12),
    ]  # fmt: skip


def _historical_rules() -> list[ConTextRule]:
    past = {"allowed_types": PAST}
    return [
        _rule("history of", HISTORICAL, "FORWARD", [_w("history", "hx", "h/o"), _w("of", "with")], max_scope=10, **past),
        _rule("previous", HISTORICAL, "FORWARD", [_w("previous", "previously", "prior", "past", "former")], max_scope=4, **past),
        _rule("used to", HISTORICAL, "FORWARD", [_w("used"), _w("to")], max_scope=10, **past),
        _rule("years ago", HISTORICAL, "BIDIRECTIONAL", [_opt({"LIKE_NUM": True}), _w("years", "year", "yrs", "yr", "decade", "decades"), _w("ago", "back")], max_scope=10, **past),
        _rule("long ago", HISTORICAL, "BIDIRECTIONAL", [_opt(_w("a")), _opt(_w("long")), _w("long", "while"), _opt(_w("time")), _w("ago", "back")], max_scope=10, **past),
        _rule("in the past", HISTORICAL, "BIDIRECTIONAL", [_w("in"), _w("the"), _w("past")], max_scope=10, **past),
        _rule("as a child", HISTORICAL, "BIDIRECTIONAL", [_w("as"), _w("a"), _w("kid", "child", "teenager", "teen", "baby")], max_scope=10, **past),
        _rule("when i was young", HISTORICAL, "BIDIRECTIONAL", [_w("when"), _w("i"), _w("was"), _opt(_w("a")), _w("young", "younger", "little", "small", "kid", "child", "teenager", "teen")], max_scope=10, **past),
        # "had sciatica back in 2019": a past episode, symptoms included ("since 2019" is still
        # going on, so "since" is not a cue).
        _rule("in 2015", HISTORICAL, "BIDIRECTIONAL", [_w("in", "back"), {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}], max_scope=8, allowed_types=PAST | {"SYMPTOM"}),
        _rule("last year", HISTORICAL, "BIDIRECTIONAL", [_w("last", "in"), _w("year")], max_scope=8, allowed_types={"CONDITION"}),
        _rule("before", HISTORICAL, "BACKWARD", [_w("before"), {"IS_PUNCT": True}], max_scope=6, allowed_types={"CONDITION"}),
        _rule("recovered from", HISTORICAL, "FORWARD", [_w("recovered", "recovering"), _w("from")], max_scope=6, allowed_types={"CONDITION"}),
        _rule("cleared up", HISTORICAL, "BACKWARD", [_w("cleared", "clear", "resolved", "settled"), _opt(_w("up"))], max_scope=8, allowed_types={"SYMPTOM"}),
    ]  # fmt: skip


CONTRASTS = (
    "but", "however", "although", "though", "tho", "except", "yet", "whereas", "instead",
    "besides", "otherwise", "still", "beyond",
)  # fmt: skip
CLAUSE_LINKS = (
    "because", "cause", "'cause", "coz", "cos", "since", "so", "when", "while", "whenever", "which",
)  # fmt: skip
NEW_CLAUSE_VERBS = (
    "went", "goes", "is", "was", "has", "had", "keeps", "kept", "started", "starts", "feels",
    "felt", "gets", "got", "seized", "locked", "cramped", "spasmed",
)  # fmt: skip
TIME_SHIFTS = ("now", "currently", "nowadays", "lately", "recently", "again", "then", "today")


def _boundary_rules() -> list[ConTextRule]:
    """Where any modifier's reach ends: a contrast, a new clause, a new subject."""
    patterns: list[tuple[str, Pattern]] = [
        ("but", [_w(*CONTRASTS)]),
        ("apart from", [_w("apart", "aside"), _w("from")]),
        ("other than", [_w("other"), _w("than")]),
        ("now", [_w(*TIME_SHIFTS)]),
        # "no bladder problems, and yes, walking brings it on": a yes starts a new statement
        ("yes", [_w("yes", "yeah", "yep", "yup")]),
        ("because", [_w(*CLAUSE_LINKS)]),
        ("and i", [_w("and", "&", "plus"), _w(*CLAUSE_STARTERS)]),
        (", i", [{"ORTH": ","}, _w(*CLAUSE_STARTERS)]),
        # ", neck went into spasm", ", think I slept funny": a new subject and verb after a comma
        (", x went", [{"ORTH": ","}, {"IS_ALPHA": True}, _w(*NEW_CLAUSE_VERBS)]),
        (
            ", think",
            [{"ORTH": ","}, _w("think", "thought", "reckon", "guess", "suppose", "probably", "maybe")],
        ),
        ("semicolon", [{"ORTH": {"IN": [";", ":", "-", "–", "—", "("]}}]),
        ("newline", [{"IS_SPACE": True, "TEXT": {"REGEX": "\n"}}]),
    ]
    return [_rule(name, BOUNDARY, "TERMINATE", pattern) for name, pattern in patterns]


def build_rules() -> list[ConTextRule]:
    return [
        *_negation_rules(),
        *_pseudo_rules(),
        *_uncertainty_rules(),
        *_hypothetical_rules(),
        *_family_rules(),
        *_historical_rules(),
        *_boundary_rules(),
    ]
