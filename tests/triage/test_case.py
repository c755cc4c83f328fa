"""How a message changes a case: negation, hedging, corrections, answers, accumulation."""

import pytest

from bot.triage.case import Case, Mention, Status, is_answered, update_case
from bot.triage.engine import open_questions
from bot.triage.knowledge import load_knowledge

K = load_knowledge()


def m(entity, value, role=None):
    return Mention(entity, value, role)


@pytest.mark.parametrize(
    "role, status",
    [
        ("present", Status.PRESENT),
        (None, Status.PRESENT),
        ("negated", Status.ABSENT),
        ("uncertain", Status.UNKNOWN),
    ],
)
def test_roles_map_to_statuses(role, status):
    assert update_case(Case(), [m("finding", "numbness", role)]).status("numbness") is status


@pytest.mark.parametrize("role", ["hypothetical", "family"])
def test_hypotheticals_and_relatives_are_ignored(role):
    assert update_case(Case(), [m("finding", "blood_clot", role)]).findings == {}
    assert update_case(Case(), [m("finding", "als", role)]).findings == {}


def test_history_of_a_condition_counts_but_a_past_symptom_does_not():
    kase = update_case(
        Case(), [m("finding", "kidney_disease", "historical"), m("finding", "numbness", "historical")]
    )
    assert kase.status("kidney_disease") is Status.PRESENT
    assert kase.status("numbness") is Status.UNKNOWN


def test_symptoms_accumulate_and_are_never_overwritten_by_another_symptom():
    kase = update_case(Case(), [m("finding", "numbness", "negated")])
    kase = update_case(kase, [m("finding", "swelling", "negated")])
    kase = update_case(kase, [m("finding", "redness", "present")])
    assert kase.status("numbness") is Status.ABSENT
    assert kase.status("swelling") is Status.ABSENT
    assert kase.status("redness") is Status.PRESENT


def test_corrections_override_the_same_fact():
    kase = update_case(Case(), [m("body_location", "calf"), m("finding", "numbness", "negated")])
    corrected = [m("body_location", "thigh"), m("finding", "numbness", "present")]
    kase = update_case(kase, corrected, intent="correct", text="sorry, I meant my thigh, and it is numb")
    assert kase.location == "thigh"
    assert kase.status("numbness") is Status.PRESENT


def test_a_body_part_in_an_answer_is_not_a_correction_without_words_saying_so():
    """ "no numbness or tingling in my arms" read as `correct` once moved a back spasm to the arm."""
    kase = Case(location="back")
    named = [m("body_location", "arm"), m("finding", "numbness", "negated")]
    kase = update_case(kase, named, intent="correct", text="none, no numbness or tingling in my arms")
    assert kase.location == "back"


def test_a_hedge_never_erases_a_plain_statement():
    kase = update_case(Case(), [m("finding", "numbness", "present")])
    assert update_case(kase, [m("finding", "numbness", "uncertain")]).status("numbness") is Status.PRESENT


def test_negated_location_is_ignored():
    assert update_case(Case(), [m("body_location", "calf", "negated")]).location is None


def test_dont_know_closes_the_question_with_unknown():
    kase = update_case(Case(location="calf"), [], intent="dont_know", asked="duration")
    assert kase.episode_minutes == "unknown"
    assert "duration" not in [q.id for q in open_questions(kase)]


def test_no_to_the_checklist_marks_every_unknown_item_absent_but_keeps_what_was_said():
    kase = Case(location="calf", findings={"numbness": Status.PRESENT})
    kase = update_case(kase, [], intent="deny", asked="accompanying_symptoms")
    assert kase.status("swelling") is Status.ABSENT
    assert kase.status("numbness") is Status.PRESENT


def test_a_pressed_button_is_read_the_same_whatever_the_intent():
    kase = update_case(
        Case(location="calf"), [], intent="out_of_scope", asked="accompanying_symptoms", text="None of these"
    )
    assert kase.status("bladder_problems") is Status.ABSENT


