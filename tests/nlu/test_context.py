"""Roles: what the text says about each finding (negated, hedged, someone else's, past)."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import extract

NEGATED = [
    ("no numbness", "numbness"),
    ("without any swelling", "swelling"),
    ("I don't have numbness or weakness", "numbness"),
    ("I don't have numbness or weakness", "weakness"),
    ("denies tingling", "numbness"),
    ("no swelling, redness or warmth", "swelling"),
    ("no swelling, redness or warmth", "redness"),
    ("no swelling, redness or warmth", "warmth"),
    ("not numb", "numbness"),
    ("no swelling but my foot is numb", "swelling"),
    ("I dont have any swelling", "swelling"),
    ("I do not have any tingling in my feet", "numbness"),
    ("Neither numbness nor weakness", "numbness"),
    ("Neither numbness nor weakness", "weakness"),
    ("I haven't had any numbness, tingling, weakness, swelling or redness", "redness"),
    ("I'm not pregnant", "pregnancy"),
    ("never had a blood clot", "blood_clot"),
    ("no history of kidney disease", "kidney_disease"),
    ("I don't take water pills", "diuretic"),
    ("I'm not on statins", "statin"),
    ("Bladder and bowels are fine", "bladder_problems"),
    ("Bladder and bowels are fine", "bowel_problems"),
    ("my eyesight is fine", "vision_problems"),
    ("the swelling has gone down", "swelling"),
    ("the tingling went away", "numbness"),
    ("I had swelling last week but it's gone now", "swelling"),
    ("Coughing doesn't make it worse", "worse_with_cough"),
    ("it's not worse when I cough", "worse_with_cough"),
    ("It doesn't wake me up", "disrupts_sleep"),
    ("I can't feel any swelling", "swelling"),
    ("No loss of feeling down there", "saddle_numbness"),
    ("no fever, no stiff neck", "stiff_neck"),
    ("Swelling? No.", "swelling"),
    ("Numbness: no. Weakness: yes.", "numbness"),
    ("I don't get short of breath", "breathlessness"),
    ("There was no cut or wound", "recent_wound"),
    ("I don't think my calf is swollen", "swelling"),
    ("My thyroid tests came back normal", "thyroid_disease"),
    ("no numbnes or weaknes", "weakness"),
]


@pytest.mark.parametrize(("text", "concept"), NEGATED)
def test_negated(roles, text: str, concept: str) -> None:
    assert roles(text).get(concept) == {"negated"}, extract(text)


SCOPE_ENDS = [
    ("no swelling but my foot is numb", "numbness"),
    ("no swelling however my foot is numb", "numbness"),
    ("no swelling although my foot is numb", "numbness"),
    ("no swelling though my foot is numb", "numbness"),
    ("no swelling and my foot is numb", "numbness"),
    ("No swelling, my foot is numb", "numbness"),
    ("I don't have swelling; my calf is red", "redness"),
    ("No numbness, however my calf is red and swollen", "swelling"),
    ("I don't have any tingling, my leg just feels weak", "weakness"),
    ("I'm not on statins but I do take a water pill", "diuretic"),
    ("I can't move my leg when it cramps and my foot goes numb", "numbness"),
    ("No redness, although the area feels warm", "warmth"),
    ("no numbness except tingling in my toes", "numbness"),
]


@pytest.mark.parametrize(("text", "concept"), SCOPE_ENDS)
def test_contrast_and_new_clause_end_negation(roles, text: str, concept: str) -> None:
    assert "present" in roles(text).get(concept, set()), extract(text)


PRESENT_DESPITE_NEGATION_WORD = [
    ("can't pee", "bladder_problems"),
    ("I cant pee", "bladder_problems"),
    ("can't feel my feet", "numbness"),
    ("unable to walk properly", "walking_difficulty"),
    ("can't hold a cup", "grip_difficulty"),
    ("I cannot urinate", "bladder_problems"),
    ("couldn't control my bladder", "bladder_problems"),
    ("no feeling in my groin", "saddle_numbness"),
    ("lost feeling in my legs", "numbness"),
    ("I can't feel the toilet paper when I wipe", "saddle_numbness"),
    ("it came on for no reason", "no_obvious_cause"),
    ("nothing helps", "poor_response"),
    ("stretching doesn't help", "poor_response"),
    ("it won't go away", "poor_response"),
    ("I can't sleep because of it", "disrupts_sleep"),
    ("I can't open my mouth", "lockjaw"),
    ("I can't catch my breath", "breathlessness"),
    ("not drinking enough water", "dehydration"),
    ("cannot pass urine or lost bladder control", "bladder_problems"),
    ("i feel tingly down below and can't hold my wee", "bladder_problems"),
]


@pytest.mark.parametrize(("text", "concept"), PRESENT_DESPITE_NEGATION_WORD)
def test_negation_inside_a_problem_stays_present(roles, text: str, concept: str) -> None:
    assert roles(text).get(concept) == {"present"}, extract(text)


NOT_PRESENT = [
    ("I read it might be a clot", "blood_clot", {"hypothetical", "uncertain"}),
    ("could this be ALS?", "als", {"hypothetical", "uncertain"}),
    ("I'm worried it's a DVT", "blood_clot", {"hypothetical", "uncertain"}),
    ("what if it's MS", "multiple_sclerosis", {"hypothetical", "uncertain"}),
    ("my friend said it could be a blood clot", "blood_clot", {"hypothetical", "uncertain"}),
    ("Is this a sign of MS?", "multiple_sclerosis", {"hypothetical"}),
    ("my calf hurts, is it a blood clot?", "blood_clot", {"hypothetical"}),
    ("Any chance this is MS?", "multiple_sclerosis", {"hypothetical"}),
    ("Do I have diabetes?", "diabetes", {"hypothetical"}),
    ("My doctor wants to rule out a blood clot", "blood_clot", {"hypothetical"}),
    ("What are the signs of a blood clot?", "blood_clot", {"hypothetical"}),
    ("If I get numbness should I go to A&E?", "numbness", {"hypothetical"}),
    ("Should I be worried about ALS?", "als", {"hypothetical"}),
    ("Could it be dehydration?", "dehydration", {"hypothetical"}),
    ("I'm not sure if it's swollen", "swelling", {"uncertain"}),
    ("maybe numb, hard to say", "numbness", {"uncertain"}),
    ("Possibly a bit of swelling, I can't tell", "swelling", {"uncertain"}),
    ("I might be pregnant", "pregnancy", {"uncertain"}),
    ("I don't know if my ankle is swollen", "swelling", {"uncertain"}),
    ("Any swelling? Not sure.", "swelling", {"uncertain"}),
    ("I wonder if it's my thyroid", "thyroid_disease", {"uncertain"}),
    ("Probably just stress", "stress", {"uncertain"}),
    ("my dad had ALS", "als", {"family"}),
    ("my mother has MS", "multiple_sclerosis", {"family"}),
    ("diabetes runs in the family", "diabetes", {"family"}),
    ("there's a family history of diabetes", "diabetes", {"family"}),
    ("My grandmother had a DVT but I've never had one", "blood_clot", {"family"}),
    ("Someone I know has lupus", "autoimmune_disease", {"family"}),
    ("my muscles twitch all over, my mum had motor neurone disease", "als", {"family"}),
    ("My mum is diabetic and my brother has thyroid problems", "thyroid_disease", {"family"}),
    ("I had a kidney problem years ago", "kidney_disease", {"historical"}),
    ("history of kidney disease", "kidney_disease", {"historical"}),
    ("I used to take statins", "statin", {"historical"}),
    ("I had a DVT in 2015", "blood_clot", {"historical"}),
    ("Years ago I was on furosemide", "diuretic", {"historical"}),
    ("In the past I've had liver problems", "liver_disease", {"historical"}),
]


@pytest.mark.parametrize(("text", "concept", "allowed"), NOT_PRESENT)
def test_speculation_others_and_the_past_are_not_present(
    roles, text: str, concept: str, allowed: set[str]
) -> None:
    found = roles(text).get(concept, set())
    assert found and found <= allowed, extract(text)


SELF_REPORTS = [
    ("I think my calf is a bit swollen", "swelling"),
    ("I guess there's some tingling", "numbness"),
    ("I feel like my leg is puffy", "swelling"),
    ("my husband says my calf looks swollen", "swelling"),
    ("My wife thinks my leg looks puffy", "swelling"),
    ("Could it be my water pills?", "diuretic"),
    ("Do I need to stop my statin?", "statin"),
    ("I'm scared it's a clot because my calf is swollen", "swelling"),
    ("I have diabetes like my dad", "diabetes"),
    ("my dad has diabetes and so do I", "diabetes"),
    ("Is it normal to have tingling with cramps?", "numbness"),
    ("I'm worried about the swelling", "swelling"),
    ("I don't know why my foot is numb", "numbness"),
]


@pytest.mark.parametrize(("text", "concept"), SELF_REPORTS)
def test_hedged_self_reports_are_present(roles, text: str, concept: str) -> None:
    assert roles(text).get(concept) == {"present"}, extract(text)


LOCATIONS = [
    ("The cramp is in my thigh, not my calf", {"thigh": {"present"}, "calf": {"negated"}}),
    ("It's not in my back, it's in my neck", {"back": {"negated"}, "neck": {"present"}}),
    ("My feet are fine, it's my calves", {"foot": {"negated"}, "calf": {"present"}}),
    ("no swelling in my calf", {"calf": {"present"}}),
    ("I don't have any numbness in my legs", {"leg": {"present"}}),
    # Someone writing for a relative who has the cramps now: the relative's calves are the place.
    ("my sister gets cramps in her calves", {"calf": {"present"}}),
    ("my neighbour had a clot in his leg", {}),
    ("I used to get cramps in my thigh", {}),
    ("cramps in my calf when I walk", {"calf": {"present"}}),
    ("numb between my legs", {}),
    ("I have a stiff neck", {"neck": {"present"}}),
]


@pytest.mark.parametrize(("text", "expected"), LOCATIONS)
def test_location_roles(roles, text: str, expected: dict[str, set[str]]) -> None:
    assert roles.locations(text) == expected, extract(text)


def test_a_relatives_location_is_left_out_but_mine_is_kept(roles) -> None:
    found = roles.locations("my dad gets cramps in his calf and I get them in my foot")
    assert found == {"foot": {"present"}}


def test_roles_are_from_the_contract() -> None:
    allowed = {"present", "negated", "uncertain", "hypothetical", "family", "historical"}
    texts = [t for t, _ in NEGATED] + [t for t, _, _ in NOT_PRESENT] + [t for t, _ in SELF_REPORTS]
    for text in texts:
        for mention in extract(text):
            if mention.entity == "finding":
                assert mention.role in allowed
            elif mention.entity == "body_location":
                assert mention.role in {"present", "negated"}
            else:
                assert mention.role is None


def test_but_ends_a_negation_in_a_long_sentence(roles) -> None:
    # The negation's reach is capped at 20 words; "but" must still end it (a medspaCy overlap
    # bug made it miss terminators once the cap applied).
    text = (
        "I don't have any swelling or redness or warmth in my leg at all as far as I can tell "
        "from looking at it this morning in the mirror but my foot is numb"
    )
    found = roles(text)
    assert found["swelling"] == {"negated"}
    assert found["numbness"] == {"present"}


@pytest.mark.parametrize(
    ("text", "concept", "role"),
    [
        ("There's no way it's a clot, right?", "blood_clot", "negated"),
        ("she says I should get my kidneys checked", "kidney_disease", "hypothetical"),
        ("No, and no swelling either", "swelling", "negated"),
        ("my legs are swollen but that's normal for me", "swelling", "present"),
    ],
)
def test_more_roles(roles, text: str, concept: str, role: str) -> None:
    assert roles(text).get(concept) == {role}, extract(text)
