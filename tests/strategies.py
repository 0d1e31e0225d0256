"""Hypothesis strategies for cases in the case format: any mix of examined and unexamined findings."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cdss.case.investigations import SLIP, SLIP_GRADE
from cdss.rules.attributes import ATTRIBUTES, AttributeSpec

FINDINGS = tuple(name for name in ATTRIBUTES if name not in ("age", "sex"))


def _values(spec: AttributeSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    low = spec.minimum if spec.minimum is not None else 0
    high = spec.maximum if spec.maximum is not None else 520
    if spec.integer:
        return st.integers(int(low), int(high))
    return st.one_of(st.integers(int(low), int(high)), st.floats(low, high, allow_nan=False))


def findings(*, required: dict[str, Any] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Findings with each one examined or not; ``required`` findings are always present with that value."""
    optional = {name: _values(ATTRIBUTES[name]) for name in FINDINGS if name not in (required or {})}
    chosen = st.fixed_dictionaries({}, optional=optional)
    return chosen.map(lambda found: _consistent({**found, **(required or {})}))


def _consistent(found: dict[str, Any]) -> dict[str, Any]:
    """Without a slip grade next to ``imaging_spondylolisthesis: false``: that pair is an input error."""
    if found.get(SLIP) is False:
        found.pop(SLIP_GRADE, None)
    return found


def cases(*, required: dict[str, Any] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Whole cases in the case format, age sometimes unrecorded."""
    return st.fixed_dictionaries(
        {
            "id": st.just("generated"),
            "sex": st.sampled_from(ATTRIBUTES["sex"].choices),
            "findings": findings(required=required),
        },
        optional={"age": st.integers(0, 120)},
    )
