"""One firing case and one near miss for every rule, including the boundaries and absent/unknown."""

import pytest

from bot.triage.engine import assess, fired_rules
from bot.triage.knowledge import load_knowledge
from tests.triage.helpers import case

# rule id -> (a case that fires it, cases that must not)
RULE_CASES = {
    "spinal_cord_or_nerve_compression": (
        case("back", present=["bladder_problems"]),
        [
            case("back", absent=["bladder_problems", "bowel_problems", "saddle_numbness"]),
            case("back", unknown=["bladder_problems"]),
        ],
    ),
    "possible_blood_clot": (
        case("calf", present=["warmth"]),
        [
            case("calf", absent=["swelling", "redness", "warmth"]),
            case("calf", unknown=["swelling"]),
            case("eyelid", present=["swelling", "redness"]),  # a puffy eyelid is not a clot
            case("foot", present=["sting_or_bite", "swelling", "redness"]),  # nor a red bee sting
        ],
    ),
    "sudden_neurological_signs": (
        case("back", days=13, present=["weakness"]),
        [case("back", days=14, present=["weakness"]), case("back", absent=["weakness", "shooting_pain"])],
    ),
    "breathlessness": (
        case("chest", present=["breathlessness"]),
        [case("back", present=["chest_pain"], absent=["breathlessness"])],
    ),
    "fever_with_stiff_neck": (
        case("neck", present=["fever", "stiff_neck"]),
        [
            case("neck", present=["stiff_neck"], unknown=["fever"]),
            case(present=["light_sensitivity"], absent=["fever", "stiff_neck", "non_blanching_rash"]),
        ],
    ),
    "heart_attack_signs": (
        case("chest", present=["radiating_pain"]),
        [case("chest", present=["chest_pain"], absent=["cold_sweat", "radiating_pain"])],
    ),
    "stroke_signs": (case(present=["stroke_signs"]), [case("face", unknown=["stroke_signs"])]),
    "altered_consciousness": (case(present=["confusion"]), [case(absent=["confusion"])]),
    "heat_stroke": (case(present=["heat_stroke_signs", "heat"]), [case(present=["heat", "vomiting"])]),
    "vomiting_blood": (case(present=["vomiting_blood"]), [case(present=["vomiting"])]),
    "very_high_fever": (case(present=["very_high_fever"]), [case(present=["fever"])]),
    "sudden_severe_headache": (case(present=["sudden_severe_headache"]), [case(present=["headache"])]),
    "pre_eclampsia_signs": (
        case(present=["pregnancy", "headache", "vision_problems"]),
        [case(present=["pregnancy", "headache"]), case(present=["headache", "vision_problems", "swelling"])],
    ),
    "muscle_breakdown": (case("thigh", present=["dark_urine"]), [case("thigh", present=["exercise"])]),
    "limb_blood_supply_blocked": (
        case("foot", present=["cold_pale_limb"]),
        [case("foot", absent=["cold_pale_limb"])],
    ),
    "severe_allergic_reaction": (
        case(present=["allergic_swelling"]),
        [case("hand", present=["sting_or_bite", "swelling"])],
    ),
    "locking_jaw": (case("jaw", present=["lockjaw"]), [case("jaw", absent=["lockjaw"])]),
    "seizure_or_collapse": (case(present=["seizure"]), [case(absent=["seizure"])]),
    "spreading_spasms": (
        case("several"),
        [
            case("calf", absent=["spreading_spasms"]),
            case("several", present=["skin_problem"]),
        ],  # a rash all over
    ),
    "progressive_weakness": (
        case("leg", present=["progressive_weakness"]),
        [case("leg", unknown=["progressive_weakness"])],
    ),
    "gradual_loss_of_function": (
        case("hand", days=14, present=["grip_difficulty"]),
        [
            case("hand", days=13.9, present=["grip_difficulty"]),
            case("hand", days=60, absent=["grip_difficulty"]),
        ],
    ),
    "unexplained_weight_loss": (case(present=["weight_loss"]), [case(absent=["weight_loss"])]),
    "nerve_irritation": (
        case("back", present=["radiating_pain"]),
        [case("back", absent=["radiating_pain", "numbness"])],
    ),
    "chest_pain": (case("chest", present=["chest_pain"]), [case("chest", absent=["chest_pain"])]),
    "long_episodes": (case("calf", minutes=11), [case("calf", minutes=10), case("calf", minutes="unknown")]),
    "sleep_disrupting_cramps": (
        case("calf", per_week=2, present=["disrupts_sleep"]),
        [
            case("calf", per_week=1.5, present=["disrupts_sleep"]),
            case("calf", per_week=3, absent=["disrupts_sleep", "night"]),
        ],
    ),
    "frequent_cramps": (
        case("calf", per_week=3),
        [
            case("calf", per_week=2.5),
            case("calf", per_week="unknown"),
            case("shoulder", per_week=1008, days=0),  # every ten minutes since this afternoon
        ],
    ),
    "severe_cramps": (
        case("calf", severity="severe", per_week=1),
        [
            case("calf", severity="severe", per_week=0.5),  # now and then
            case("calf", severity="moderate", per_week=0.5),
            case("calf", severity="unknown", per_week=0.5),
            case("thigh", severity="severe", per_week=0.1),  # one hard cramp at the end of a race
        ],
    ),
    "poor_response_to_home_care": (case(present=["poor_response"]), [case(absent=["poor_response"])]),
    "no_obvious_cause": (
        case(per_week=0.5, present=["no_obvious_cause"]),
        [case(per_week=2, absent=["no_obvious_cause"]), case(unknown=["no_obvious_cause"])],
    ),
    "possible_disc_problem": (
        case("back", days=4, present=["worse_with_cough"]),
        [
            case("back", days=3, present=["worse_with_cough"]),
            case("back", days=4, severity="moderate", absent=["worse_with_cough"]),
            case("neck", days=4, severity="severe"),
        ],
    ),
    "possible_peripheral_artery_disease": (
        case("calf", present=["walking_induced"]),
        [case("calf", absent=["walking_induced"])],
    ),
    "awkward_sleep_not_settling": (
        case("neck", days=14, present=["awkward_sleep"]),
        [case("neck", days=13, present=["awkward_sleep"]), case("neck", days=20, absent=["awkward_sleep"])],
    ),
    "red_eye_with_blurred_vision": (
        case("eyelid", present=["twitching", "eye_problem", "vision_problems"]),
        [
            case("eyelid", present=["twitching", "eye_problem"], absent=["vision_problems"]),
            case("eyelid", present=["twitching", "vision_problems"], unknown=["eye_problem"]),
        ],
    ),
    "persistent_eyelid_twitch": (
        case("eyelid", days=14),
        [case("eyelid", days=13, absent=["vision_problems"]), case("eyelid", unknown=["vision_problems"])],
    ),
    "persistent_twitching": (
        case("hand", days=14, present=["twitching"]),
        [case("hand", days=13, present=["twitching"])],
    ),
    "medicine_may_cause_cramps": (
        case(present=["statin"]),
        [case(absent=["statin", "diuretic", "asthma_medicine"])],
    ),
    "kidney_or_liver_disease": (
        case(present=["liver_disease"]),
        [case(absent=["liver_disease", "kidney_disease"])],
    ),
    "thyroid_or_diabetes": (case(present=["thyroid_disease"]), [case(unknown=["thyroid_disease"])]),
    "known_nerve_or_muscle_condition": (
        case(present=["multiple_sclerosis"]),
        [case(absent=["multiple_sclerosis"])],
    ),
    "overuse_or_exercise": (case("calf", present=["exercise"]), [case("calf", absent=["exercise"])]),
    "heat_or_dehydration": (case(present=["heat"]), [case(absent=["heat", "dehydration"])]),
    "slept_awkwardly": (case("neck", present=["awkward_sleep"]), [case("neck", absent=["awkward_sleep"])]),
    "computer_work": (case("back", present=["computer_work"]), [case("back", absent=["computer_work"])]),
    "eyelid_twitch": (case("eyelid"), [case("calf")]),
    "pregnancy_cramps": (case("calf", present=["pregnancy"]), [case("calf", absent=["pregnancy"])]),
    "stress": (case(present=["stress"]), [case(absent=["stress"])]),
    "occasional_twitch": (case("face", present=["twitching"]), [case("face", present=["muscle_complaint"])]),
}


