"""What a condition may test: every finding of the case model, plus age and sex, with the values each takes.

Read from the case model's JSON Schema, so a finding added to :class:`cdss.case.findings.Findings` is known
to the rule language (and checked at load) without a second list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from cdss.case.findings import Case

Value = bool | str | int | float


@dataclass(frozen=True)
class AttributeSpec:
    """What values an attribute of the case fact takes: yes/no, one of some words, or a number in range."""

    name: str
    kind: Literal["bool", "choice", "number"]
    title: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def values_to_try(self, thresholds: tuple[float, ...] = ()) -> tuple[Value, ...]:
        """Representative values: both answers, every choice, or numbers either side of each threshold."""
        if self.kind == "bool":
            return (True, False)
        if self.kind == "choice":
            return self.choices
        lo = self.minimum if self.minimum is not None else float("-inf")
        hi = self.maximum if self.maximum is not None else float("inf")
        numbers = sorted({v for t in thresholds for v in (t - 1, t, t + 1) if lo <= v <= hi})
        return tuple(numbers)


def _spec_from_schema(name: str, schema: Mapping[str, object]) -> AttributeSpec:
    options = schema.get("anyOf", [schema])
    title = str(schema.get("title", name))
    for option in options if isinstance(options, list) else []:
        if option.get("type") == "boolean":
            return AttributeSpec(name, "bool", title)
        if "enum" in option:
            return AttributeSpec(name, "choice", title, choices=tuple(option["enum"]))
        if option.get("type") in ("number", "integer"):
            return AttributeSpec(
                name,
                "number",
                title,
                minimum=option.get("minimum"),
                maximum=option.get("maximum"),
                integer=option["type"] == "integer",
            )
    raise TypeError(f"no condition type for case attribute {name!r}")


def _attribute_specs() -> Mapping[str, AttributeSpec]:
    schema = Case.model_json_schema()
    definitions = schema["$defs"]
    findings = definitions["Findings"]["properties"]
    specs = {name: _spec_from_schema(name, field) for name, field in findings.items()}
    for name in ("age", "sex"):
        specs[name] = _spec_from_schema(name, schema["properties"][name])
    return MappingProxyType(specs)


ATTRIBUTES: Mapping[str, AttributeSpec] = _attribute_specs()
"""Every attribute a condition may test: the findings of case-format.md, plus age and sex."""
