"""The readable form of an assessment for a terminal: triage first, then the differential and its reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cdss.engine.assessment import Assessment, EvidenceItem, RedFlagItem

_SHOWN = 6


def _percent(probability: float) -> str:
    """Percentages a clinician can read: 0.04 % stays 0.04 %, not 0.0 %."""
    return f"{probability:.1%}" if probability >= 0.001 else f"{probability * 100:.2g}%"


def finding_value(value: object) -> str:
    """A finding's value as a reader says it: yes, no, or the value itself."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _findings(findings: Mapping[str, object]) -> str:
    return ", ".join(f"{name}={finding_value(value)}" for name, value in findings.items())


def _evidence_line(sign: str, item: EvidenceItem) -> str:
    weight = f"x{item.applied_ratio:.2g}" if item.counted else "not counted"
    return f"    {sign} {item.rule} [{item.strength}] {item.statement} ({weight}; {_findings(item.findings)})"


def _red_flag_lines(flags: Sequence[RedFlagItem]) -> list[str]:
    """One line per red flag, listing every rule and finding that raised it."""
    lines: list[str] = []
    groups: dict[tuple[str, str], list[RedFlagItem]] = {}
    for flag in flags:
        groups.setdefault((flag.red_flag, flag.triage), []).append(flag)
    for (red_flag, triage), members in groups.items():
        basis = "; ".join(f"{flag.rule}: {_findings(flag.findings)}" for flag in members)
        lines.append(f"  ! {red_flag} ({triage}) because {basis}")
    return lines


def render(assessment: Assessment) -> str:
    """Plain text: triage and red flags, the ranked differential with its evidence, ask next, warnings."""
    lines = [
        f"Case {assessment.id or '(no id)'} (setting: {assessment.setting})",
        f"TRIAGE: {assessment.triage.upper()}",
    ]
    if assessment.recommendation is not None:
        lines.append(f"RECOMMENDATION: {assessment.recommendation.text}")
    lines.extend(_red_flag_lines(assessment.red_flags))
    if assessment.not_to_be_missed:
        lines.extend(["", "Not to be missed:"])
        for serious in assessment.not_to_be_missed:
            reasons = "; ".join(serious.reasons)
            at = f"{_percent(serious.probability)}, ranked {serious.rank}"
            lines.append(f"  * {serious.name}: {at}, because {reasons}")
    lines.extend(["", "Differential (most likely first; the probabilities sum to 100 %):"])
    for rank, entry in enumerate(assessment.differential[:_SHOWN], start=1):
        first = f"  [first because of {entry.ranked_first_by}]" if entry.ranked_first_by else ""
        pretest = _percent(entry.pretest.value)
        lines.append(f"  {rank}. {entry.name}: {_percent(entry.probability)} (prior {pretest}){first}")
        lines.extend(_evidence_line("+", item) for item in entry.supporting)
        lines.extend(_evidence_line("-", item) for item in entry.refuting)
    rest = assessment.differential[_SHOWN:]
    if rest:
        lines.append("  Also considered: " + ", ".join(f"{e.name} {_percent(e.probability)}" for e in rest))
    if isinstance(assessment.ask_next, tuple) and assessment.ask_next:
        lines.extend(["", "Ask or examine next:"])
        for item in assessment.ask_next:
            answers = "; ".join(
                f"{finding_value(o.value)} ({_percent(o.chance)}) -> {o.top} {_percent(o.top_probability)}, "
                f"{o.triage}"
                for o in item.outcomes
            )
            lines.append(f"  ? {item.question} {answers}")
    lines.extend(f"WARNING {warning.rule}: {warning.message}" for warning in assessment.warnings)
    stamp = assessment.ruleset
    lines.extend(
        [
            "",
            f"Ruleset {stamp.name} {stamp.version} sha256 {stamp.sha256[:12]}; "
            f"cdss {assessment.engine.cdss}, durable_rules {assessment.engine.durable_rules}",
        ]
    )
    return "\n".join(lines)