def test_bare_yes_to_the_checklist_asks_which_one():
    kase = update_case(Case(location="calf"), [], intent="affirm", asked="accompanying_symptoms")
    assert [q.id for q in open_questions(kase)][0] == "which_symptoms"
    kase = update_case(kase, [m("finding", "numbness")], intent="inform", asked="which_symptoms")
    assert kase.status("unspecified_symptom") is Status.ABSENT


def test_yes_no_questions_record_the_finding():
    kase = update_case(Case(location="back"), [], intent="affirm", asked="back_features")
    assert kase.status("worse_with_cough") is Status.PRESENT
    assert is_answered(kase, K.question("back_features"))


def test_questions_already_answered_in_the_first_message_are_skipped():
    kase = update_case(
        Case(),
        [
            m("body_location", "calf"),
            m("episode_duration", 2),
            m("ongoing_duration", 10),
            m("frequency", 3),
            m("severity", "mild"),
            m("finding", "diuretic"),
        ],
    )
    assert [q.id for q in open_questions(kase)] == ["accompanying_symptoms", "walking_pattern"]


def test_a_red_flag_ends_the_questions():
    kase = update_case(Case(), [m("finding", "bowel_problems")])
    assert open_questions(kase) == ()


def test_slots_round_trip():
    kase = update_case(
        Case(),
        [
            m("body_location", "back"),
            m("episode_duration", 12.5),
            m("finding", "numbness", "negated"),
            m("finding", "statin"),
        ],
    )
    kase = update_case(kase, [], intent="dont_know", asked="ongoing_days")
    assert Case.from_slots(kase.to_slots()) == kase


def test_tampered_slot_values_are_ignored():
    kase = Case.from_slots(
        {"accompanying_symptoms": {"numbness": "definitely"}, "duration": "ten", "frequency": True}
    )
    assert kase.findings == {} and kase.episode_minutes is None and kase.per_week is None


def test_a_number_corrected_away_is_ignored():
    kase = update_case(
        Case(episode_minutes=15.0), [m("episode_duration", 0.25), m("episode_duration", 15.0, "negated")]
    )
    assert kase.episode_minutes == 0.25


@pytest.mark.parametrize(
    "text, intent, status",
    [
        ("Yes, it's there every day", "correct", Status.PRESENT),
        ("yeah it does", "inform", Status.PRESENT),
        ("nope, not at all", "out_of_scope", Status.ABSENT),
        ("No idea", "deny", Status.UNKNOWN),
    ],
)
def test_yes_no_replies_are_read_from_their_first_word(text, intent, status):
    kase = update_case(Case(location="back"), [], intent=intent, asked="back_features", text=text)
    assert kase.status("worse_with_cough") is status
    assert is_answered(kase, K.question("back_features"))


def test_a_hedged_warning_sign_is_asked_about_first_and_a_yes_makes_it_count():
    from bot.triage.case import Case, Mention, Status, update_case
    from bot.triage.engine import assess, open_questions

    hedged = update_case(
        Case(), [Mention("body_location", "calf"), Mention("finding", "swelling", "uncertain")]
    )
    assert open_questions(hedged)[0].id == "confirm_red_flag"
    confirmed = update_case(hedged, [], intent="affirm", asked="confirm_red_flag", text="yes")
    assert confirmed.status("swelling") is Status.PRESENT and assess(confirmed).level == "emergency"
    ruled_out = update_case(hedged, [], intent="deny", asked="confirm_red_flag", text="no")
    assert ruled_out.status("swelling") is Status.ABSENT
    assert "confirm_red_flag" not in {q.id for q in open_questions(ruled_out)}
    unsure = update_case(hedged, [], intent="dont_know", asked="confirm_red_flag", text="I don't know")
    assert "confirm_red_flag" not in {q.id for q in open_questions(unsure)}  # asked once only


def test_an_unmentioned_warning_sign_is_not_confirmed():
    from bot.triage.case import Case, Mention, update_case
    from bot.triage.engine import open_questions

    case = update_case(Case(), [Mention("body_location", "calf")])
    assert "confirm_red_flag" not in {q.id for q in open_questions(case)}