def test_every_rule_has_cases():
    assert {r.id for r in load_knowledge().rules} == set(RULE_CASES)


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_fires_on_its_case(rule_id):
    firing, _ = RULE_CASES[rule_id]
    assert rule_id in {f.rule.id for f in fired_rules(firing)}


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_does_not_fire_on_near_misses(rule_id):
    _, misses = RULE_CASES[rule_id]
    for miss in misses:
        assert rule_id not in {f.rule.id for f in fired_rules(miss)}, miss


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_level_is_at_least_the_rules_level(rule_id):
    from bot.triage.knowledge import LEVEL_RANK

    firing, _ = RULE_CASES[rule_id]
    rule = next(r for r in load_knowledge().rules if r.id == rule_id)
    assert LEVEL_RANK[assess(firing).level] >= LEVEL_RANK[rule.level]


@pytest.mark.parametrize(
    "kase, level",
    [
        (case("calf", minutes=1, per_week=0.5, severity="mild", present=["exercise"]), "self_care"),
        (case("calf", minutes=10, per_week=0.5), "self_care"),
        (case("calf", minutes=10.5, per_week=0.5), "routine"),
        (
            case("back", severity="severe", per_week=2),
            "routine",
        ),  # severe, recurring, since when unknown; not a disc rule
        # severe but only in the first days: not yet cramps that keep coming week after week
        (case("calf", days=3, severity="severe", per_week=2, present=["pregnancy", "night"]), "self_care"),
        (case("thigh", severity="severe", per_week=0.1, present=["exercise"]), "self_care"),  # a one-off
        (case("neck", days=13, present=["awkward_sleep"]), "self_care"),
        (case("neck", days=14, present=["awkward_sleep"]), "routine"),
        (case("leg", present=["weakness"]), "emergency"),  # unknown onset: do not wait
        (case("leg", days=30, present=["weakness"]), "urgent"),  # built up over weeks
        (case("calf", present=["swelling"], absent=["numbness"]), "emergency"),
        (case("calf", absent=["swelling", "redness", "warmth", "numbness", "weakness"]), "self_care"),
        (case("eyelid", days=2, present=["caffeine"]), "self_care"),
        # twitching is not cramping: a lip twitch every half hour with no cause is self-care
        (case("face", minutes=0.1, per_week=336, present=["twitching", "no_obvious_cause"]), "self_care"),
        (case("face", minutes=0.1, per_week=336, present=["muscle_complaint"]), "routine"),
        # a complaint that is not a muscle one still gets every general danger sign
        (case(present=["headache", "fever", "stiff_neck"]), "emergency"),
        (case("shoulder", present=["skin_problem", "redness"]), "self_care"),
    ],
)
def test_levels(kase, level):
    assert assess(kase).level == level


@pytest.mark.parametrize(
    ("reply", "severity"),
    [
        ("7", "severe"),
        ("6 or 7", "severe"),
        ("7 at the time, 1 now", "severe"),
        ("3 now", "mild"),
        ("5", "moderate"),
        ("lasted 5 minutes", None),
    ],
)
def test_a_bare_score_answers_how_bad_it_is(reply, severity):
    from bot.triage.case import Case, update_case

    assert update_case(Case(location="calf"), [], asked="severity", text=reply).severity == severity


def test_constant_answers_how_often():
    from bot.triage.case import Case, Mention, update_case

    answered = update_case(
        Case(location="calf"), [Mention("episode_duration", 1440.0)], asked="frequency", text="constant"
    )
    assert answered.per_week == 7.0
