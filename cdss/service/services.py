"""The two CDS services: what each declares in discovery and how it answers a call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx2

from cdss.engine.assessment import Assessment
from cdss.engine.engine import Engine
from cdss.fhir.intake import FhirIntake, read_fhir
from cdss.fhir.risk import risk_assessment
from cdss.service.hooks import HookRequest, OrderSelectContext, PatientContext, parsed
from cdss.service.imaging import ImagingAdvisor, imaging_orders
from cdss.service.patient_view import data_card, triage_card
from cdss.service.prefetch import PREFETCH, Gathered, gather


@dataclass(frozen=True)
class Assessed:
    """One patient's assessment from their FHIR data, with what the mapping could not use."""

    assessment: Assessment
    intake: FhirIntake
    gathered: Gathered
    patient_id: str


class Service(Protocol):
    id: str
    hook: str

    def definition(self) -> dict[str, object]: ...

    async def answer(self, call: HookRequest) -> list[dict[str, object]]: ...


WARM_UP: tuple[Mapping[str, object], ...] = (
    {"resourceType": "Patient", "id": "warm-up", "gender": "unknown"},
    {
        "resourceType": "Observation",
        "id": "warm-up-fever",
        "status": "final",
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "386661006"}]},
        "subject": {"reference": "Patient/warm-up"},
        "valueBoolean": False,
    },
)
"""A record assessed once at start-up: the FHIR models build their validators on first use (about a
second), which would otherwise fall on the first caller."""


class Assessor:
    """Gathers a patient's resources, maps them to a case and evaluates it."""

    def __init__(self, engine: Engine, client: httpx2.AsyncClient) -> None:
        self.engine = engine
        self._client = client

    def warm_up(self) -> None:
        intake = read_fhir(list(WARM_UP), on=datetime.now(UTC).date())
        risk_assessment(self.engine.evaluate(intake.case), subject="Patient/warm-up", basis=intake.used)

    async def assess(self, call: HookRequest, context: PatientContext, *, ask_next: bool) -> Assessed:
        """The patient's assessment; with ``ask_next``, the unexamined findings worth asking are tried."""
        gathered = await gather(call, context.patient_id, self._client)
        today = datetime.now(UTC).date()
        intake = read_fhir(gathered.resources, on=today, case_id=str(call.hook_instance))
        assessment = self.engine.evaluate(intake.case, ask_next=ask_next)
        return Assessed(assessment, intake, gathered, context.patient_id)


class PatientView:
    """patient-view: the triage, the ranked differential and its basis, the RiskAssessment to save."""

    id = "cdss-back-leg-pain"
    hook = "patient-view"

    def __init__(self, assessor: Assessor) -> None:
        self._assessor = assessor

    def definition(self) -> dict[str, object]:
        return {
            "hook": self.hook,
            "id": self.id,
            "title": "Back pain radiating to the leg: red flags and ranked differential",
            "description": "Red-flag triage (cauda equina first), the ranked differential with the basis "
            "of every conclusion, and the findings to ask next; the assessment as a FHIR RiskAssessment.",
            "prefetch": dict(PREFETCH),
        }

    async def answer(self, call: HookRequest) -> list[dict[str, object]]:
        context = parsed(PatientContext, call.context, "context")
        assessed = await self._assessor.assess(call, context, ask_next=True)
        risk = risk_assessment(
            assessed.assessment,
            subject=f"Patient/{assessed.patient_id}",
            basis=assessed.intake.used,
            occurrence=datetime.now(UTC),
        )
        cards = [triage_card(assessed.assessment, risk)]
        gaps = data_card(assessed.intake.report, assessed.gathered.gaps, assessed.assessment)
        return cards + ([gaps] if gaps is not None else [])


class LumbarImagingOrder:
    """order-select: whether drafted lumbar spine imaging is indicated now, from the imaging rules."""

    id = "cdss-lumbar-imaging"
    hook = "order-select"

    def __init__(self, assessor: Assessor) -> None:
        self._assessor = assessor
        self._advisor = ImagingAdvisor(assessor.engine.ruleset)

    def definition(self) -> dict[str, object]:
        return {
            "hook": self.hook,
            "id": self.id,
            "title": "Lumbar spine imaging: indicated now?",
            "description": "When an MRI, CT or radiograph of the lumbar spine is drafted: whether imaging "
            "is indicated now and why, from the red flags, the symptom duration and the guidelines "
            "(NICE NG59, ACP 2011, ACR, Choosing Wisely).",
            "prefetch": dict(PREFETCH),
        }

    async def answer(self, call: HookRequest) -> list[dict[str, object]]:
        context = parsed(OrderSelectContext, call.context, "context")
        orders = imaging_orders(context.draft_orders, context.selections)
        if not orders:
            return []
        assessed = await self._assessor.assess(call, context, ask_next=False)  # not shown on its card
        fact = assessed.intake.case.to_fact()
        card = self._advisor.card(assessed.assessment, fact, orders)
        gaps = data_card(assessed.intake.report, assessed.gathered.gaps, assessed.assessment)
        return [card] + ([gaps] if gaps is not None else [])


def services(assessor: Assessor) -> Mapping[str, Service]:
    found: list[Service] = [PatientView(assessor), LumbarImagingOrder(assessor)]
    return {service.id: service for service in found}
