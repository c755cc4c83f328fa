"""Families of misses read from blind set I (issue 13, sixth round; scored once sealed first).

Each family is tested with the blind wording's kind of phrase in other words, a typo or texting
form where the family allows one, and the negation or look-alike that must not change."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import Mention as Extracted
from bot.nlu.extractor import extract
from bot.triage.case import Case, update_case
from bot.triage.engine import assess
from harness.cases import case_after
from harness.cases import roles as _roles


def _case(text: str, asked: str | None = None, before: Case | None = None, intent: str = "inform") -> Case:
    return case_after(text, asked, before, intent)


# ------------------------------------------------------------------ vomiting blood, said apart
@pytest.mark.parametrize(
    "text",
    [
        "had stomach cramps all night and just threw up and it was bright red blood, like a mugful",
        "been sick 3 times and there was some blood in it",
        "my dad vomited this morning and it looked like dark blood",
        "she puked twice, second time it was mostly blood",
    ],
)
def test_blood_in_the_same_sentence_as_vomiting_is_vomiting_blood(text):
    assert "present" in _roles(text, "vomiting_blood"), extract(text)
    assert assess(_case(text)).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "threw up twice, no blood in it",
        "was sick after dinner, not any blood",
        "vomited. my gums bled yesterday",
    ],
)
def test_vomiting_without_blood_is_not_vomiting_blood(text):
    assert "present" not in _roles(text, "vomiting_blood"), extract(text)


# ------------------------------------------------------------------ what a medicine is for
@pytest.mark.parametrize(
    ("text", "sign", "role"),
    [
        ("blood pressure tablets and one for my bladder", "bladder_problems", "uncertain"),
        ("the doctor put me on water tablets for my swollen ankles a month ago", "swelling", "historical"),
        ("I take furosemide for my swollen legs", "swelling", "historical"),
        ("he has pills to help with his bladder", "bladder_problems", "uncertain"),
        ("cream for the numb patch on my foot", "numbness", "uncertain"),
    ],
)
def test_what_a_medicine_treats_is_not_taken_as_a_new_sign(text, sign, role):
    assert _roles(text, sign) == {role}, extract(text)
    assert assess(_case(text + ", cramps in my calves")).level != "emergency"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my calf is swollen and I took ibuprofen for it", "swelling"),
        ("I can't pee and I take tablets for blood pressure", "bladder_problems"),
    ],
)
def test_a_sign_said_outright_beside_a_medicine_stays_present(text, sign):
    assert "present" in _roles(text, sign), extract(text)


# ------------------------------------------------------------------ "clot?? no swelling"
@pytest.mark.parametrize(
    "text",
    [
        "I read online that leg cramps can be a blood clot?? no swelling, not red, not warm",
        "could it be a clot? no swelling though",
        "is it a dvt? nope, no swelling",
    ],
)
def test_a_no_after_a_question_denies_what_follows(text):
    assert _roles(text, "swelling") == {"negated"}, extract(text)
    assert assess(_case("my calf cramped on a hike. " + text)).level != "emergency"


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        ("swelling? no, numbness yes", "numbness", "present"),
        ("swelling? no. but my leg is weak", "weakness", "present"),
        ("any swelling? no", "swelling", "negated"),
    ],
)
def test_a_no_answering_a_question_does_not_deny_a_sign_after_a_comma_or_full_stop(text, value, role):
    assert role in _roles(text, value), extract(text)


# ------------------------------------------------------------------ "stabbing" is how it feels
@pytest.mark.parametrize(
    "text",
    [
        "get this stabbing knot between my shoulder blades after long days at the computer",
        "a stabby pain in my calf",
        "like someone stuck a knife in my back",
    ],
)
def test_a_stabbing_feeling_is_not_a_wound(text):
    assert not _roles(text, "recent_wound"), extract(text)


def test_being_stabbed_is_still_a_wound():
    assert "present" in _roles("he was stabbed in the leg last week and now his jaw is stiff", "recent_wound")


# ------------------------------------------------------------------ a body part said to be fine
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("no fever, neck moves fine, vision fine", "neck"),
        ("my calf cramps, my foot is fine", "foot"),
        ("legs look normal", "leg"),
    ],
)
def test_a_body_part_said_to_be_fine_is_not_where_the_trouble_is(text, place):
    assert not [
        m for m in extract(text) if m.entity == "body_location" and m.value == place and m.role == "present"
    ]


def test_the_place_of_the_cramp_stays_when_another_part_is_fine():
    assert "present" in {m.role for m in extract("my calf cramps, my foot is fine") if m.value == "calf"}


# ------------------------------------------------------------------ not a muscle: head and belly
@pytest.mark.parametrize(
    "text",
    [
        "heads been pounding since about 3pm, no fever, neck moves fine, its just a dull band round my forehead",
        "my head is throbbing after staring at spreadsheets all day",
        "splitting head since lunch",
    ],
)
def test_a_headache_in_everyday_words_is_not_a_muscle_problem(text):
    result = assess(_case(text))
    assert result.redirect and result.level != "emergency", extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "burns when i wee and im going every half hour, bit of a crampy ache low in my tummy. no fever",
        "stomach cramps and the runs since last night",
        "crampy belly and I keep throwing up",
    ],
)
def test_a_crampy_belly_with_a_stomach_bowel_or_urine_complaint_is_that_complaint(text):
    assert assess(_case(text)).redirect, extract(text)


def test_a_calf_cramp_with_an_upset_stomach_is_still_a_calf_cramp():
    assert not assess(_case("calf cramp after football and my stomach is upset")).redirect


# ------------------------------------------------------------------ durations of other things
@pytest.mark.parametrize(
    "text",
    [
        "my foot went numb for like an hour cos i was sat on it",
        "my leg was swollen for 2 hours",
        "felt sick for 20 minutes",
    ],
)
def test_how_long_another_sign_lasted_is_not_how_long_a_cramp_lasts(text):
    assert not [m for m in extract(text) if m.entity == "episode_duration"], extract(text)


def test_how_long_the_cramp_lasted_is_still_read():
    assert [m.value for m in extract("cramp for an hour") if m.entity == "episode_duration"] == [60.0]


# ------------------------------------------------------------------ everyday answers
@pytest.mark.parametrize(
    "text", ["since 3ish, still there", "it hasn't stopped", "still going", "its still there"]
)
def test_an_episode_that_has_not_ended_is_constant(text):
    assert [m.value for m in extract(text) if m.entity == "episode_duration"] == [1440.0], extract(text)


def test_a_sign_still_there_is_not_a_constant_cramp():
    assert not [m for m in extract("the swelling is still there") if m.entity == "episode_duration"]


@pytest.mark.parametrize(
    "text", ["only get them in hot games", "I only have it when I run", "only ever get one after long rides"]
)
def test_how_often_tied_to_an_activity(text):
    assert "unknown" in [m.value for m in extract(text) if m.entity == "frequency"], extract(text)


@pytest.mark.parametrize(
    "text", ["I wear contact lenses", "I smoke about 10 a day", "just vitamins and fish oil", "he's a smoker"]
)
def test_a_background_reply_naming_nothing_on_the_list_answers_it(text):
    case = _case(text, asked="background")
    assert "background" in case.answered


@pytest.mark.parametrize("text", ["what do you mean by water pills?", "is it my heart?"])
def test_a_question_back_does_not_answer_the_background_question(text):
    assert "background" not in _case(text, asked="background").answered


# ------------------------------------------------------------------ a red, blurred eye
def test_a_twitching_eyelid_with_a_red_gritty_eye_and_blurred_sight_is_urgent():
    text = "my right eyelid has been twitching for 3 weeks, and now the vision in that eye is blurry and the eye is red and gritty"
    assert assess(_case(text)).level == "urgent", extract(text)


def test_an_eyelid_twitch_alone_is_still_self_care():
    assert assess(_case("my eyelid keeps twitching since yesterday, no other problems")).level == "self_care"


def test_extracted_mentions_are_plain_data():
    assert all(isinstance(m, Extracted) for m in extract("calf cramp"))


@pytest.mark.parametrize(
    "text",
    [
        "the ankles are actually less puffy since the tablets",
        "his legs are not as swollen now",
        "the swelling's gone down",
    ],
)
def test_a_swelling_that_is_easing_is_not_a_new_sign(text):
    assert "present" not in _roles(text, "swelling"), extract(text)


@pytest.mark.parametrize(
    "text", ["more swollen today", "the swelling is going up my leg", "my calf is swollen"]
)
def test_a_swelling_that_is_there_or_growing_stays_present(text):
    assert "present" in _roles(text, "swelling"), extract(text)


def test_water_tablets_for_swollen_ankles_then_no_warning_signs_is_not_an_emergency():
    first = "since the doctor put me on water tablets for my swollen ankles a month ago I get cramps in my calves nearly every day"
    case = _case(first, intent="describe_spasm")
    assert assess(case).level != "emergency"
    reply = "none, the ankles are actually less puffy since the tablets, no redness"
    assert (
        assess(_case(reply, asked="accompanying_symptoms", before=case, intent="deny")).level != "emergency"
    )


# ------------------------------------------------------------------ the side is kept
def _said(text: str, before: Case | None = None, intent: str = "describe_spasm") -> Case:
    from bot.nlu.rasa_component import mention_to_entity
    from bot.triage.turn import EXTRACTOR, mentions_from_message

    entities = [{**mention_to_entity(m), "extractor": EXTRACTOR} for m in extract(text)]
    message = {"text": text, "entities": entities}
    return update_case(before or Case(), mentions_from_message(message), intent=intent, text=text)


def test_the_side_of_the_body_is_kept_in_the_persons_words_for_the_clinician():
    from bot.triage.render import clinician_summary

    case = _said("my right calf cramped on the way down a hike")
    assert case.location == "calf" and case.said["location"] == "right calf"
    corrected = _said("sorry, it was my left calf not the right", before=case, intent="correct")
    assert corrected.said["location"] == "left calf"
    assert '"left calf"' in clinician_summary(corrected, None)


def test_another_body_part_named_later_does_not_change_the_site_words():
    case = _said("my left calf keeps cramping")
    later = _said("the pain goes into my foot", before=case, intent="inform")
    assert later.location == "calf" and later.said["location"] == "left calf"


@pytest.mark.parametrize("text", ["constant stiffness", "it's there all the time", "non stop ache"])
def test_always_there_answers_how_often(text):
    before = Case(location="neck", findings={})
    assert _case(text, asked="frequency", before=before).per_week == 7.0


@pytest.mark.parametrize(
    "text",
    ["cramp was a minute, numb about an hour, once", "my foot went numb for like an hour cos i sat on it"],
)
def test_a_sign_that_lasted_a_while_has_ended(text):
    assert _roles(text, "numbness") == {"historical"}, extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "my leg has been numb for an hour",
        "my foot is numb for 20 minutes now",
        "my calf cramps and my foot goes numb for a few minutes",
        "leg numb for 10 minutes now",
        "my foot is numb",
    ],
)
def test_a_sign_that_is_still_there_or_comes_each_time_is_present(text):
    assert "present" in _roles(text, "numbness"), extract(text)


@pytest.mark.parametrize("text", ["I mean since Saturday night, so 2 days", "it started on friday night"])
def test_a_weekday_night_is_when_it_began_not_cramps_at_night(text):
    assert not _roles(text, "night"), extract(text)


def test_cramps_every_night_are_still_at_night():
    assert "present" in _roles("cramps every night since sunday", "night")


@pytest.mark.parametrize(
    "text",
    ["numb for 10 minutes", "numbness for a few minutes each time", "none, just numb for an hour every time"],
)
def test_a_sign_with_a_length_but_no_past_tense_is_still_present(text):
    assert "present" in _roles(text, "numbness"), extract(text)
