"""Scoring: odds times likelihood ratios, groups counted once, weak evidence capped, baselines, ranking."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdss.engine.scoring import Scorer
from cdss.rules.model import Evidence, Ruleset


@pytest.fixture(scope="module")
def scorer(ruleset: Ruleset) -> Scorer:
    return Scorer(ruleset)


def _odds(p: float) -> float:
    return p / (1 - p)


def test_one_likelihood_ratio_multiplies_the_pretest_odds(scorer: Scorer) -> None:
    probability = scorer.weigh("spinal_stenosis", {"LSS-006"}).probability
    assert _odds(probability) == pytest.approx(_odds(0.304) * 6.4)


def test_findings_of_one_group_count_once_the_strongest_wins(scorer: Scorer) -> None:
    counted = scorer.weigh("spinal_stenosis", {"LSS-003", "LSS-005"})  # both about sitting: 3.3 and 0.57
    assert counted.counted == {"LSS-003"}
    assert counted.superseded_by == {"LSS-005": "LSS-003"}
    assert _odds(counted.probability) == pytest.approx(_odds(0.304) * 3.3)


def test_independent_findings_multiply(scorer: Scorer) -> None:
    probability = scorer.weigh("spinal_stenosis", {"LSS-006", "LSS-008", "LSS-001"}).probability
    assert _odds(probability) == pytest.approx(_odds(0.304) * 6.4 * 6.3 * 2.0)


def test_weak_evidence_is_capped(scorer: Scorer, ruleset: Ruleset) -> None:
    fair = ruleset.rule_by_id["PIR-001"]
    assert isinstance(fair.then, Evidence)
    assert fair.is_weak
    assert fair.then.likelihood_ratio == 5.2
    probability = scorer.weigh("piriformis_syndrome", {"PIR-001"}).probability
    assert _odds(probability) == pytest.approx(_odds(0.172) * 3.0)
    negative = scorer.weigh("piriformis_syndrome", {"PIR-002"}).probability  # published 0.14
    assert _odds(negative) == pytest.approx(_odds(0.172) / 3.0)


def test_a_published_probability_raises_the_start_but_never_lowers_it(scorer: Scorer) -> None:
    assert scorer.weigh("spinal_tumour", {"TUM-002"}).probability == pytest.approx(0.046)
    assert scorer.weigh("spinal_tumour", {"TUM-002"}).baseline_rule == "TUM-002"
    both = scorer.weigh("vertebral_fracture", {"FRX-002", "FRX-003", "FRX-005"})
    assert both.probability == pytest.approx(0.33)
    assert both.baseline_rule == "FRX-003"


def test_an_emergency_cauda_equina_flag_ranks_it_first_and_sets_the_triage(scorer: Scorer) -> None:
    now = scorer.standing(frozenset({"CES-001", "CES-002", "CES-010", "LSS-006", "LSS-008"}))
    assert now.ranking[0] == "cauda_equina"
    assert now.first_by == {"cauda_equina": "CES-002"}  # CES-001 is an intermediate conclusion
    assert now.probabilities["spinal_stenosis"] > now.probabilities["cauda_equina"]
    assert now.triage == "emergency"


def test_urgent_beats_routine_and_emergency_beats_urgent(scorer: Scorer) -> None:
    assert scorer.triage(set()) == "routine"
    assert scorer.triage({"TUM-003"}) == "routine"
    assert scorer.triage({"TUM-003", "TUM-001"}) == "urgent"
    assert scorer.triage({"TUM-001", "NEU-002"}) == "emergency"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_probability_equals_the_full_account(scorer: Scorer, ruleset: Ruleset, data: st.DataObject) -> None:
    fired = frozenset(data.draw(st.sets(st.sampled_from(sorted(ruleset.rule_by_id)))))
    now = scorer.standing(fired)
    for diagnosis in scorer.weights:
        weighed = scorer.weigh(diagnosis, fired)
        assert now.probabilities[diagnosis] == weighed.probability
        assert 0 < weighed.probability < 1
        assert math.isfinite(weighed.probability)
    forced = [d for d in now.ranking if d in now.first_by]
    rest = [d for d in now.ranking if d not in now.first_by]
    assert now.ranking == forced + rest
    assert [now.probabilities[d] for d in rest] == sorted((now.probabilities[d] for d in rest), reverse=True)


def _fired_and_added(ruleset: Ruleset, data: st.DataObject) -> tuple[frozenset[str], set[str]]:
    """Some fired rules, and more rules firing in addition (as when one more finding is examined)."""
    ids = sorted(ruleset.rule_by_id)
    fired = frozenset(data.draw(st.sets(st.sampled_from(ids))))
    return fired, data.draw(st.sets(st.sampled_from(ids)).map(lambda more: more - fired))


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_adding_fired_rules_incrementally_equals_weighing_again(
    scorer: Scorer, ruleset: Ruleset, data: st.DataObject
) -> None:
    fired, added = _fired_and_added(ruleset, data)
    weighed = {d: scorer.weigh(d, fired) for d in scorer.weights}
    changed = scorer.with_added(weighed, added)
    for diagnosis in scorer.weights:
        expected = scorer.weigh(diagnosis, fired | added).probability
        assert changed.get(diagnosis, weighed[diagnosis].probability) == pytest.approx(expected, rel=1e-12)


def test_a_diagnosis_nothing_fired_about_stays_at_its_pretest_probability(
    scorer: Scorer, ruleset: Ruleset
) -> None:
    for diagnosis in ruleset.diagnoses:
        counted = scorer.weigh(diagnosis.id, {"CON-001"})  # an inconsistency warning weighs nothing
        assert counted.probability == pytest.approx(diagnosis.pretest.value, rel=1e-12)
        assert (counted.counted, counted.baseline_rule, dict(counted.superseded_by)) == (
            frozenset(),
            None,
            {},
        )


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_outlook_after_more_rules_fire_equals_weighing_again(
    scorer: Scorer, ruleset: Ruleset, data: st.DataObject
) -> None:
    fired, added = _fired_and_added(ruleset, data)
    outlook = scorer.after(scorer.standing(fired), added)
    again = scorer.standing(fired | added)
    assert (outlook.triage, outlook.top) == (again.triage, again.ranking[0])
    assert outlook.probability == pytest.approx(again.probabilities[again.ranking[0]], rel=1e-12)
