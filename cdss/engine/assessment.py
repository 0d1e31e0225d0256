"""The assessment: what cdss returns for one case, with the basis of every line.

``Assessment.model_dump(mode="json")`` is the result format of case-format.md; ``cdss schema assessment``
prints its JSON Schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal, NoReturn

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cdss.rules.model import Strength, Triage

FindingValue = bool | str | int | float


class FrozenDict(dict[str, FindingValue]):
    """The findings behind a conclusion: a dict (it serialises as one) that refuses every change in place,
    so that an assessment served from a cache cannot be altered by one caller for the next."""

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        raise TypeError("an assessment's findings cannot be changed")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, FindingValue]]]:
        return FrozenDict, (dict(self),)


FrozenFindings = Annotated[Mapping[str, FindingValue], AfterValidator(FrozenDict)]
DECIMALS = 4
"""Probabilities and impacts in an assessment are rounded to this many decimals."""
_OUT = ConfigDict(extra="forbid", frozen=True)
"""Every model below is frozen and holds tuples and :class:`FrozenDict`: nothing in an assessment changes."""


class Basis(BaseModel):
    """Which rule concluded something, on which of the patient's findings, from which source."""

    model_config = _OUT

    rule: str = Field(description="Stable rule id, e.g. LSS-006.")
    statement: str = Field(description="The rule in plain clinical language.")
    findings: FrozenFindings = Field(description="The patient's findings that made the rule apply.")
    source: str
    strength: Strength = Field(description="A meta-analysis, B single study, C small or indirect, D weakest.")
    note: str | None = None


class EvidenceItem(Basis):
    """One piece of evidence for or against a diagnosis, and how much it weighed."""

    kind: Literal["frequency", "likelihood_ratio"]
    reported: str = Field(description="The published figures, in words: how often the finding occurs where.")
    frequency: float | None = Field(default=None, description="How often it occurs in this condition.")
    likelihood_ratio: float | None = Field(default=None, description="Ratio rules: this condition's LR.")
    applied_ratio: float = Field(description="Alone, its tempered, calibrated factor; 1 if not counted")
    counted: bool = Field(description="False when a stronger finding of its group counted instead.")
    why_not_counted: str | None = None


class PretestProbability(BaseModel):
    """The prior of a condition in the engine's setting, adjusted for the patient's age band."""

    model_config = _OUT

    value: float
    setting: str
    age_band: str | None = Field(description="The age band applied; None when the age was not recorded.")
    basis: str = Field(description="The published figure behind the setting's prior, and its derivation.")


class Codes(BaseModel):
    model_config = _OUT

    icd10cm: tuple[str, ...]
    snomed_ct: tuple[str, ...]


class DifferentialEntry(BaseModel):
    """One condition in the ranked differential."""

    model_config = _OUT

    condition: str = Field(description="Diagnosis id, e.g. spinal_stenosis.")
    name: str
    probability: float = Field(description="Post-test probability, rounded to 4 decimals.")
    pretest: PretestProbability
    ranked_first_by: str | None = Field(
        default=None, description="The red-flag rule that put this condition first, whatever its probability."
    )
    supporting: tuple[EvidenceItem, ...]
    refuting: tuple[EvidenceItem, ...]
    codes: Codes


class RedFlagItem(Basis):
    """A finding that calls for action whatever the differential says."""

    red_flag: str
    triage: Triage
    condition: str | None
    recommendation: str


class Outcome(BaseModel):
    model_config = _OUT

    value: FindingValue
    chance: float = Field(description="How likely this answer is, given the differential so far.")
    triage: Triage
    top: str = Field(description="The condition that would rank first.")
    top_probability: float


class AskNext(BaseModel):
    """An unexamined finding whose answer would most change the triage, then the differential."""

    model_config = _OUT

    finding: str
    question: str
    triage_change: float = Field(description="The chance that the answer changes the triage.")
    information_gain: float = Field(description="Expected fall in the differential's entropy (bits).")
    outcomes: tuple[Outcome, ...]


class NotToBeMissed(BaseModel):
    """A serious condition whose red flag fired, with its place in the differential (1 first) and the red
    flags that fired for it: shown first, whatever its rank."""

    model_config = _OUT

    condition: str
    name: str
    probability: float
    rank: int
    reasons: tuple[str, ...]


class Recommendation(BaseModel):
    """The one recommendation for the patient: that of the most urgent red flag (``rule``)."""

    model_config = _OUT

    text: str
    triage: Triage
    rule: str


class WarningItem(BaseModel):
    model_config = _OUT

    rule: str
    message: str
    findings: FrozenFindings


class RulesetStamp(BaseModel):
    model_config = _OUT

    name: str
    version: str
    sha256: str


class EngineStamp(BaseModel):
    model_config = _OUT

    cdss: str
    durable_rules: str


