"""The step library of ``features/``: Given lines are clinical notes, Then lines check the assessment.

Every Given line goes through :func:`tests.bdd.vocabulary.translate`. The assessment is made when the
first Then line needs it, through the library by default, or through the command line when the
environment variable ``CDSS_BDD_DRIVER`` is ``cli``. Each rule id of the ruleset is registered as a
pytest marker, so that ``@LSS-006`` tags work under ``--strict-markers`` and ``-m LSS-006`` selects them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then

from cdss.engine.assessment import Assessment, DifferentialEntry
from cdss.engine.engine import Engine
from cdss.reports.specs import BASIS_STEP, RULE_ID
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset
from tests.bdd.patient import Driver, PatientNote, command_line_driver, library_driver
from tests.bdd.vocabulary import CONDITIONS, Note, alternatives, translate

DRIVER_VARIABLE = "CDSS_BDD_DRIVER"
_CONDITION = alternatives(CONDITIONS)
_TO_CONDITION: dict[str, Callable[[str], object]] = {
    "condition": CONDITIONS.__getitem__,
    "higher": CONDITIONS.__getitem__,
    "lower": CONDITIONS.__getitem__,
}


def pytest_configure(config: pytest.Config) -> None:
    for rule in load_ruleset().rules:
        config.addinivalue_line("markers", f"{rule.id}: {rule.statement}")


@pytest.fixture
def patient() -> PatientNote:
    return PatientNote()


@pytest.fixture
def driver(engine: Engine, tmp_path: Path) -> Driver:
    choice = os.environ.get(DRIVER_VARIABLE, "library")
    if choice == "library":
        return library_driver(engine)
    if choice == "cli":
        return command_line_driver(tmp_path)
    raise pytest.UsageError(f"{DRIVER_VARIABLE} must be 'library' or 'cli', not {choice!r}")


@pytest.fixture
def assessment(patient: PatientNote, driver: Driver) -> Assessment:
    return driver(patient.case())


def summary(assessment: Assessment) -> str:
    """What a clinician would glance at, for assertion messages."""
    top = ", ".join(f"{e.condition} {e.probability:.1%}" for e in assessment.differential[:4])
    return f"triage {assessment.triage}; differential {top}; rules {', '.join(assessment.fired_rules)}"


def entry(assessment: Assessment, condition: str) -> DifferentialEntry:
    return next(e for e in assessment.differential if e.condition == condition)


def place(assessment: Assessment, condition: str) -> int:
    return next(i for i, e in enumerate(assessment.differential, start=1) if e.condition == condition)


@given(parsers.re(r"(?P<note>.+)"), converters={"note": translate})
def clinical_note(patient: PatientNote, note: Note) -> None:
    """Any Given, And or But line before the Then lines: one note of the clinical vocabulary."""
    patient.record(note)


@then(parsers.re(r"the triage is (?P<triage>emergency|urgent|routine)"))
def triage_is(assessment: Assessment, triage: str) -> None:
    assert assessment.triage == triage, summary(assessment)


@then(
    parsers.re(rf"(?P<condition>{_CONDITION}) is (?P<negation>not )?first in the differential"),
    converters=_TO_CONDITION,
)
def first_in_differential(assessment: Assessment, condition: str, negation: str | None) -> None:
    is_first = assessment.differential[0].condition == condition
    assert is_first != bool(negation), summary(assessment)


@then(
    parsers.re(rf"(?P<condition>{_CONDITION}) is among the first (?P<places>\d+) in the differential"),
    converters={**_TO_CONDITION, "places": int},
)
def among_the_first(assessment: Assessment, condition: str, places: int) -> None:
    assert place(assessment, condition) <= places, summary(assessment)


@then(
    parsers.re(rf"(?P<higher>{_CONDITION}) is ranked above (?P<lower>{_CONDITION})"), converters=_TO_CONDITION
)
def ranked_above(assessment: Assessment, higher: str, lower: str) -> None:
    assert place(assessment, higher) < place(assessment, lower), summary(assessment)


@then(
    parsers.re(rf"(?P<condition>{_CONDITION}) is put first by rule (?P<rule>{RULE_ID})"),
    converters=_TO_CONDITION,
)
def put_first_by(assessment: Assessment, condition: str, rule: str) -> None:
    assert assessment.differential[0].condition == condition, summary(assessment)
    assert assessment.differential[0].ranked_first_by == rule, summary(assessment)


@then(
    parsers.re(
        rf"the probability of (?P<condition>{_CONDITION}) is (?P<relation>above|below) "
        rf"(?P<percent>\d+(?:\.\d+)?) %"
    ),
    converters={**_TO_CONDITION, "percent": float},
)
def probability_beyond(assessment: Assessment, condition: str, relation: str, percent: float) -> None:
    probability = entry(assessment, condition).probability * 100
    beyond = probability > percent if relation == "above" else probability < percent
    assert beyond, f"{condition} {probability:.2f} %; {summary(assessment)}"


@then(
    parsers.re(rf"the probability of (?P<condition>{_CONDITION}) stays at its pre-test value"),
    converters=_TO_CONDITION,
)
def probability_unchanged(assessment: Assessment, condition: str) -> None:
    found = entry(assessment, condition)
    assert found.probability == pytest.approx(found.pretest.value, abs=1e-4), summary(assessment)


@then(parsers.re(BASIS_STEP.pattern))
def part_of_the_basis(assessment: Assessment, ruleset: Ruleset, rule: str, negation: str | None) -> None:
    assert rule in ruleset.rule_by_id, f"no rule {rule} in the ruleset"
    assert (rule in assessment.fired_rules) != bool(negation), summary(assessment)


def _listed(assessment: Assessment, rule: str, direction: str, condition: str) -> bool | None:
    """Whether the rule counted in the condition's evidence on that side; None when it is not listed there."""
    found = entry(assessment, condition)
    items = found.supporting if direction == "for" else found.refuting
    return next((item.counted for item in items if item.rule == rule), None)