def test_a_hedged_emergency_sign_is_asked_about_before_an_urgent_result():
    from bot.triage.case import Case, Mention, update_case
    from bot.triage.engine import alerts, open_questions

    # pain down both legs (urgent) and "not sure I emptied my bladder" (hedged, emergency if so)
    case = update_case(
        Case(),
        [
            Mention("body_location", "back"),
            Mention("finding", "radiating_pain"),
            Mention("finding", "bladder_problems", "uncertain"),
        ],
    )
    assert alerts(case) == ()
    assert open_questions(case)[0].id == "confirm_red_flag"
    confirmed = update_case(case, [], intent="affirm", asked="confirm_red_flag", text="yes")
    assert "spinal_cord_or_nerve_compression" in alerts(confirmed)


@pytest.mark.parametrize(
    "reply", ["no, leg looks normal, he's walking about", "my leg looks normal", "nope all fine down there"]
)
def test_a_reply_that_all_is_normal_answers_the_warning_signs_as_none(reply):
    case = update_case(Case(location="calf"), [], intent="inform", asked="accompanying_symptoms", text=reply)
    assert "accompanying_symptoms" in case.answered
    assert case.status("swelling") is Status.ABSENT and case.status("numbness") is Status.ABSENT


def test_a_sign_named_with_no_is_still_there():
    mentions = [Mention("finding", "swelling", "present")]
    case = update_case(
        Case(location="calf"),
        mentions,
        intent="inform",
        asked="accompanying_symptoms",
        text="no but it's swollen",
    )
    # the signs it names are answered; the ones it does not name stay open, not denied
    assert case.status("swelling") is Status.PRESENT and case.status("numbness") is Status.UNKNOWN


@pytest.mark.parametrize(
    "reply",
    ["no, but he's a bit wobbly on his feet", "all fine except his grip", "none apart from feeling odd"],
)
def test_a_reply_with_an_exception_never_denies_the_whole_list(reply):
    """A sign said in words Charley does not know must not be denied along with the rest."""
    case = update_case(Case(location="calf"), [], intent="inform", asked="accompanying_symptoms", text=reply)
    assert all(
        case.status(i) is not Status.ABSENT for i in load_knowledge().question("accompanying_symptoms").items
    )


@pytest.mark.parametrize(
    ("text", "mentions", "cleared"),
    [
        # a "no" standing before the details, and a "but" that says it is fine
        (
            "not now, it was numb yesterday but it's been fine since",
            [m("finding", "numbness", "historical")],
            True,
        ),
        ("no, walking normally", [m("finding", "walking_difficulty", "negated")], True),
        # something is there: the rest of the list stays open
        ("no, but he's a bit wobbly", [], False),
        ("no, his foot is numb", [m("finding", "numbness", "present")], False),
        ("no swelling", [m("finding", "swelling", "negated")], False),
    ],
)
def test_a_no_to_the_whole_warning_list_before_details(text, mentions, cleared):
    kase = update_case(
        Case(location="calf"), mentions, intent="describe_spasm", asked="accompanying_symptoms", text=text
    )
    assert (kase.status("weakness") is Status.ABSENT) is cleared


@pytest.mark.parametrize(
    ("reply", "answered"),
    [("healthy", True), ("she's fit and well", True), ("healthy but on water pills", False)],
)
def test_healthy_answers_the_background_question_as_none(reply, answered):
    kase = update_case(Case(location="calf"), [], intent="inform", asked="background", text=reply)
    assert ("background" in kase.answered) is answered


@pytest.mark.parametrize("intent", ["inform", "describe_spasm", "correct"])
def test_a_sure_correction_changes_a_number_whatever_the_intent(intent):
    kase = Case(location="calf", episode_minutes=5.0, per_week=0.5)
    text = "sorry I got that wrong, it was more like 25 minutes before it let go"
    assert (
        update_case(
            kase, [m("episode_duration", 25.0)], intent=intent, asked="background", text=text
        ).episode_minutes
        == 25.0
    )


def test_a_number_in_a_reply_to_another_question_without_a_correction_is_kept():
    kase = Case(location="calf", episode_minutes=5.0, per_week=0.5)
    assert (
        update_case(
            kase,
            [m("episode_duration", 25.0)],
            intent="inform",
            asked="background",
            text="25 minutes of yoga a day",
        ).episode_minutes
        == 5.0
    )
