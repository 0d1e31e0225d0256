"""Each bundle of examples/fhir/ gives the same assessment as the example case it mirrors."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.riskassessment import RiskAssessment

from cdss.engine.assessment import Assessment
from cdss.engine.engine import Engine
from cdss.fhir.intake import read_fhir
from cdss.fhir.risk import risk_assessment
from tests.conftest import ROOT

BUNDLES = sorted((ROOT / "examples" / "fhir").glob("*.fhir"))
CASE_FOLDERS = (
    "cauda_equina",
    "disc_herniation",
    "spinal_stenosis",
    "piriformis_syndrome",
    "spondylolisthesis",
)


def _conclusions(assessment: Assessment) -> tuple[object, ...]:
    ranking = [(entry.condition, entry.probability) for entry in assessment.differential]
    return assessment.triage, ranking, assessment.fired_rules, [f.red_flag for f in assessment.red_flags]


def test_every_condition_folder_has_a_bundle() -> None:
    mirrored = {next(ROOT.glob(f"examples/*/{path.stem}.json")).parent.name for path in BUNDLES}
    assert mirrored >= {*CASE_FOLDERS, "mimics"}


@pytest.mark.parametrize("path", BUNDLES, ids=[path.stem for path in BUNDLES])
def test_a_bundle_gives_the_assessment_of_its_case(engine: Engine, path: Path) -> None:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    (case_path,) = ROOT.glob(f"examples/*/{path.stem}.json")
    on = datetime.date.fromisoformat(bundle["timestamp"][:10])
    intake = read_fhir(bundle, on=on, case_id=path.stem)
    report = intake.report
    assert (report.unknown_codes, report.unusable, report.contradictions) == ((), (), ())
    from_fhir = engine.evaluate(intake.case)
    from_case = engine.evaluate(json.loads(case_path.read_text(encoding="utf-8")))
    assert _conclusions(from_fhir) == _conclusions(from_case)
    every_resource = [f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]]
    assert intake.used == tuple(every_resource)
    risk = risk_assessment(from_fhir, subject=f"Patient/{path.stem}", basis=intake.used)
    parsed = RiskAssessment.model_validate(risk)
    assert [b.reference for b in parsed.basis or []] == list(intake.used)
    assert len(parsed.prediction or []) == len(from_case.differential)
