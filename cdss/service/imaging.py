"""The order-select hook for lumbar spine imaging: is the drafted MRI, CT or radiograph indicated now?

An order is lumbar spine imaging when its ``code`` carries one of :data:`ORDER_CODES`. No code for these
procedures is verified in the team's references (shared/fhir.md and evidence.md give codes for findings
and diagnoses, not for imaging orders; third-party lists disagree on the LOINC codes), so they are codes
of the project's own code system, documented in the README; an EHR maps its orderables to them.
The answer comes from the ruleset's imaging rules (``rules/imaging.yaml``, conclusion ``imaging``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cdss.engine.assessment import Assessment
from cdss.rules.evaluation import compares, witnesses
from cdss.rules.model import ImagingAdvice, ImagingTiming, Rule, Ruleset
from cdss.service import markdown as md
from cdss.service.outcome import bad_request

IMAGING_SYSTEM = "urn:cdss:imaging"
ORDER_CODES: Mapping[str, str] = {
    "mri-lumbar-spine": "MRI",
    "ct-lumbar-spine": "CT",
    "radiograph-lumbar-spine": "radiograph",
}
"""Codes of :data:`IMAGING_SYSTEM` for lumbar spine imaging, with the modality each orders."""
OVERRIDE_SYSTEM = "urn:cdss:override-reason"
OVERRIDE_REASONS = (
    ("candidate-for-intervention", "Candidate for surgery or an injection"),
    ("red-flag-not-recorded", "A red flag not recorded in the record"),
    ("specialist-request", "Requested by a specialist"),
)
_URGENCY: Mapping[ImagingTiming, int] = {"now": 3, "if_candidate": 2, "after_trial": 1, "not_now": 0}
_HEADLINE: Mapping[ImagingTiming, str] = {
    "now": "Imaging indicated now",
    "if_candidate": "MRI only for a candidate for surgery or an injection",
    "after_trial": "Imaging not indicated now; a radiograph if no better after about a month",
    "not_now": "Imaging not indicated now: under six weeks, no red flags",
}


@dataclass(frozen=True)
class ImagingOrder:
    reference: str
    modality: str


def imaging_orders(draft_orders: Mapping[str, object], selections: Sequence[str]) -> list[ImagingOrder]:
    """The selected draft orders that are lumbar spine imaging (all drafts when nothing is selected)."""
    if draft_orders.get("resourceType") != "Bundle":
        raise bad_request("context.draftOrders: expected a FHIR Bundle", kind="wrong-resource-type")
    entries = draft_orders.get("entry", [])
    if not isinstance(entries, list):
        raise bad_request("context.draftOrders: Bundle.entry must be a list", kind="invalid-bundle")
    orders = []
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if not isinstance(resource, Mapping) or not isinstance(resource.get("resourceType"), str):
            raise bad_request(f"context.draftOrders: entry[{index}] has no resource", kind="invalid-bundle")
        reference = f"{resource['resourceType']}/{resource.get('id')}"
        if selections and reference not in selections:
            continue
        modality = _modality(resource.get("code"))
        if modality is not None:
            orders.append(ImagingOrder(reference, modality))
    return orders


def _modality(code: object) -> str | None:
    codings = code.get("coding") if isinstance(code, Mapping) else None
    for coding in codings if isinstance(codings, list) else []:
        if isinstance(coding, Mapping) and coding.get("system") == IMAGING_SYSTEM:
            found = ORDER_CODES.get(str(coding.get("code")))
            if found is not None:
                return found
    return None


class ImagingAdvisor:
    """Reads the imaging rules of a ruleset once; answers for each assessment."""

    def __init__(self, ruleset: Ruleset) -> None:
        self._rules = [(rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, ImagingAdvice)]
        self._urgent_attributes = sorted(
            {
                c.attribute
                for rule, advice in self._rules
                if advice.imaging == "now"
                for c in compares(rule.matches)
            }
        )

    def card(
        self, assessment: Assessment, fact: Mapping[str, object], orders: Sequence[ImagingOrder]
    ) -> dict[str, object]:
        fired = sorted(
            ((rule, advice) for rule, advice in self._rules if rule.id in assessment.fired_rules),
            key=lambda pair: (-_URGENCY[pair[1].imaging], pair[0].id),
        )
        timing = fired[0][1].imaging if fired else None
        ordered = sorted({order.modality for order in orders})
        advised = fired[0][1].modality if fired else None
        card: dict[str, object] = {
            "uuid": md.new_id(),
            "summary": md.summary(_summary(timing, advised, ordered, fired)),
            "indicator": _indicator(timing, advised, ordered),
            "detail": "\n\n".join(self._detail(fired, fact, ordered, assessment)),
            "source": md.source(assessment.ruleset),
        }
        if timing in ("after_trial", "not_now"):
            card["suggestions"] = [
                {
                    "label": "Withdraw the imaging order",
                    "uuid": md.new_id(),
                    "actions": [
                        {
                            "type": "delete",
                            "description": "Imaging is not indicated now",
                            "resourceId": [order.reference for order in orders],
                        }
                    ],
                }
            ]
            card["selectionBehavior"] = "at-most-one"
            card["overrideReasons"] = [
                {"code": code, "system": OVERRIDE_SYSTEM, "display": display}
                for code, display in OVERRIDE_REASONS
            ]
        return card

    def _detail(
        self,
        fired: Sequence[tuple[Rule, ImagingAdvice]],
        fact: Mapping[str, object],
        ordered: Sequence[str],
        assessment: Assessment,
    ) -> list[str]:
        parts = [f"**Ordered:** {', '.join(ordered)} of the lumbar spine. **Triage:** {assessment.triage}."]
        for rule, advice in fired:
            basis = md.findings(witnesses(rule.matches, fact))
            note = f" Note: {md.escape(rule.note)}" if rule.note else ""
            parts.append(
                f"- **{md.escape(advice.recommendation)}** *Basis ({rule.id}): {md.escape(basis)}. "
                f"Source: {md.escape(rule.source)}.*{note}"
            )
        if not fired:
            parts.append(
                "No imaging rule applies: the guidance needs the symptom duration and the red flags, "
                "asked about and recorded."
            )
        unexamined = [md.finding_name(name) for name in self._urgent_attributes if name not in fact]
        if unexamined and (not fired or fired[0][1].imaging != "now"):
            parts.append(
                "**Not recorded, and any of them present would make imaging indicated now:** "
                + md.escape(", ".join(unexamined))
            )
        parts.append(md.stamp_line(assessment.ruleset))
        return parts


def _summary(
    timing: ImagingTiming | None,
    advised: str | None,
    ordered: Sequence[str],
    fired: Sequence[tuple[Rule, ImagingAdvice]],
) -> str:
    if timing is None:
        return "No imaging advice: symptom duration or red flags not recorded"
    rules = ", ".join(rule.id for rule, advice in fired if advice.imaging == timing)
    headline = _HEADLINE[timing]
    if timing == "now" and advised is not None:
        headline = f"Imaging indicated now: {advised}" + (
            "" if advised in ordered else f" rather than {', '.join(ordered)}"
        )
    return f"{headline} ({rules})"


def _indicator(timing: ImagingTiming | None, advised: str | None, ordered: Sequence[str]) -> str:
    if timing == "now":
        return "info" if advised in ordered else "warning"
    return "info" if timing == "if_candidate" else "warning"
