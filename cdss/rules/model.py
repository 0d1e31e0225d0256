"""What a ruleset is made of: rules, their conclusions, diagnoses and pre-test probabilities.

These models describe the YAML records under ``rulesets/``; :mod:`cdss.rules.loading` reads and checks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, SkipValidation, Tag

from cdss.rules.conditions import Condition

Strength = Literal["A", "B", "C", "D", "guideline", "consensus"]
WEAK_STRENGTHS: frozenset[str] = frozenset({"C", "D"})
Triage = Literal["emergency", "urgent", "routine"]
TRIAGE_ORDER: Mapping[str, int] = {"routine": 0, "urgent": 1, "emergency": 2}
ImagingTiming = Literal["now", "if_candidate", "after_trial", "not_now"]
"""When imaging is indicated: now; only for a candidate for surgery or an injection; if the pain has not
improved after a trial of treatment; not now."""

_RECORD = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)
DiagnosisId = Annotated[str, Field(pattern=r"^[a-z][a-z_]*[a-z]$")]
Probability = Annotated[float, Field(gt=0, lt=1)]


class Evidence(BaseModel):
    """The finding pattern changes the odds of a diagnosis by a likelihood ratio."""

    model_config = _RECORD

    diagnosis: DiagnosisId
    likelihood_ratio: Annotated[float, Field(gt=0)] = Field(
        description="LR+ when the rule is about a present finding, LR- when about an absent one."
    )
    group: str | None = Field(
        default=None,
        description="Rules that measure the same thing share a group; only the strongest that fires counts.",
    )


class Association(BaseModel):
    """A published association without a usable likelihood ratio: shown in the basis, weight 1."""

    model_config = _RECORD

    diagnosis: DiagnosisId
    direction: Literal["for", "against"]
    reported: str = Field(
        min_length=1, description="What the source reports instead of an LR, or that none exists."
    )


class Baseline(BaseModel):
    """A published probability of the diagnosis among patients with this finding (a post-test figure)."""

    model_config = _RECORD

    diagnosis: DiagnosisId
    probability: Probability
    population: str = Field(min_length=1, description="Who the published probability was measured in.")


class RedFlag(BaseModel):
    """A finding that needs action whatever the differential says."""

    model_config = _RECORD

    red_flag: str = Field(min_length=1, description="What is suspected, in a clinician's words.")
    triage: Triage
    diagnosis: DiagnosisId | None = None
    recommendation: str = Field(min_length=1, description="Worded as a recommendation with its basis.")


class Intermediate(BaseModel):
    """A named conclusion, such as a radicular pattern, that other rules can build on."""

    model_config = _RECORD

    concludes: Annotated[str, Field(pattern=r"^[a-z][a-z_]*[a-z]$")]


class Inconsistency(BaseModel):
    """Findings that contradict each other: the assessment carries a warning to check the record."""

    model_config = _RECORD

    warning: str = Field(min_length=1)


class ImagingAdvice(BaseModel):
    """Whether imaging of the lumbar spine is indicated, and when: the answer to an imaging order."""

    model_config = _RECORD

    imaging: ImagingTiming
    modality: Literal["MRI", "radiograph"] | None = Field(
        default=None, description="The imaging the guidance points to; none when it advises against imaging."
    )
    recommendation: str = Field(min_length=1, description="Worded as a recommendation with its basis.")


CONCLUSION_KEYS = (
    ("likelihood_ratio", "evidence"),
    ("probability", "baseline"),
    ("direction", "association"),
    ("red_flag", "red_flag"),
    ("concludes", "intermediate"),
    ("warning", "inconsistency"),
    ("imaging", "imaging"),
)


def _conclusion_kind(raw: object) -> str | None:
    if isinstance(raw, BaseModel):
        return CONCLUSION_TAGS.get(type(raw))
    if isinstance(raw, Mapping):
        return next((tag for key, tag in CONCLUSION_KEYS if key in raw), None)
    return None


Conclusion = Annotated[
    Annotated[Evidence, Tag("evidence")]
    | Annotated[Association, Tag("association")]
    | Annotated[Baseline, Tag("baseline")]
    | Annotated[RedFlag, Tag("red_flag")]
    | Annotated[Intermediate, Tag("intermediate")]
    | Annotated[Inconsistency, Tag("inconsistency")]
    | Annotated[ImagingAdvice, Tag("imaging")],
    Discriminator(
        _conclusion_kind,
        custom_error_type="conclusion_kind",
        custom_error_message=(
            "a conclusion needs one of: likelihood_ratio (evidence), direction (association), "
            "probability (baseline), "
            "red_flag, concludes (intermediate), warning (inconsistency) or imaging"
        ),
    ),
]
CONCLUSION_TAGS: Mapping[type[BaseModel], str] = {
    Evidence: "evidence",
    Association: "association",
    Baseline: "baseline",
    RedFlag: "red_flag",
    Intermediate: "intermediate",
    Inconsistency: "inconsistency",
    ImagingAdvice: "imaging",
}


class Rule(BaseModel):
    """One rule: a checkable statement, when it applies, what it concludes and on whose evidence."""

    model_config = _RECORD

    id: Annotated[str, Field(pattern=r"^[A-Z]{2,6}-[0-9]{3}$")]
    statement: str = Field(min_length=1, description="The rule in plain clinical language.")
    when: SkipValidation[Condition] = Field(description="The condition as written, parsed.")
    then: Conclusion
    source: str = Field(min_length=1, description="Author, year, journal (or guideline), as in evidence.md.")
    strength: Strength
    note: str | None = Field(default=None, description="Caveats: derivation, spectrum bias, weak evidence.")
    version: Annotated[int, Field(ge=1)]
    topic: str = ""
    file: str = ""
    line: int | None = None
    matches: SkipValidation[Condition] = Field(
        description="The condition with intermediate conclusions expanded: what is matched."
    )

    @property
    def is_weak(self) -> bool:
        return self.strength in WEAK_STRENGTHS


class PublishedProbability(BaseModel):
    model_config = _RECORD

    value: Probability
    population: str = Field(min_length=1)
    source: str = Field(min_length=1)
    strength: Strength
    note: str | None = None


class Diagnosis(BaseModel):
    model_config = _RECORD

    id: DiagnosisId
    name: str = Field(min_length=1)
    icd10cm: tuple[str, ...] = Field(
        default=(), strict=False, description="Only codes evidence.md marks verified."
    )
    snomed_ct: tuple[str, ...] = Field(
        default=(), strict=False, description="Only concept ids evidence.md marks verified."
    )
    pretest: PublishedProbability
    note: str | None = Field(default=None, description="Caveats on the codes or the pre-test probability.")
    ranks_first_when_flagged: bool = Field(
        default=False, description="An emergency red flag for this diagnosis puts it first in the ranking."
    )


class SettingAges(BaseModel):
    """The ages the setting's pre-test probabilities describe; an assessment outside them says so."""

    model_config = _RECORD

    from_age: Annotated[int, Field(ge=0, le=120)]
    to_age: Annotated[int, Field(ge=1, le=121)] | None = Field(default=None, description="Not included.")
    basis: str = Field(min_length=1, description="Where the range comes from.")

    def holds(self, age: int) -> bool:
        return self.from_age <= age and (self.to_age is None or age < self.to_age)


