"""Turning outside data into a validated :class:`Case`, or a :class:`CaseError` that says what is wrong."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from cdss.case import messages
from cdss.case.findings import Case
from cdss.errors import CaseError

_CASE_KEYS = messages.model_keys(Case)
_NOT_MAPPINGS = frozenset({str, int, float, bool, type(None), list})
"""The types of the values JSON parses to, besides objects: none of them is a mapping (checked at once;
asking ``isinstance(value, Mapping)`` of each value costs more)."""


def case_label(data: object, fallback: str) -> str:
    """How to name a case in messages: its id when one can be read, else the fallback (e.g. a file name)."""
    if isinstance(data, Mapping):
        case_id = data.get("id")
        if isinstance(case_id, str) and case_id:
            return case_id
    return fallback


def _plain(data: Mapping[str, object]) -> dict[str, object]:
    """Any mapping as the dict pydantic validates (it takes no other mapping), and so its nested mappings."""
    if type(data) is dict and all(type(v) in _NOT_MAPPINGS or type(v) is dict for v in data.values()):
        return data
    return {key: _plain(value) if isinstance(value, Mapping) else value for key, value in data.items()}


def validate_case(data: object, *, label: str = "<case>") -> Case:
    """Validate one case in the case format; a :class:`CaseError` names the case, fields and problems."""
    if isinstance(data, Case):
        return data
    if not isinstance(data, Mapping):
        raise CaseError(
            label,
            [
                messages.FieldProblem(
                    (), "not_an_object", f"a case must be a JSON object; got {type(data).__name__}"
                )
            ],
        )
    try:
        return Case.model_validate(_plain(data))
    except ValidationError as error:
        raise CaseError(case_label(data, label), list(messages.problems(error, _CASE_KEYS))) from None
