"""Hostile FHIR: a real bundle with any field of any resource replaced by any JSON value gives an intake
or a CdssError naming a resource, never another exception."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.errors import CdssError
from cdss.fhir.intake import FhirIntake, read_fhir
from tests.conftest import ROOT
from tests.fhir.build import ON

BUNDLE: dict[str, Any] = json.loads((ROOT / "examples" / "fhir" / "ces-01.fhir").read_text(encoding="utf-8"))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the JSON tree from the bundle's entries down."""
    found = [path] if len(path) >= 2 else []  # an entry, its resource, or anything in it
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return found
    for key, child in items:
        found += _paths(child, (*path, key))
    return found


PLACES = _paths(BUNDLE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=JSON)
def test_any_value_anywhere_gives_an_intake_or_a_named_error(place: tuple[Any, ...], value: Any) -> None:
    hostile = copy.deepcopy(BUNDLE)
    parent = hostile
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = value
    outcome = _read(hostile)
    if isinstance(outcome, CdssError):
        assert getattr(outcome, "resource", None) or getattr(outcome, "case", None), outcome
    else:
        assert outcome.case.id == "ces-01"


def _read(bundle: dict[str, Any]) -> FhirIntake | CdssError:
    try:
        return read_fhir(bundle, on=ON, case_id="ces-01")
    except CdssError as error:
        return error
