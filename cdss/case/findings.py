"""The patient's findings and the case that carries them: the input contract of case-format.md.

Every finding is three-valued: ``True``/a value when present, ``False``/"negative" when examined and
absent, ``None`` when not examined. A finding left out of a case file, or given as ``null``, is not
examined. Only examined findings reach the matching engine (see :meth:`Case.to_fact`). The findings are
one flat object: the history and examination (here) and the investigation results
(:mod:`cdss.case.investigations`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from cdss.case.investigations import Investigations

TestResult = Literal["positive", "negative"]
PainDistribution = Literal["unilateral", "bilateral", "alternating"]
ReflexChange = Literal["ankle_reduced", "knee_reduced", "ankle_absent_bilateral", "hyperreflexia", "none"]
Sex = Literal["female", "male", "other", "unknown"]
DiagnosisClass = Literal[
    "disc_herniation", "spinal_stenosis", "piriformis_syndrome", "spondylolisthesis", "cauda_equina", "other"
]
"""The six classes of validation figures: the five named conditions and ``other`` for every other cause."""
Mimic = Literal[
    "vascular_claudication", "hip_osteoarthritis", "spinal_infection", "spinal_tumour", "vertebral_fracture",
    "degenerative_disc_disease", "nonspecific_low_back_pain",
]  # fmt: skip
"""The other causes and mimics the ruleset names; a reviewer may label a case with one of them."""
ExpectedDiagnosis = Literal[DiagnosisClass, Mimic]
CLASSES: tuple[str, ...] = get_args(DiagnosisClass)
_CLASS_SET = frozenset(CLASSES)
OTHER = "other"
MAX_AGE = 120


def diagnosis_class(diagnosis: str) -> str:
    """The class a diagnosis counts as in six-class figures: itself if one of the five named, else other."""
    return diagnosis if diagnosis in _CLASS_SET else OTHER


CLASS_INDEX: Mapping[str, int] = {name: index for index, name in enumerate(CLASSES)}
"""Each class's place in :data:`CLASSES`. A diagnosis's place is ``CLASS_INDEX[diagnosis_class(d)]``, or
at once ``CLASS_INDEX.get(d, CLASS_INDEX[OTHER])``."""


_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class HistoryAndExamination(BaseModel):
    """What was asked and examined: the findings of case-format.md before any investigation."""

    pain_distribution: PainDistribution | None = Field(
        default=None, title="Pain distribution", description="Which legs the pain reaches."
    )
    pain_below_knee: bool | None = Field(
        default=None, title="Pain below the knee", description="Leg pain extends below the knee."
    )
    back_pain_predominant: bool | None = Field(
        default=None, title="Back pain predominant", description="Back pain is worse than leg pain."
    )
    slr: TestResult | None = Field(default=None, title="Straight-leg-raise test", description="Result.")
    slr_angle_deg: Annotated[float, Field(ge=0, le=90)] | None = Field(
        default=None,
        title="Straight-leg-raise angle (degrees)",
        description="Hip flexion angle, 0-90 degrees, at which the straight-leg raise reproduced leg pain.",
    )
    crossed_slr: TestResult | None = Field(
        default=None,
        title="Crossed straight-leg-raise test",
        description="Raising the unaffected leg reproduces pain in the affected leg.",
    )
    slump: TestResult | None = Field(default=None, title="Slump test", description="Result.")
    femoral_stretch: TestResult | None = Field(
        default=None,
        title="Femoral nerve stretch test",
        description="Femoral nerve stretch (prone knee bend) test result: positive when it reproduces "
        "anterior thigh pain.",
    )
    neurogenic_claudication: bool | None = Field(
        default=None,
        title="Neurogenic claudication",
        description="Buttock or leg pain, heaviness or numbness brought on by walking or standing.",
    )
    relief_sitting: bool | None = Field(
        default=None, title="Relief on sitting", description="Leg symptoms ease on sitting."
    )
    relief_leaning_forward: bool | None = Field(
        default=None,
        title="Relief on leaning forward",
        description="Symptoms ease on bending or leaning forward (e.g. leaning on a shopping trolley).",
    )
    worse_sitting: bool | None = Field(
        default=None, title="Worse on sitting", description="Pain is worse when sitting."
    )
    worse_cough_sneeze: bool | None = Field(
        default=None, title="Worse on cough or sneeze", description="Leg pain worse on coughing or sneezing."
    )
    worse_extension: bool | None = Field(
        default=None, title="Pain on extension", description="Pain on lumbar extension."
    )
    buttock_pain_deep: bool | None = Field(
        default=None, title="Deep buttock pain", description="Deep buttock pain."
    )
    groin_pain: bool | None = Field(default=None, title="Groin pain", description="Pain in the groin.")
    sciatic_notch_tenderness: bool | None = Field(
        default=None,
        title="Sciatic notch tenderness",
        description="Tenderness over the greater sciatic notch or the piriformis.",
    )
    fair_test: TestResult | None = Field(
        default=None, title="FAIR test", description="Flexion-adduction-internal rotation test result."
    )
    pain_hip_internal_rotation: bool | None = Field(
        default=None,
        title="Pain on hip internal rotation",
        description="Pain or restriction on internal rotation of the hip.",
    )
    sacroiliac_provocation: TestResult | None = Field(
        default=None,
        title="Sacroiliac provocation tests",
        description="Positive when three or more of the five sacroiliac provocation tests (distraction, "
        "compression, thigh thrust, sacral thrust, Gaenslen) reproduce the pain; negative when fewer do.",
    )
    step_off_palpable: bool | None = Field(
        default=None,
        title="Palpable step-off",
        description="A palpable step between lumbar spinous processes.",
    )
    hamstring_tightness: bool | None = Field(
        default=None, title="Hamstring tightness", description="Marked hamstring tightness."
    )
    dermatomal_numbness: bool | None = Field(
        default=None, title="Dermatomal numbness", description="Sensory loss in a dermatome."
    )
    dermatomal_rash: bool | None = Field(
        default=None, title="Dermatomal rash", description="A vesicular rash in a dermatome."
    )
    myotomal_weakness: bool | None = Field(
        default=None, title="Myotomal weakness", description="Weakness in a myotome (e.g. foot drop)."
    )
    progressive_weakness: bool | None = Field(
        default=None, title="Progressive weakness", description="Weakness getting worse over hours or days."
    )
    reflex_change: ReflexChange | None = Field(
        default=None, title="Reflex change", description="Reflex finding on examination."
    )
    saddle_anaesthesia: bool | None = Field(
        default=None,
        title="Saddle anaesthesia",
        description="Numbness in the saddle (perineal, perianal) area.",
    )
    urinary_retention: bool | None = Field(
        default=None,
        title="Urinary retention",
        description="Retention, or difficulty starting or sensing micturition.",
    )
    urinary_incontinence: bool | None = Field(
        default=None, title="Urinary incontinence", description="New urinary incontinence."
    )
    faecal_incontinence: bool | None = Field(
        default=None,
        title="Faecal incontinence",
        description="New faecal incontinence or loss of rectal sensation.",
    )
    reduced_anal_tone: bool | None = Field(
        default=None, title="Reduced anal tone", description="Reduced anal tone on examination."
    )
    sexual_dysfunction: bool | None = Field(
        default=None, title="Sexual dysfunction", description="New sexual dysfunction."
    )
    bilateral_sciatica: bool | None = Field(
        default=None,
        title="Bilateral sciatica",
        description="Sciatica in both legs, or unilateral sciatica becoming bilateral.",
    )
    fever: bool | None = Field(default=None, title="Fever", description="Fever.")
    cancer_history: bool | None = Field(
        default=None, title="History of cancer", description="History of cancer."
    )
    weight_loss: bool | None = Field(
        default=None, title="Weight loss", description="Unexplained weight loss."
    )
    night_pain: bool | None = Field(default=None, title="Night pain", description="Pain at night or at rest.")
    trauma: bool | None = Field(default=None, title="Trauma", description="Significant trauma before onset.")
    previous_spinal_surgery: bool | None = Field(
        default=None, title="Previous spinal surgery", description="Lumbar spinal surgery in the past."
    )
    osteoporosis: bool | None = Field(
        default=None,
        title="Osteoporosis or long-term corticosteroids",
        description="Known osteoporosis or long-term corticosteroid use.",
    )
    pedal_pulses_reduced: bool | None = Field(
        default=None, title="Reduced pedal pulses", description="Reduced or absent foot pulses."
    )
    pain_relief_standing_still: bool | None = Field(
        default=None,
        title="Relief on standing still",
        description="Leg pain on walking eases by standing still, without sitting or bending.",
    )
    symptom_duration_weeks: Annotated[float, Field(ge=0)] | None = Field(
        default=None,
        title="Symptom duration (weeks)",
        description="How long the current episode has lasted, in weeks (0 or more).",
    )


class Findings(Investigations, HistoryAndExamination):
    """What was asked, examined and investigated, as one flat object (history and examination first).
    Leave a finding out (or null) when it was not examined or the test was not done."""

    model_config = _STRICT


class Case(BaseModel):
    """One patient: demographics, findings and, for validation series, the reviewer's labels."""

    model_config = _STRICT

    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        title="Case id",
        description="Identifier of the case; required in a batch and unique within it.",
    )
    age: Annotated[int, Field(ge=0, le=MAX_AGE)] | None = Field(
        default=None, title="Age (years)", description="Age in whole years, 0-120. Absent when not recorded."
    )
    sex: Sex = Field(default="unknown", title="Sex", description="female, male, other or unknown.")
    findings: Findings = Field(
        default_factory=Findings,
        title="Findings",
        description="Findings by name; a finding left out or null was not examined.",
    )
    expected: ExpectedDiagnosis | None = Field(
        default=None,
        title="Expected diagnosis",
        description="The diagnosis a reviewer assigned: one of the five named conditions, other, or a "
        "mimic's id (which counts as other in six-class figures). Used only for validation figures in batch "
        "runs.",
    )
    red_flag_expected: bool | None = Field(
        default=None,
        title="Red flag expected",
        description="Whether the reviewer (or the published source) treated the case as an emergency or "
        "urgent: true, false when managed routinely, null when not known. Used only for validation figures "
        "in batch runs; never evidence.",
    )

    def to_fact(self) -> dict[str, object]:
        """The attributes the rules can test: examined findings, age and sex. Unexamined ones are left out."""
        # the field values as the model holds them (flat: yes/no, words, numbers), in field order
        fact: dict[str, object] = {
            name: value for name, value in vars(self.findings).items() if value is not None
        }
        if self.age is not None:
            fact["age"] = self.age
        fact["sex"] = self.sex
        return fact
