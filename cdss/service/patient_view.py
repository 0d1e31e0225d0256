"""The cards of the patient-view hook: the triage with the differential and its basis, and the data gaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from cdss.engine.assessment import Assessment, DifferentialEntry, EvidenceItem
from cdss.rules.model import Triage
from cdss.service import markdown as md

INDICATOR: Mapping[Triage, str] = {"emergency": "critical", "urgent": "warning", "routine": "info"}
SHOWN = 5
"""Conditions listed in a card's differential; the basis is given for the first three."""
EXPLAINED = 3


def triage_card(assessment: Assessment, risk: Mapping[str, object] | None) -> dict[str, object]:
    """The main card: triage as the indicator, the red flags and the differential with its basis."""
    card: dict[str, object] = {
        "uuid": md.new_id(),
        "summary": md.summary(_summary(assessment)),
        "indicator": INDICATOR[assessment.triage],
        "detail": "\n\n".join(_detail(assessment)),
        "source": md.source(assessment.ruleset),
    }
    if risk is not None:
        card["suggestions"] = [
            {
                "label": "Save this assessment to the record as a FHIR RiskAssessment",
                "uuid": md.new_id(),
                "actions": [
                    {
                        "type": "create",
                        "description": "The differential with its probabilities and basis",
                        "resource": dict(risk),
                    }
                ],
            }
        ]
        card["selectionBehavior"] = "at-most-one"
    return card


def data_card(report: BaseModel, gaps: Sequence[str], assessment: Assessment) -> dict[str, object] | None:
    """A card listing what in the record was missing, not understood or contradictory; None if nothing."""
    lines = md.report_lines(report)
    if not lines and not gaps:
        return None
    detail = [
        "Findings from data that is missing or was not understood stay **not examined**: they are "
        "neither present nor absent in the assessment.",
        *(f"- {md.escape(gap)}" for gap in gaps),
        *lines,
    ]
    contradictions = getattr(report, "contradictions", ())
    counted = [f"{len(gaps)} data gap(s)"] if gaps else []
    counted += [
        f"{len(items)} {name.replace('_', ' ')}"
        for name, items in report
        if isinstance(items, tuple) and items
    ]
    return {
        "uuid": md.new_id(),
        "summary": md.summary("Record check: " + ", ".join(counted)),
        "indicator": "warning" if gaps or contradictions else "info",
        "detail": "\n".join(detail),
        "source": md.source(assessment.ruleset),
    }


def _summary(assessment: Assessment) -> str:
    top = assessment.differential[0]
    likely = f"{top.name} {md.percent(top.probability)}"
    if assessment.red_flags:
        flags = list(dict.fromkeys(flag.red_flag for flag in assessment.red_flags))
        more = f" (+{len(flags) - 1} more)" if len(flags) > 1 else ""
        return f"{assessment.triage.capitalize()}: {flags[0]}{more}; most likely {likely}"
    return f"Routine: no red flag raised; most likely {likely}"


def _detail(assessment: Assessment) -> list[str]:
    parts = [f"**Triage: {assessment.triage}**"]
    seen: set[tuple[str, str]] = set()
    for flag in assessment.red_flags:
        if (flag.red_flag, flag.recommendation) in seen:
            continue
        seen.add((flag.red_flag, flag.recommendation))
        rules = [
            f
            for f in assessment.red_flags
            if (f.red_flag, f.recommendation) == (flag.red_flag, flag.recommendation)
        ]
        basis = "; ".join(f"{f.rule}: {md.findings(f.findings)}" for f in rules)
        parts.append(
            f"- **{md.escape(flag.red_flag)}** ({flag.triage}): {md.escape(flag.recommendation)} "
            f"*Basis: {md.escape(basis)}. Source: {md.escape(flag.source)}.*"
        )
    parts.append("**Differential** (post-test probability; pre-test in brackets)")
    parts.append(
        "\n".join(_entry_line(rank, entry) for rank, entry in enumerate(assessment.differential[:SHOWN], 1))
    )
    for entry in assessment.differential[:EXPLAINED]:
        parts.append(_basis(entry))
    if isinstance(assessment.ask_next, tuple) and assessment.ask_next:
        asks = "; ".join(md.escape(item.question) for item in assessment.ask_next)
        parts.append(f"**Ask or examine next:** {asks}")
    parts.extend(f"**Check the record** ({w.rule}): {md.escape(w.message)}" for w in assessment.warnings)
    parts.append(md.stamp_line(assessment.ruleset))
    return parts


def _entry_line(rank: int, entry: DifferentialEntry) -> str:
    first = f", first because of {entry.ranked_first_by}" if entry.ranked_first_by else ""
    pretest = md.percent(entry.pretest.value)
    return f"{rank}. {md.escape(entry.name)}: {md.percent(entry.probability)} ({pretest}{first})"


def _basis(entry: DifferentialEntry) -> str:
    lines = [f"*Basis for {md.escape(entry.name)}*"]
    lines += [_evidence("for", item) for item in entry.supporting]
    lines += [_evidence("against", item) for item in entry.refuting]
    if len(lines) == 1:
        lines.append("- no finding weighed: the pre-test probability stands")
    return "\n".join(lines)


def _evidence(direction: str, item: EvidenceItem) -> str:
    weight = item.reported
    if not item.counted:
        weight += ", not counted"
    elif item.applied_ratio is not None and item.applied_ratio != item.likelihood_ratio:
        weight += f", applied {item.applied_ratio:g} (weak evidence)"
    basis = md.escape(f"{md.findings(item.findings)}; {weight}")
    return (
        f"- {direction}: {md.escape(item.statement)} ({basis}; {item.rule}, {md.escape(item.source)}, "
        f"strength {item.strength})"
    )
