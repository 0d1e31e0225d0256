"""Statements about one finding, from one or many resources, to the one value a case carries.

Rules (fhir.md section 2, "Conflicts"): equal values agree. Differing values keep the one that calls
for more attention (true, positive, or the first in the key's ``prefer`` list); a number keeps the
smallest or the latest, as the key says. Values recorded for different sides (left and right) are not
a contradiction; anything else is, and is reported with every source and the value kept. Leg pain on
the left and on the right makes bilateral pain; the reflex parts combine as ``codes.yaml`` describes.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from cdss.fhir.codemap import CodeMap, FindingCodes
from cdss.fhir.reading import Statement, Value
from cdss.fhir.report import Contradiction, ResourceProblem, Source

_DEFAULT_ORDER: tuple[Value, ...] = (True, "positive", False, "negative")
_NORMAL = frozenset({"none", "ankle_normal", "knee_normal"})
_EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclass
class Combined:
    findings: dict[str, Value] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    notes: list[ResourceProblem] = field(default_factory=list)


def combine(statements: Sequence[Statement], codes: CodeMap) -> Combined:
    combined = Combined()
    by_key: dict[str, list[Statement]] = {}
    for statement in statements:
        by_key.setdefault(statement.key, []).append(statement)
    for key, given in by_key.items():
        group = given
        if key == "reflex_change":
            group = _reflex_parts(given)
        elif key == "pain_distribution":
            group = _both_legs(given, combined)
        kept = _keep(key, group, codes.findings[key], combined)
        if kept is not None:
            combined.findings[key] = kept
    return combined


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _apart(a: Statement, b: Statement) -> bool:
    """Recorded for different sides, so both can hold."""
    sides = {a.side, b.side}
    return None not in sides and "bilateral" not in sides and len(sides) == 2


def _keep(key: str, group: list[Statement], finding: FindingCodes, combined: Combined) -> Value | None:
    if key == "reflex_change":
        return _reflex(group, finding, combined)
    distinct = list(dict.fromkeys(s.value for s in group))
    if len(distinct) == 1:
        return distinct[0]
    if all(_is_number(value) for value in distinct):
        kept, how = _number(group, finding)
        combined.contradictions.append(_contradiction(key, kept, group, how))
        return kept
    if finding.combine == "any":
        _note(combined, group, f"{key}: true, as at least one result says")
        return True
    order = finding.prefer or _DEFAULT_ORDER
    kept = min(distinct, key=lambda v: order.index(v) if v in order else len(order))
    clash = [(a, b) for a in group for b in group if a.value == kept and b.value != kept and not _apart(a, b)]
    if clash:
        how = "the value calling for more attention is kept"
        combined.contradictions.append(_contradiction(key, kept, group, how))
    else:
        _note(combined, group, f"{key}: {kept!r} on one side, differing values on the other side")
    return kept


def _number(group: list[Statement], finding: FindingCodes) -> tuple[Value, str]:
    numbers = [s.value for s in group]
    if finding.combine == "min":
        return min(numbers, key=float), "the smallest value is kept"
    if finding.combine == "max":
        return max(numbers, key=float), "the largest value is kept"
    return max(group, key=lambda s: s.when or _EARLIEST).value, "the latest value is kept"


def _contradiction(key: str, kept: Value | None, group: list[Statement], how: str) -> Contradiction:
    sources = tuple(Source(resource=s.resource, value=s.value) for s in group)
    return Contradiction(finding=key, kept=kept, sources=sources, resolution=how)


def _note(combined: Combined, group: list[Statement], text: str) -> None:
    for resource in dict.fromkeys(s.resource for s in group):
        combined.notes.append(ResourceProblem(resource=resource, problem=text))


def _both_legs(group: list[Statement], combined: Combined) -> list[Statement]:
    """Unilateral leg pain recorded for the left and for the right leg is bilateral."""
    sides = {s.side for s in group if s.value == "unilateral"}
    if not {"left", "right"} <= sides:
        return group
    _note(combined, group, "pain_distribution: unilateral pain on the left and on the right is bilateral")
    return [_replace(s, "bilateral") if s.value == "unilateral" else s for s in group]


def _reflex_parts(group: list[Statement]) -> list[Statement]:
    """An absent ankle reflex on both sides is ankle_absent_bilateral; on one side, ankle_reduced."""
    absent = {s.side for s in group if s.value == "ankle_absent"}
    both = "bilateral" in absent or {"left", "right"} <= absent
    value = "ankle_absent_bilateral" if both else "ankle_reduced"
    return [_replace(s, value) if s.value == "ankle_absent" else s for s in group]


def _reflex(group: list[Statement], finding: FindingCodes, combined: Combined) -> Value | None:
    abnormal = [s for s in group if s.value not in _NORMAL]
    values = {s.value for s in group}
    if not abnormal:
        if "none" in values or {"ankle_normal", "knee_normal"} <= values:
            return "none"
        _note(combined, group, "reflex_change: one reflex normal, the other not examined; left unset")
        return None
    kept = min((s.value for s in abnormal), key=finding.prefer.index)
    clash = [
        (a, n)
        for a in abnormal
        for n in group
        if (n.value == "none" or n.value == f"{str(a.value).split('_')[0]}_normal") and not _apart(a, n)
    ]
    if clash:
        how = "the abnormal reflex is kept"
        combined.contradictions.append(_contradiction("reflex_change", kept, group, how))
    elif len({s.value for s in abnormal}) > 1:
        _note(combined, group, f"reflex_change: several abnormal reflexes; {kept} is kept")
    return kept


def _replace(statement: Statement, value: Value) -> Statement:
    return dataclasses.replace(statement, value=value)
