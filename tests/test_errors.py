"""Every public error survives a pickle round trip, so a process pool hands it back (issue 13, item 3)."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import cdss
from cdss.errors import FieldProblem, RulesetProblem

EXAMPLES: dict[type[cdss.CdssError], cdss.CdssError] = {
    cdss.CdssError: cdss.CdssError("something went wrong"),
    cdss.CaseError: cdss.CaseError(
        "c1",
        [
            FieldProblem(("findings", "slr"), "unknown_key", "unknown key"),
            FieldProblem(("age",), "int_type", "must be a whole number; got 'x'"),
        ],
    ),
    cdss.RulesetError: cdss.RulesetError(
        [RulesetProblem("rules.yaml", "unknown finding 'slrr'", rule="LDH-001", field="when", line=12)]
    ),
    cdss.EvaluationError: cdss.EvaluationError("durable_rules failed"),
    cdss.EngineClosedError: cdss.EngineClosedError("this engine has been closed"),
    cdss.RulesetMismatchError: cdss.RulesetMismatchError("made with ruleset lumbar 0.1.0 (sha256 0000...)"),
    cdss.FhirError: cdss.FhirError(
        "Observation/o1", [FieldProblem(("valueBoolean",), "bool_type", "must be true or false; got 'x'")]
    ),
}
GOOD: dict[str, Any] = {"id": "good", "age": 71, "findings": {"neurogenic_claudication": True}}
BAD: dict[str, Any] = {"id": "bad", "age": "seventy", "findings": {"slrr": "positive"}}


def test_every_public_error_has_an_example_here() -> None:
    public = {
        value
        for value in (getattr(cdss, name) for name in cdss.__all__)
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    assert public == set(EXAMPLES)


@pytest.mark.parametrize("error", EXAMPLES.values(), ids=[kind.__name__ for kind in EXAMPLES])
def test_a_public_error_survives_a_pickle_round_trip(error: cdss.CdssError) -> None:
    error.add_note("raised while testing")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)  # the fields: case, problems, and the notes


def test_a_process_pool_fed_a_bad_case_hands_back_its_case_error() -> None:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        bad, good = pool.submit(cdss.evaluate, BAD), pool.submit(cdss.evaluate, GOOD)
        with pytest.raises(cdss.CaseError) as caught:
            bad.result(timeout=60)
        assert good.result(timeout=60) == cdss.evaluate(GOOD)
    with pytest.raises(cdss.CaseError) as expected:
        cdss.evaluate(BAD)
    assert (caught.value.case, caught.value.problems) == (expected.value.case, expected.value.problems)
    assert str(caught.value) == str(expected.value)


def test_a_multiprocessing_pool_fed_a_bad_case_raises_instead_of_hanging() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pending = pool.map_async(cdss.evaluate, [GOOD, BAD])
        with pytest.raises(cdss.CaseError, match="case bad: age: "):
            pending.get(timeout=30)
