"""What a ruleset is made of: rules, their conclusions and the causes of the differential.

These models describe the YAML records under ``rulesets/``; :mod:`cdss.rules.loading` reads and checks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, SkipValidation, Tag

from cdss.rules.conditions import Condition

if TYPE_CHECKING:
    from cdss.rules.case_mix import CaseMix, Question

Strength = Literal["A", "B", "C", "D", "guideline", "consensus"]
Triage = Literal["emergency", "urgent", "routine"]
TRIAGE_ORDER: Mapping[str, int] = {"routine": 0, "urgent": 1, "emergency": 2}
ImagingTiming = Literal["now", "if_candidate", "after_trial", "not_now"]
"""When imaging is indicated: now; only for a candidate for surgery or an injection; if the pain has not
improved after a trial of treatment; not now."""

_RECORD = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)
DiagnosisId = Annotated[str, Field(pattern=r"^[a-z][a-z_]*[a-z]$")]
Probability = Annotated[float, Field(gt=0, lt=1)]


RuleId = Annotated[str, Field(pattern=r"^[A-Z]{2,6}-[0-9]{3}$")]
Share = Annotated[float, Field(ge=0, le=1)]


class Frequencies(BaseModel):
    """How often the finding is present in each primary cause of the differential: P(finding | cause).

    One record moves every cause at once: causes named under ``frequency`` take their own figure, every
    other cause takes ``otherwise``. The ratio between two causes' figures is the likelihood ratio between
    them, so a finding common in one cause and rare in another separates them.
    """

    model_config = _RECORD

    frequency: dict[DiagnosisId, Share] = Field(min_length=1, strict=False)
    otherwise: Share = Field(description="The frequency in every cause not named under frequency.")
    group: str | None = Field(
        default=None,
        description="Rules that measure the same thing share a group; only the strongest that fires counts.",
    )
    derivation: str = Field(min_length=1, description="Where each figure comes from, and any assumption.")


class Complement(BaseModel):
    """The finding is the absence of the findings of other rules: P = 1 - the sum of their frequencies."""

    model_config = _RECORD

    absent_of: tuple[RuleId, ...] = Field(min_length=1, strict=False)


class Ratios(BaseModel):
    """Likelihood ratios of the named causes against every cause not named (which weigh 1).

    For findings whose published figure is a likelihood ratio or a post-test probability rather than a
    frequency in each cause; only the finding's presence is weighed.
    """

    model_config = _RECORD

    ratio: dict[DiagnosisId, Annotated[float, Field(gt=0)]] = Field(min_length=1, strict=False)
    group: str | None = None
    derivation: str = Field(min_length=1, description="Where each figure comes from, and any assumption.")


class RedFlag(BaseModel):
    """A finding that needs action whatever the differential says."""

    model_config = _RECORD

    red_flag: str = Field(min_length=1, description="What is suspected, in a clinician's words.")
    triage: Triage
    diagnosis: DiagnosisId | None = None
    recommendation: str = Field(min_length=1, description="Worded as a recommendation with its basis.")
    suspected_only: bool = Field(
        default=False,
        description=(
            "The flag calls for the condition to be excluded now (its triage) without establishing it: the "
            "condition is listed as not to be missed, with the reason, and ranked by its probability instead "
            "of first (a diagnosis marked ranks_first_when_flagged ranks first only on its other flags)."
        ),
    )


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
    ("frequency", "frequencies"),
    ("absent_of", "complement"),
    ("ratio", "ratios"),
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
    Annotated[Frequencies, Tag("frequencies")]
    | Annotated[Complement, Tag("complement")]
    | Annotated[Ratios, Tag("ratios")]
    | Annotated[RedFlag, Tag("red_flag")]
    | Annotated[Intermediate, Tag("intermediate")]
    | Annotated[Inconsistency, Tag("inconsistency")]
    | Annotated[ImagingAdvice, Tag("imaging")],
    Discriminator(
        _conclusion_kind,
        custom_error_type="conclusion_kind",
        custom_error_message=(
            "a conclusion needs one of: frequency (frequencies in each cause), absent_of (complement), "
            "ratio (likelihood ratios), red_flag, concludes (intermediate), warning (inconsistency) "
            "or imaging"
        ),
    ),
]
CONCLUSION_TAGS: Mapping[type[BaseModel], str] = {
    Frequencies: "frequencies",
    Complement: "complement",
    Ratios: "ratios",
    RedFlag: "red_flag",
    Intermediate: "intermediate",
    Inconsistency: "inconsistency",
    ImagingAdvice: "imaging",
}


class Rule(BaseModel):
    """One rule: a checkable statement, when it applies, what it concludes and on whose evidence."""

    model_config = _RECORD

    id: RuleId
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
    def weighs(self) -> bool:
        """Whether the rule weighs the causes of the differential against each other."""
        return isinstance(self.then, Frequencies | Complement | Ratios)


class Diagnosis(BaseModel):
    """One primary cause of the differential (the classes are mutually exclusive and exhaustive)."""

    model_config = _RECORD

    id: DiagnosisId
    name: str = Field(min_length=1)
    icd10cm: tuple[str, ...] = Field(
        default=(), strict=False, description="Only codes evidence.md marks verified."
    )
    snomed_ct: tuple[str, ...] = Field(
        default=(), strict=False, description="Only concept ids evidence.md marks verified."
    )
    note: str | None = Field(default=None, description="Caveats on the codes or the class.")
    ranks_first_when_flagged: bool = Field(
        default=False, description="An emergency red flag for this diagnosis puts it first in the ranking."
    )
    not_to_be_missed: bool = Field(
        default=False, description="When a red flag for it fires, it is listed apart with the reason."
    )


class SettingAges(BaseModel):
    """The ages the setting's pre-test probabilities describe; an assessment outside them says so."""

    model_config = _RECORD

    from_age: Annotated[int, Field(ge=0, le=120)]
    to_age: Annotated[int, Field(ge=1, le=121)] | None = Field(default=None, description="Not included.")
    basis: str = Field(min_length=1, description="Where the range comes from.")

    def holds(self, age: int) -> bool:
        return self.from_age <= age and (self.to_age is None or age < self.to_age)


