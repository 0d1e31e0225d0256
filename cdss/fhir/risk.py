"""FHIR out: an assessment as a FHIR R4 RiskAssessment (JSON).

One prediction per differential entry, in the differential's order: the outcome (the condition's id in
the project's code system, and its SNOMED CT concepts from ``outcomes.yaml``), ``probabilityDecimal``
(the post-test probability as a fraction from 0 to 1, not a percent: see the README), ``relativeRisk``
(post-test divided by pre-test probability) and a one-line rationale naming the rules for and against.
``method`` names the ruleset, its version and sha256; ``basis`` references the resources the case came
from; ``mitigation`` carries the red flags' recommendations.

The JSON is built in a fixed shape rather than through the ``fhir.resources`` model (a round trip
through it cost more than the rest of a call); the tests parse it back with ``fhir.resources``, for the
example bundles and for generated assessments.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from cdss.engine.assessment import DECIMALS, Assessment, DifferentialEntry

OUTCOMES_FILE = Path(__file__).with_name("outcomes.yaml")
SNOMED = "http://snomed.info/sct"
CONDITION_SYSTEM = "urn:cdss:condition"
RULESET_SYSTEM = "urn:cdss:ruleset"
NOT_A_DIAGNOSIS = "Decision support from cdss, not a diagnosis: the clinician decides."


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    display: str
    status: str


@functools.cache
def outcomes() -> Mapping[str, tuple[Outcome, ...]]:
    """SNOMED CT outcome codes by condition id (``outcomes.yaml``)."""
    data = yaml.safe_load(OUTCOMES_FILE.read_text(encoding="utf-8"))["outcomes"]
    return {condition: tuple(Outcome.model_validate(o) for o in codes) for condition, codes in data.items()}


def risk_assessment(
    assessment: Assessment,
    *,
    subject: str | None,
    basis: Sequence[str],
    occurrence: datetime.datetime | None = None,
) -> dict[str, object]:
    """The assessment as RiskAssessment JSON. ``subject`` is a reference such as ``Patient/123`` (None
    when the patient is not known: the reference then only says so); a naive ``occurrence`` is UTC."""
    ruleset = assessment.ruleset
    resource: dict[str, object] = {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": {"reference": subject} if subject else {"display": "patient not identified"},
        "method": {
            "coding": [
                {
                    "system": RULESET_SYSTEM,
                    "code": ruleset.name,
                    "version": ruleset.version,
                    "display": f"{ruleset.name} {ruleset.version}",
                }
            ],
            "text": f"cdss ruleset {ruleset.name} {ruleset.version} sha256:{ruleset.sha256}",
        },
        "prediction": [_prediction(entry) for entry in assessment.differential],
        "note": [{"text": f"Triage: {assessment.triage}. {NOT_A_DIAGNOSIS}"}],
    }
    if basis:
        resource["basis"] = [{"reference": reference} for reference in basis]
    if assessment.id:
        resource["identifier"] = [{"system": "urn:cdss:case", "value": assessment.id}]
    if occurrence is not None:
        moment = occurrence if occurrence.tzinfo else occurrence.replace(tzinfo=datetime.UTC)
        resource["occurrenceDateTime"] = moment.isoformat()
    recommendations = list(dict.fromkeys(flag.recommendation for flag in assessment.red_flags))
    if recommendations:
        resource["mitigation"] = " ".join(recommendations)
    return resource


def _prediction(entry: DifferentialEntry) -> dict[str, object]:
    codings = [{"system": CONDITION_SYSTEM, "code": entry.condition, "display": entry.name}]
    codings += [{"system": SNOMED, "code": o.code, "display": o.display} for o in outcomes()[entry.condition]]
    prediction: dict[str, object] = {
        "outcome": {"coding": codings, "text": entry.name},
        "probabilityDecimal": entry.probability,
        "rationale": _rationale(entry),
    }
    if entry.pretest.value > 0:
        prediction["relativeRisk"] = round(entry.probability / entry.pretest.value, DECIMALS)
    return prediction


def _rationale(entry: DifferentialEntry) -> str:
    percent = f"{entry.probability * 100:.1f} %"
    parts = [f"post-test probability {entry.probability} ({percent}), pre-test {entry.pretest.value}"]
    if entry.ranked_first_by:
        parts.append(f"ranked first by red flag rule {entry.ranked_first_by}")
    for label, items in (("for", entry.supporting), ("against", entry.refuting)):
        rules = [item.rule for item in items if item.counted]
        if rules:
            parts.append(f"{label}: {', '.join(rules)}")
    return "; ".join(parts)