NotComputed = Literal["not_computed"]
NOT_COMPUTED: NotComputed = "not_computed"
"""Said where ask-next was not computed (it costs more than the rest of an assessment): never an empty
list, which would mean that no unexamined finding could change anything."""


class Assessment(BaseModel):
    """The result for one case: triage first, then the differential, each line with its basis."""

    model_config = _OUT

    id: str | None
    setting: str = Field(description="The setting whose priors were used, e.g. primary_care.")
    triage: Triage
    recommendation: Recommendation | None = Field(
        description="The most urgent red flag's recommendation; None when no red flag fired."
    )
    red_flags: tuple[RedFlagItem, ...]
    not_to_be_missed: tuple[NotToBeMissed, ...] = Field(
        description="Serious conditions whose red flag fired, whatever their rank, with the reasons."
    )
    differential: tuple[DifferentialEntry, ...] = Field(description="Ranked, most likely first; sums to 1.")
    ask_next: tuple[AskNext, ...] | NotComputed
    warnings: tuple[WarningItem, ...]
    fired_rules: tuple[str, ...] = Field(
        description="Every rule that applied, intermediate conclusions included."
    )
    ruleset: RulesetStamp
    engine: EngineStamp


class FlagRef(BaseModel):
    """A red flag by reference: the rule that raised it (its texts are in the ruleset), the condition
    it points to and its triage level."""

    model_config = _OUT

    rule: str
    condition: str | None = None
    triage: Triage


class WeightRef(BaseModel):
    """Evidence that counted, by reference: the rule and the factor it applies on its own to the condition
    (:attr:`EvidenceItem.applied_ratio`)."""

    model_config = _OUT

    rule: str
    applied_ratio: float


class RankedEntry(BaseModel):
    """One condition of the ranked differential: its probability and the evidence that counted."""

    model_config = _OUT

    condition: str
    probability: float = Field(description="Post-test probability, rounded to 4 decimals.")
    ranked_first_by: str | None = None
    supporting: tuple[WeightRef, ...] = Field(description="The counted evidence for it, in ruleset order.")
    refuting: tuple[WeightRef, ...] = Field(description="The counted evidence against it, in ruleset order.")


class Summary(BaseModel):
    """The conclusions of an assessment and their references, without texts: a lean line of a batch.

    Every field equals the same-named field of the full :class:`Assessment` of the same case, reduced to
    identifiers and numbers (:func:`summary_of`; tests check). The texts (statements, sources,
    recommendations, names) are functions of the ruleset, pinned by ``ruleset.sha256``; ``findings`` holds
    what the basis needs besides, so :meth:`cdss.Engine.expand` rebuilds the full assessment from it.
    """

    model_config = _OUT

    id: str | None
    setting: str = Field(description="The setting whose priors were used.")
    triage: Triage
    recommendation: str | None = Field(default=None, description="The red flag recommending.")
    red_flags: tuple[FlagRef, ...] = Field(description="Every fired red-flag rule, most urgent first.")
    not_to_be_missed: tuple[str, ...] = Field(description="Serious conditions whose red flag fired.")
    differential: tuple[RankedEntry, ...] = Field(description="Every condition, ranked as in the assessment.")
    ask_next: tuple[AskNext, ...] | NotComputed
    warnings: tuple[WarningItem, ...]
    fired_rules: tuple[str, ...]
    findings: FrozenFindings = Field(
        description="The case's values of every finding (age and sex included) that a fired rule reads: "
        "the facts the conclusions rest on."
    )
    ruleset: RulesetStamp


def _counted(items: tuple[EvidenceItem, ...]) -> tuple[WeightRef, ...]:
    return tuple(
        WeightRef(rule=item.rule, applied_ratio=item.applied_ratio) for item in items if item.counted
    )


def summary_of(assessment: Assessment, findings: Mapping[str, FindingValue]) -> Summary:
    """The lean form of a full assessment: its conclusions and references, the texts left out."""
    return Summary(
        id=assessment.id,
        setting=assessment.setting,
        triage=assessment.triage,
        recommendation=None if assessment.recommendation is None else assessment.recommendation.rule,
        red_flags=tuple(
            FlagRef(rule=f.rule, condition=f.condition, triage=f.triage) for f in assessment.red_flags
        ),
        not_to_be_missed=tuple(serious.condition for serious in assessment.not_to_be_missed),
        differential=tuple(
            RankedEntry(
                condition=entry.condition,
                probability=entry.probability,
                ranked_first_by=entry.ranked_first_by,
                supporting=_counted(entry.supporting),
                refuting=_counted(entry.refuting),
            )
            for entry in assessment.differential
        ),
        ask_next=assessment.ask_next,
        warnings=assessment.warnings,
        fired_rules=assessment.fired_rules,
        findings=findings,
        ruleset=assessment.ruleset,
    )
