"""The fence around durable_rules: what it fires equals the plain-Python meaning of the same conditions."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.case.findings import Case
from cdss.engine.matching import Matcher, _opening, to_durable, to_json
from cdss.errors import EngineClosedError, EvaluationError
from cdss.rules.attributes import ATTRIBUTES
from cdss.rules.conditions import AllOf, AnyOf, Compare, Condition
from cdss.rules.evaluation import compile_predicate, holds
from cdss.rules.model import Ruleset
from tests.strategies import cases

NUMBER_OPS = ("eq", "ne", "lt", "le", "gt", "ge")


@pytest.fixture(scope="module")
def bundled_matcher(ruleset: Ruleset) -> Iterator[Matcher]:
    with Matcher((rule.id, rule.matches) for rule in ruleset.rules) as matcher:
        yield matcher


def _fact(case: dict[str, Any]) -> dict[str, object]:
    return Case.model_validate(case).to_fact()


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_durable_rules_fires_exactly_the_rules_whose_conditions_hold(
    bundled_matcher: Matcher, ruleset: Ruleset, case: dict[str, Any]
) -> None:
    fact = _fact(case)
    expected = {rule.id for rule in ruleset.rules if holds(rule.matches, fact)}
    assert bundled_matcher.match(fact) == expected
    assert {rule.id for rule in ruleset.rules if compile_predicate(rule.matches)(fact)} == expected


def _comparisons() -> st.SearchStrategy[Compare]:
    def compare(name: str) -> st.SearchStrategy[Compare]:
        spec = ATTRIBUTES[name]
        if spec.kind == "bool":
            return st.builds(Compare, st.just(name), st.sampled_from(("eq", "ne")), st.booleans())
        if spec.kind == "choice":
            return st.builds(
                Compare, st.just(name), st.sampled_from(("eq", "ne")), st.sampled_from(spec.choices)
            )
        return st.builds(Compare, st.just(name), st.sampled_from(NUMBER_OPS), st.integers(0, 90))

    return st.sampled_from(sorted(ATTRIBUTES)).flatmap(compare)


CONDITIONS: st.SearchStrategy[Condition] = st.recursive(
    _comparisons(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map(lambda parts: AllOf(tuple(parts))),
        st.lists(inner, min_size=1, max_size=4).map(lambda parts: AnyOf(tuple(parts))),
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    conditions=st.lists(CONDITIONS, min_size=1, max_size=6), facts=st.lists(cases(), min_size=1, max_size=30)
)
def test_arbitrary_conditions_match_their_plain_python_meaning(
    conditions: list[Condition], facts: list[dict[str, Any]]
) -> None:
    rules = [(f"GEN-{index:03d}", condition) for index, condition in enumerate(conditions)]
    with Matcher(rules) as matcher:
        for case in facts:
            fact = _fact(case)
            assert matcher.match(fact) == {rule_id for rule_id, condition in rules if holds(condition, fact)}


def test_an_or_that_holds_twice_fires_its_rule_once() -> None:
    either = AnyOf((Compare("fever", "eq", True), Compare("trauma", "eq", True)))
    with Matcher([("OR-001", either)]) as matcher:
        assert matcher.match({"fever": True, "trauma": True, "sex": "male"}) == {"OR-001"}


def test_unexamined_findings_satisfy_no_test_not_even_a_negated_one() -> None:
    rules = [("NE-001", Compare("slr", "ne", "positive")), ("LT-001", Compare("age", "lt", 60))]
    with Matcher(rules) as matcher:
        assert matcher.match({"sex": "unknown"}) == frozenset()
        assert matcher.match({"slr": "negative", "age": 40}) == {"NE-001", "LT-001"}


def test_a_case_that_matches_nothing_is_an_empty_result_even_first() -> None:
    # A fresh ruleset whose first fact matches nothing is the path that crashes unwarmed durable_rules.
    with Matcher([("ONE-001", Compare("fever", "eq", True))]) as matcher:
        assert matcher.match({"fever": False}) == frozenset()
        assert matcher.match({"fever": True}) == {"ONE-001"}


def test_far_more_than_1024_cases_run_through_one_matcher(bundled_matcher: Matcher) -> None:
    seen = {bundled_matcher.match({"fever": index % 2 == 0, "age": index % 100}) for index in range(3000)}
    assert len(seen) > 1


def test_many_matchers_can_be_built_and_freed() -> None:
    for _ in range(50):
        with Matcher([("ONE-001", Compare("fever", "eq", True))]) as matcher:
            assert matcher.match({"fever": True}) == {"ONE-001"}


def test_a_closed_matcher_refuses_work_and_closing_twice_is_harmless() -> None:
    matcher = Matcher([("ONE-001", Compare("fever", "eq", True))])
    matcher.close()
    matcher.close()
    with pytest.raises(EngineClosedError, match="closed"):
        matcher.match({"fever": True})


def test_threads_share_one_matcher_safely(bundled_matcher: Matcher, ruleset: Ruleset) -> None:
    facts = [{"fever": index % 3 == 0, "age": 30 + index % 60, "slr": "positive"} for index in range(400)]
    expected = [{rule.id for rule in ruleset.rules if holds(rule.matches, fact)} for fact in facts]
    failures: list[int] = []

    def work(offset: int) -> None:
        for index in range(offset, len(facts), 8):
            if bundled_matcher.match(facts[index]) != expected[index]:
                failures.append(index)

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_conditions_compile_to_durable_rules_json() -> None:
    condition = AllOf(
        (Compare("slr", "eq", "positive"), AnyOf((Compare("age", "gt", 70), Compare("age", "lt", 20))))
    )
    assert to_durable(condition) == {
        "$and": [{"slr": "positive"}, {"$or": [{"$gt": {"age": 70}}, {"$lt": {"age": 20}}]}]
    }


@pytest.mark.parametrize(
    "number", [1e-05, 2.5e-12, 1e300, 0.0, 89.99999999999, 1e-4, 9.999e-05, 1e16, 9999999999999998.0]
)
def test_numbers_that_json_writes_with_exponents_reach_the_engine(
    bundled_matcher: Matcher, number: float
) -> None:
    # durable_rules' parser rejects "1e-05"; found by the property test above.
    fact = {"symptom_duration_weeks": number, "slr_angle_deg": min(number, 90.0), "slr": "negative"}
    assert "CON-002" in bundled_matcher.match(fact)


@given(
    fact=st.dictionaries(
        st.sampled_from(sorted(ATTRIBUTES)),
        st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False, allow_infinity=False),
    )
)
def test_the_fast_way_of_writing_a_fact_writes_what_to_json_writes(fact: dict[str, object]) -> None:
    assert _opening(fact) == (to_json(fact)[:-1] + "," if fact else "{")


@settings(max_examples=300, deadline=None)
@given(condition=CONDITIONS, case=cases(), extra=cases())
def test_conditions_are_monotone_examining_more_never_unfires(
    condition: Condition, case: dict[str, Any], extra: dict[str, Any]
) -> None:
    # Ask-next relies on this: one more examined finding can only add fired rules.
    fact = _fact(case)
    more = {**_fact(extra), **fact}
    if holds(condition, fact):
        assert holds(condition, more)


def test_a_case_that_fails_midway_leaves_nothing_behind_for_the_next(
    bundled_matcher: Matcher, ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One session serves every case; a failure mid-case must not leave half a case in it.
    fact: dict[str, object] = {"saddle_anaesthesia": True, "fever": True, "age": 70, "sex": "male"}
    expected = {rule.id for rule in ruleset.rules if holds(rule.matches, fact)}

    core = importlib.import_module("durable_rules_engine")

    def broken(*_: object) -> str:
        raise core.error("injected failure")

    with monkeypatch.context() as patched:
        patched.setattr(core, "complete_and_start_action", broken)
        with pytest.raises(EvaluationError, match="injected failure"):
            bundled_matcher.match(fact)
    assert bundled_matcher.match({"sex": "male", "fever": False}) == {
        rule.id for rule in ruleset.rules if holds(rule.matches, {"sex": "male", "fever": False})
    }
    assert bundled_matcher.match(fact) == expected
    assert bundled_matcher.match(fact) == expected  # the same fact twice in a row: retracted in between