class RulesetInfo(BaseModel):
    """The ``ruleset.yaml`` header of a ruleset directory."""

    model_config = _RECORD

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = Field(min_length=1)
    setting: str = Field(min_length=1, description="The population the pre-test probabilities describe.")
    setting_ages: SettingAges | None = Field(
        default=None, description="The setting's ages, when it states them."
    )
    weak_evidence_lr_cap: Annotated[float, Field(gt=1)] = Field(
        description="Likelihood ratios of weak (C or D) evidence are applied no further than this from 1."
    )
    ask_next_limit: Annotated[int, Field(ge=0)] = Field(
        default=5, description="How many unexamined findings an assessment suggests asking about."
    )


class Ruleset:
    """A loaded, validated ruleset: immutable, shared freely between engines and threads."""

    def __init__(
        self,
        info: RulesetInfo,
        diagnoses: tuple[Diagnosis, ...],
        rules: tuple[Rule, ...],
        sha256: str,
        location: str,
    ) -> None:
        self.info = info
        self.diagnoses = diagnoses
        self.rules = rules
        self.sha256 = sha256
        self.location = location
        self.rule_by_id: Mapping[str, Rule] = {rule.id: rule for rule in rules}
        self.diagnosis_by_id: Mapping[str, Diagnosis] = {d.id: d for d in diagnoses}

    def __repr__(self) -> str:
        info = self.info
        return f"<Ruleset {info.name} {info.version} ({len(self.rules)} rules) sha256={self.sha256[:12]}>"