class Calibration(BaseModel):
    """How strongly the evidence weighs against the priors, fitted on a labelled series (reasoning.md L7)."""

    model_config = _RECORD

    slope: Annotated[float, Field(gt=0, le=5)] = Field(
        description="Every rule's tempered log-likelihood is multiplied by it; the priors are not."
    )
    basis: str = Field(min_length=1, description="The series, the fit and the command that repeats it.")


class RulesetInfo(BaseModel):
    """The ``ruleset.yaml`` header of a ruleset directory."""

    model_config = _RECORD

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = Field(min_length=1)
    setting_ages: SettingAges | None = Field(
        default=None, description="The ages the priors' cohorts describe, when the ruleset states them."
    )
    tempering: dict[Strength, Annotated[float, Field(gt=0, le=1)]] = Field(
        strict=False,
        description="The power each rule's likelihoods are raised to, by the strength of its evidence.",
    )
    frequency_floor: Annotated[float, Field(gt=0, lt=0.5)] = Field(
        description="Frequencies are kept within [floor, 1 - floor], so no finding can exclude a cause."
    )
    ask_next_limit: Annotated[int, Field(ge=0)] = Field(
        default=5, description="How many unexamined findings an assessment suggests asking about."
    )
    calibration: Calibration | None = Field(
        default=None, description="One slope for every setting (they share the likelihoods); none: 1."
    )

    @property
    def slope(self) -> float:
        return 1.0 if self.calibration is None else self.calibration.slope


class Ruleset:
    """A loaded, validated ruleset: immutable, shared freely between engines and threads."""

    def __init__(
        self,
        info: RulesetInfo,
        diagnoses: tuple[Diagnosis, ...],
        rules: tuple[Rule, ...],
        *,
        case_mix: CaseMix,
        questions: tuple[Question, ...],
        sha256: str,
        location: str,
    ) -> None:
        self.info = info
        self.diagnoses = diagnoses
        self.rules = rules
        self.case_mix = case_mix
        self.questions = questions
        self.sha256 = sha256
        self.location = location
        self.rule_by_id: Mapping[str, Rule] = {rule.id: rule for rule in rules}
        self.diagnosis_by_id: Mapping[str, Diagnosis] = {d.id: d for d in diagnoses}

    def __repr__(self) -> str:
        info = self.info
        return f"<Ruleset {info.name} {info.version} ({len(self.rules)} rules) sha256={self.sha256[:12]}>"
