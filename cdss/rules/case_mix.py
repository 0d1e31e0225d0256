"""The case mix of a ruleset: prior probabilities per setting and age band, coexisting conditions, and
the questions ask-next may put (``case_mix.yaml`` and ``questions.yaml`` of a ruleset directory).

A setting is where the patient is seen (primary care, a specialist or emergency service); its prior
vector over the causes of the differential sums to 1 and cites a basis for every cause. An age band
multiplies some causes' priors by published factors (then the vector is normalised again); a factor is
tempered by the strength of its evidence like any rule. The calibration slope is not a setting's: it
belongs to the ruleset (``ruleset.yaml``), as it corrects the likelihoods every setting shares.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cdss.errors import RulesetError, RulesetProblem, did_you_mean
from cdss.rules.model import DiagnosisId, Probability, Strength

_RECORD = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)
SettingId = Annotated[str, Field(pattern=r"^[a-z][a-z_]*[a-z]$")]


class Prior(BaseModel):
    model_config = _RECORD

    value: Probability
    basis: str = Field(min_length=1, description="The published figure and how the value derives from it.")


class Setting(BaseModel):
    """Where the patient is seen, and how often each cause is the primary cause there."""

    model_config = _RECORD

    name: str = Field(min_length=1)
    population: str = Field(min_length=1, description="Who the prior vector describes.")
    source: str = Field(min_length=1)
    strength: Strength
    priors: dict[DiagnosisId, Prior] = Field(min_length=1, strict=False)


class AgeFactor(BaseModel):
    model_config = _RECORD

    diagnosis: DiagnosisId
    factor: Annotated[float, Field(gt=0)]
    basis: str = Field(min_length=1)
    source: str = Field(min_length=1)
    strength: Strength


class AgeBand(BaseModel):
    """Ages from ``from_age`` up to, but not including, ``to_age`` (no upper end when absent)."""

    model_config = _RECORD

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: str = Field(min_length=1)
    from_age: Annotated[int, Field(ge=0, le=120)]
    to_age: Annotated[int, Field(ge=1, le=121)] | None = None
    factors: tuple[AgeFactor, ...] = Field(default=(), strict=False)

    def holds(self, age: int) -> bool:
        return self.from_age <= age and (self.to_age is None or age < self.to_age)


class Coexistence(BaseModel):
    """Two causes often found together: which one the differential names as the primary cause."""

    model_config = _RECORD

    primary: DiagnosisId
    over: DiagnosisId
    statement: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Question(BaseModel):
    """How ask-next words a finding, and for whom it is relevant. The file's order is clinical priority."""

    model_config = _RECORD

    finding: str = Field(min_length=1)
    question: str = Field(min_length=1, pattern=r"\?$")
    min_age: Annotated[int, Field(ge=0, le=120)] | None = None
    screen: Literal["cauda_equina"] | None = Field(
        default=None,
        description="Part of the cauda equina screen, asked first whenever it could change triage.",
    )


class CaseMix(BaseModel):
    """Priors per setting and age band, and which of two coexisting conditions is the primary cause."""

    model_config = _RECORD

    default_setting: SettingId
    settings: dict[SettingId, Setting] = Field(min_length=1, strict=False)
    age_bands: tuple[AgeBand, ...] = Field(min_length=1, strict=False)
    coexisting: tuple[Coexistence, ...] = Field(default=(), strict=False)

    def setting_named(self, name: str | None) -> str:
        """The setting of that name (the default for None); a :class:`RulesetError` when there is none."""
        if name is None:
            return self.default_setting
        if name not in self.settings:
            known = ", ".join(sorted(self.settings))
            problem = f"no setting {name!r}{did_you_mean(name, self.settings)} (settings: {known})"
            raise RulesetError([RulesetProblem(file="case_mix.yaml", problem=problem, field="settings")])
        return name

    def band(self, age: int | None) -> AgeBand | None:
        """The age band of an age; None when the age was not recorded."""
        if age is None:
            return None
        return next((band for band in self.age_bands if band.holds(age)), None)
