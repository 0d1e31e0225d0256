"""The readable form of an assessment for a terminal: triage first, then the differential and its reasons."""

from __future__ import annotations

from collections.abc import Mapping

from cdss.assessment import Assessment, EvidenceItem

_SHOWN = 6


def _value(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _findings(findings: Mapping[str, object]) -> str:
    return ", ".join(f"{name}={_value(value)}" for name, value in findings.items())


def _evidence_line(sign: str, item: EvidenceItem) -> str:
    weight = item.reported
    if item.kind == "likelihood_ratio" and item.applied_ratio != item.likelihood_ratio:
        weight += f", applied {item.applied_ratio:g}" if item.counted else ", not counted"
    return f"    {sign} {item.rule} [{item.strength}] {item.statement} ({weight}; {_findings(item.findings)})"


def render(assessment: Assessment) -> str:
    """Plain text: triage and red flags, the ranked differential with its evidence, ask next, warnings."""
    lines = [f"Case {assessment.id or '(no id)'}", f"TRIAGE: {assessment.triage.upper()}"]
    for flag in assessment.red_flags:
        lines.append(f"  ! {flag.red_flag} ({flag.triage}; {flag.rule}: {_findings(flag.findings)})")
        lines.append(f"    {flag.recommendation}")
    lines.append("")
    lines.append("Differential (most likely first):")
    for rank, entry in enumerate(assessment.differential[:_SHOWN], start=1):
        first = f"  [first because of {entry.ranked_first_by}]" if entry.ranked_first_by else ""
        lines.append(
            f"  {rank}. {entry.name}: {entry.probability:.1%} (pre-test {entry.pretest.value:.1%}){first}"
        )
        lines.extend(_evidence_line("+", item) for item in entry.supporting)
        lines.extend(_evidence_line("-", item) for item in entry.refuting)
    rest = assessment.differential[_SHOWN:]
    if rest:
        lines.append("  Also considered: " + ", ".join(f"{e.name} {e.probability:.1%}" for e in rest))
    if assessment.ask_next:
        lines.append("")
        lines.append("Ask or examine next:")
        for item in assessment.ask_next:
            answers = "; ".join(
                f"{_value(o.value)} -> {o.top} {o.top_probability:.1%}, {o.triage}" for o in item.outcomes
            )
            lines.append(f"  ? {item.question} ({item.finding}): {answers}")
    for warning in assessment.warnings:
        lines.append(f"WARNING {warning.rule}: {warning.message}")
    stamp = assessment.ruleset
    lines.append("")
    lines.append(
        f"Ruleset {stamp.name} {stamp.version} sha256 {stamp.sha256[:12]}; cdss {assessment.engine.cdss}, "
        f"durable_rules {assessment.engine.durable_rules}"
    )
    return "\n".join(lines)
