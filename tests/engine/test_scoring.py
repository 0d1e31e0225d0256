"""Scoring: one distribution over exclusive causes, priors per setting and age band, every finding moving
every cause, groups counted once, weights tempered by strength, red flags ranking cauda equina first."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdss.engine.scoring import Scorer, frequencies, softmax
from cdss.rules.case_mix import AgeBand
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

SETTINGS = ("primary_care", "secondary_care")


@pytest.fixture(scope="module")
def scorer(ruleset: Ruleset) -> Scorer:
    return Scorer(ruleset, "primary_care")


def _band(ruleset: Ruleset, age: int | None) -> AgeBand | None:
    return ruleset.case_mix.band(age)


def test_every_setting_and_age_band_gives_priors_that_sum_to_one(ruleset: Ruleset) -> None:
    for setting in SETTINGS:
        scorer = Scorer(ruleset, setting)
        for band in (None, *ruleset.case_mix.age_bands):
            prior = scorer.prior_of(band)
            assert math.fsum(prior) == pytest.approx(1.0, abs=1e-12)
            assert all(0 < p < 1 for p in prior)


def test_age_bands_move_the_priors_by_their_tempered_factors(ruleset: Ruleset, scorer: Scorer) -> None:
    index = scorer.classes.index("spinal_stenosis")
    young, reference, old = (scorer.prior_of(_band(ruleset, age)) for age in (45, 65, 75))
    odds = [p[index] / (1 - p[index]) for p in (young, reference, old)]
    assert odds[0] < odds[1] < odds[2]  # Suri 2010: LR 0.40 under 60, 2.0 over 70
    teen = scorer.prior_of(_band(ruleset, 15))
    slip = scorer.classes.index("spondylolisthesis")
    assert teen[slip] > reference[slip]


def test_a_negative_straight_leg_raise_lowers_disc_herniation_and_raises_piriformis_in_one_step(
    ruleset: Ruleset, scorer: Scorer
) -> None:
    before = scorer.standing(frozenset(), None).probabilities
    after = scorer.standing(frozenset({"LDH-002"}), None).probabilities
    assert after["disc_herniation"] < before["disc_herniation"]
    assert after["piriformis_syndrome"] > before["piriformis_syndrome"]
    ratio = (after["piriformis_syndrome"] / after["disc_herniation"]) / (
        before["piriformis_syndrome"] / before["disc_herniation"]
    )
    power = ruleset.info.tempering[ruleset.rule_by_id["LDH-002"].strength] * scorer.slope
    assert ratio == pytest.approx(((1 - 0.15) / (1 - 0.91)) ** power)  # 9.4, evidence-addendum section 8


def test_a_complement_is_one_minus_the_frequencies_of_what_it_complements(ruleset: Ruleset) -> None:
    positive = frequencies(ruleset.rule_by_id["LDH-001"], ruleset)
    negative = frequencies(ruleset.rule_by_id["LDH-002"], ruleset)
    assert positive is not None
    assert negative is not None
    assert [p + n for p, n in zip(positive, negative, strict=True)] == pytest.approx([1.0] * len(positive))


def test_weights_are_tempered_by_strength_and_kept_off_zero(ruleset: Ruleset, scorer: Scorer) -> None:
    floor = ruleset.info.frequency_floor
    for rule_id, weight in scorer.weights.items():
        rule = ruleset.rule_by_id[rule_id]
        power = ruleset.info.tempering[rule.strength] * scorer.slope
        found = frequencies(rule, ruleset)
        if found is not None:
            for value, log in zip(found, weight.logs, strict=True):
                assert log == pytest.approx(power * math.log(min(max(value, floor), 1 - floor)))


def test_the_calibration_slope_multiplies_the_evidence_and_leaves_the_priors(ruleset: Ruleset) -> None:
    fired = frozenset({"LDH-002", "PIR-001", "LSS-009"})
    band = _band(ruleset, 50)
    plain, steep = Scorer(ruleset, "primary_care", slope=1.0), Scorer(ruleset, "primary_care", slope=2.5)
    assert steep.prior_of(band) == plain.prior_of(band)
    assert steep.standing(frozenset(), band).probabilities == plain.standing(frozenset(), band).probabilities
    log_prior = [math.log(p) for p in plain.prior_of(band)]
    evidence = [math.fsum(plain.weights[r].logs[i] for r in fired) for i in range(len(plain.classes))]
    expected = softmax([p + 2.5 * e for p, e in zip(log_prior, evidence, strict=True)])
    got = steep.standing(fired, band).probabilities
    assert [got[c] for c in steep.classes] == pytest.approx(expected, rel=1e-9)


def test_every_setting_weighs_the_evidence_by_the_rulesets_one_slope(ruleset: Ruleset) -> None:
    assert ruleset.info.calibration is not None
    for setting in SETTINGS:
        assert Scorer(ruleset, setting).slope == ruleset.info.calibration.slope


def test_a_ruleset_without_calibration_weighs_the_evidence_as_tempered(ruleset_copy: Path) -> None:
    header = ruleset_copy / "ruleset.yaml"
    text = header.read_text(encoding="utf-8")
    header.write_text(text[: text.index("calibration:")], encoding="utf-8")
    bare = load_ruleset(ruleset_copy)
    assert bare.info.calibration is None
    assert {Scorer(bare, setting).slope for setting in SETTINGS} == {1.0}


def test_findings_of_one_group_count_once_the_most_separating_wins(scorer: Scorer) -> None:
    both = scorer.standing(frozenset({"LDH-001", "LDH-005"}), None)  # straight-leg raise and slump
    winner = max(("LDH-001", "LDH-005"), key=lambda r: scorer.weights[r].spread)
    loser = ({"LDH-001", "LDH-005"} - {winner}).pop()
    assert both.counted["neural_tension"].rule == winner
    assert both.superseded == {loser: winner}
    alone = scorer.standing(frozenset({winner}), None)
    assert both.probabilities == alone.probabilities


def test_a_ratio_rule_raises_its_cause_and_leaves_the_others_in_proportion(scorer: Scorer) -> None:
    before = scorer.standing(frozenset(), None).probabilities
    after = scorer.standing(frozenset({"TUM-002"}), None).probabilities  # history of cancer
    assert after["spinal_tumour"] > before["spinal_tumour"]
    assert after["disc_herniation"] / after["spinal_stenosis"] == pytest.approx(
        before["disc_herniation"] / before["spinal_stenosis"]
    )


def test_an_emergency_cauda_equina_flag_ranks_it_first_and_sets_the_triage(scorer: Scorer) -> None:
    now = scorer.standing(frozenset({"CES-001", "CES-002", "LSS-007", "LSS-009"}), None)
    assert now.ranking[0] == "cauda_equina"
    assert now.first_by == {"cauda_equina": "CES-002"}  # CES-001 is an intermediate conclusion
    assert now.triage == "emergency"


def test_a_flag_that_only_calls_for_exclusion_sets_the_triage_but_does_not_rank_first(scorer: Scorer) -> None:
    now = scorer.standing(frozenset({"CES-001", "CES-008", "CES-022"}), None)
    assert now.triage == "emergency"
    assert now.first_by == {}
    assert now.ranking[0] == max(now.probabilities, key=now.probabilities.__getitem__)
    both = scorer.standing(frozenset({"CES-001", "CES-008", "CES-002"}), None)
    assert both.first_by == {"cauda_equina": "CES-002"}


def test_urgent_beats_routine_and_emergency_beats_urgent(scorer: Scorer) -> None:
    assert scorer.triage(set()) == "routine"
    assert scorer.triage({"TUM-003"}) == "routine"
    assert scorer.triage({"TUM-003", "TUM-001"}) == "urgent"
    assert scorer.triage({"TUM-001", "NEU-002"}) == "emergency"


def _fired(ruleset: Ruleset, data: st.DataObject) -> frozenset[str]:
    return frozenset(data.draw(st.sets(st.sampled_from(sorted(ruleset.rule_by_id)))))


def _age(data: st.DataObject) -> int | None:
    return data.draw(st.none() | st.integers(0, 120))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_probabilities_sum_to_one_and_rank_in_order(ruleset: Ruleset, data: st.DataObject) -> None:
    slope = data.draw(st.one_of(st.none(), st.floats(min_value=0.25, max_value=5.0)))
    scorer = Scorer(ruleset, data.draw(st.sampled_from(SETTINGS)), slope=slope)
    now = scorer.standing(_fired(ruleset, data), _band(ruleset, _age(data)))
    assert math.fsum(now.probabilities.values()) == pytest.approx(1.0, abs=1e-9)
    assert all(0 < p < 1 and math.isfinite(p) for p in now.probabilities.values())
    forced = [d for d in now.ranking if d in now.first_by]
    rest = [d for d in now.ranking if d not in now.first_by]
    assert now.ranking == forced + rest
    assert [now.probabilities[d] for d in rest] == sorted((now.probabilities[d] for d in rest), reverse=True)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_a_finding_that_supports_a_condition_never_lowers_it(
    ruleset: Ruleset, scorer: Scorer, data: st.DataObject
) -> None:
    """A finding supports a cause when it is at least as frequent there as in any other cause; with nothing
    else of its group in the case (a group counts once), adding it never lowers that cause's probability."""
    added = data.draw(st.sampled_from(sorted(scorer.weights)))
    weight = scorer.weights[added]
    fired = frozenset(
        r for r in _fired(ruleset, data) if r not in scorer.weights or scorer.weights[r].group != weight.group
    )
    band = _band(ruleset, _age(data))
    before = scorer.standing(fired, band).probabilities
    after = scorer.standing(fired | {added}, band).probabilities
    for cause, log in zip(scorer.classes, weight.logs, strict=True):
        if log >= max(weight.logs):
            assert after[cause] >= before[cause] * (1 - 1e-12), (added, cause)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_outlook_after_more_rules_fire_equals_weighing_again(
    ruleset: Ruleset, scorer: Scorer, data: st.DataObject
) -> None:
    fired = _fired(ruleset, data)
    added = data.draw(st.sets(st.sampled_from(sorted(ruleset.rule_by_id)))) - fired
    band = _band(ruleset, _age(data))
    outlook = scorer.after(scorer.standing(fired, band), added)
    again = scorer.standing(fired | added, band)
    assert (outlook.triage, outlook.top) == (again.triage, again.ranking[0])
    expected = [again.probabilities[c] for c in scorer.classes]
    assert softmax(outlook.scores) == pytest.approx(expected, rel=1e-9, abs=1e-12)
