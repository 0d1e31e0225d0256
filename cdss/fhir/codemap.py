"""The code map: which FHIR codes state which finding, read from ``codes.yaml`` beside this module.

The YAML is the data (one entry per finding key, each with its codes and how present, absent and not
done are expressed); this module gives it a type, checks it against the case's findings and indexes it
by (system URI, code).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cdss.case.findings import Findings

CODES_FILE = Path(__file__).with_name("codes.yaml")
PROJECT_SYSTEM = "urn:cdss:finding"
"""The project's own code system, for findings no standard code expresses (README, EHR integration)."""

Read = Literal["finding", "observable", "grade", "quantity", "lab", "mrc", "onset", "not_equivalent"]
Side = Literal["left", "right", "bilateral"]
Value = bool | str | int
Convention = Literal["A1", "A2", "A3", "A4", "A5"]
REFLEX_PARTS = frozenset({"ankle_absent", "ankle_normal", "knee_normal"})
"""Values of reflex codes that only the reflex combination turns into a case value (codes.yaml)."""

_DATA = ConfigDict(extra="forbid", frozen=True)
_VALUED: frozenset[Read] = frozenset({"finding", "observable", "grade"})


class CodeEntry(BaseModel):
    """One code: what a resource carrying it says about the finding key it is listed under."""

    model_config = _DATA

    system: str
    code: str
    display: str
    status: str = Field(description="Verification status and source, as fhir.md gives them.")
    read: Read = "finding"
    means: Value | dict[Side, Value] | None = None
    refuted: Value | None = None
    refutable: bool = True
    side: Side | None = None
    units: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CodeEntry:
        if self.read in {"finding", "grade"} and self.means is None:
            raise ValueError(f"code {self.code}: a {self.read} code needs 'means'")
        if self.read not in _VALUED and (self.means is not None or self.refuted is not None):
            raise ValueError(f"code {self.code}: read {self.read} takes its value from the resource")
        if self.read == "not_equivalent" and not self.note:
            raise ValueError(f"code {self.code}: say why it is not equivalent in 'note'")
        return self

    def meaning(self, side: Side | None) -> Value | None:
        """The value the key takes when the code is asserted (on that side, for by-side codes)."""
        if isinstance(self.means, dict):
            return self.means.get(side) if side is not None else None
        return self.means

    def opposite(self) -> Value | None:
        """The value the key takes when the code is refuted: given, or the opposite of true/positive."""
        if not self.refutable:
            return None
        if self.refuted is not None:
            return self.refuted
        if self.means is True:
            return False
        return "negative" if self.means == "positive" else None


class FindingCodes(BaseModel):
    """Everything about one finding key: its convention, the notes, and its codes."""

    model_config = _DATA

    convention: Convention
    note: str | None = None
    history: bool = False
    prefer: tuple[Value, ...] = ()
    combine: Literal["latest", "min", "max", "any"] = "latest"
    codes: tuple[CodeEntry, ...]


class CodeMap(BaseModel):
    """The whole map. ``lookup`` finds every (key, entry) a coding stands for."""

    model_config = _DATA

    systems: dict[str, str]
    findings: dict[str, FindingCodes]

    @model_validator(mode="after")
    def _known(self) -> CodeMap:
        unknown = sorted(set(self.findings) - set(Findings.model_fields))
        if unknown:
            raise ValueError(f"not finding keys of the case format: {', '.join(unknown)}")
        for key, finding in self.findings.items():
            for entry in finding.codes:
                if entry.system not in self.systems:
                    raise ValueError(f"{key}: code {entry.code}: system {entry.system!r} is not in 'systems'")
                _check_values(key, entry)
        return self

    @functools.cached_property
    def index(self) -> Mapping[tuple[str, str], tuple[tuple[str, CodeEntry], ...]]:
        found: dict[tuple[str, str], list[tuple[str, CodeEntry]]] = {}
        for key, finding in self.findings.items():
            for entry in finding.codes:
                found.setdefault((self.systems[entry.system], entry.code), []).append((key, entry))
        return {where: tuple(entries) for where, entries in found.items()}

    def lookup(self, system: str | None, code: str | None) -> tuple[tuple[str, CodeEntry], ...]:
        if system is None or code is None:
            return ()
        return self.index.get((system, code), ())


def _check_values(key: str, entry: CodeEntry) -> None:
    """Every value a code can give must be a valid value of its key (reflex parts aside)."""
    values = entry.means.values() if isinstance(entry.means, dict) else [entry.means]
    for value in [*values, entry.refuted]:
        if value is None or (key == "reflex_change" and value in REFLEX_PARTS):
            continue
        try:
            Findings.model_validate({key: value})
        except ValidationError as error:
            raise ValueError(f"{key}: code {entry.code}: {value!r} is not a value of the key") from error


@functools.cache
def code_map() -> CodeMap:
    """The bundled code map, read and checked once."""
    return CodeMap.model_validate(yaml.safe_load(CODES_FILE.read_text(encoding="utf-8")))