@then(
    parsers.re(rf"rule (?P<rule>{RULE_ID}) counts (?P<direction>for|against) (?P<condition>{_CONDITION})"),
    converters=_TO_CONDITION,
)
def counts(assessment: Assessment, rule: str, direction: str, condition: str) -> None:
    assert _listed(assessment, rule, direction, condition) is True, summary(assessment)


@then(
    parsers.re(
        rf"rule (?P<rule>{RULE_ID}) is listed (?P<direction>for|against) (?P<condition>{_CONDITION}) "
        r"but not counted"
    ),
    converters=_TO_CONDITION,
)
def listed_not_counted(assessment: Assessment, rule: str, direction: str, condition: str) -> None:
    assert _listed(assessment, rule, direction, condition) is False, summary(assessment)


@then(parsers.re(r"the red flags include (?P<flag>.+)"))
def red_flag_included(assessment: Assessment, flag: str) -> None:
    flags = [item.red_flag.lower() for item in assessment.red_flags]
    assert flag.lower() in flags, f"red flags: {flags}"


@then("there are no red flags")
def no_red_flags(assessment: Assessment) -> None:
    assert assessment.red_flags == (), [item.red_flag for item in assessment.red_flags]


@then(parsers.re(rf"the record is queried because of rule (?P<rule>{RULE_ID})"))
def record_queried(assessment: Assessment, rule: str) -> None:
    assert rule in [warning.rule for warning in assessment.warnings], assessment.warnings


@then("nothing in the record is queried")
def record_not_queried(assessment: Assessment) -> None:
    assert assessment.warnings == (), assessment.warnings


@then(parsers.re(rf"(?P<condition>{_CONDITION}) is listed as not to be missed"), converters=_TO_CONDITION)
def not_to_be_missed(assessment: Assessment, condition: str) -> None:
    listed = [serious.condition for serious in assessment.not_to_be_missed]
    assert condition in listed, f"not to be missed: {listed}; {summary(assessment)}"


@then(parsers.re(rf"the recommendation is that of rule (?P<rule>{RULE_ID})"))
def recommendation_of(assessment: Assessment, rule: str) -> None:
    assert assessment.recommendation is not None, summary(assessment)
    assert assessment.recommendation.rule == rule, assessment.recommendation
