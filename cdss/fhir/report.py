"""The mapping report: everything in the FHIR input that did not become a finding as it stood.

Nothing the mapper cannot use is dropped silently: an unknown code, a resource it cannot read, two
resources that disagree about a finding, a finding recorded as not done, and every policy it applied
(a provisional diagnosis taken as present, one of two differing values kept) are listed here, each
naming the resource.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Value = bool | str | int | float

_OUT = ConfigDict(extra="forbid", frozen=True)


class UnknownCode(BaseModel):
    """A code the mapping does not know, on a resource that gave no finding through any other code."""

    model_config = _OUT

    resource: str = Field(
        description='The resource, "Type/id" (or its place in the input when it has no id).'
    )
    field: str = Field(description="Where the code is, e.g. code or component[1].code.")
    system: str | None
    code: str | None
    display: str | None


class ResourceProblem(BaseModel):
    """A resource, or a part of one, that gave no finding, and why."""

    model_config = _OUT

    resource: str
    problem: str


class Source(BaseModel):
    model_config = _OUT

    resource: str
    value: Value


class Contradiction(BaseModel):
    """Resources that give one finding different values; the value kept, and why, is stated."""

    model_config = _OUT

    finding: str
    kept: Value | None = Field(description="The value the case carries; null when none could be kept.")
    sources: tuple[Source, ...]
    resolution: str


class NotDone(BaseModel):
    """A finding recorded as not done (dataAbsentReason or Undetermined): it stays not examined."""

    model_config = _OUT

    finding: str
    resource: str
    reason: str


class MappingReport(BaseModel):
    """What happened to the input besides the case. Empty lists mean every resource was used as it was."""

    model_config = _OUT

    unknown_codes: tuple[UnknownCode, ...] = ()
    unusable: tuple[ResourceProblem, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    not_done: tuple[NotDone, ...] = ()
    notes: tuple[ResourceProblem, ...] = Field(
        default=(), description="Policies applied to a resource that was used, e.g. a provisional diagnosis."
    )
