"""Investigation results: the imaging and test keys of case-format.md (section Investigations).

They are findings like any other and sit flat in a case's ``findings`` object (:class:`Investigations` is a
base of :class:`cdss.case.findings.Findings`, which validates them with its strict configuration). Same
three values: left out or ``null`` means not done or not reported; ``false`` means done and the finding is
absent ("lumbar MRI unremarkable" sets every lumbar imaging key to ``false``). An imaging finding is common in
people without symptoms: it is evidence to weigh, never a diagnosis by itself.

One finding refines another: a Meyerding grade means a slip was seen. A grade given without
``imaging_spondylolisthesis`` sets it to ``true``; a grade given with ``imaging_spondylolisthesis: false``
contradicts itself within one report, so the case is rejected with an error naming the grade (a guess either
way would put a slip in or out of the differential on a typo). Findings that merely disagree clinically are
the ruleset's to warn about (its consistency rules), not errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

CanalStenosis = Literal["none", "mild", "moderate", "severe", "present"]
SLIP = "imaging_spondylolisthesis"
SLIP_GRADE = "imaging_spondylolisthesis_grade"


class Investigations(BaseModel):
    """Imaging and test results, when done. Leave a result out (or null) when the test was not done."""

    imaging_disc_herniation: bool | None = Field(
        default=None,
        title="Imaging: disc herniation",
        description="MRI or CT shows a lumbar disc protrusion, extrusion or sequestration at any level "
        "(a diffuse bulge alone is imaging_degeneration).",
    )
    imaging_root_compression: bool | None = Field(
        default=None,
        title="Imaging: nerve root compression",
        description="MRI or CT shows a lumbar or sacral nerve root contacted, displaced or compressed, by "
        "disc material or anything else.",
    )
    imaging_cauda_equina_compression: bool | None = Field(
        default=None,
        title="Imaging: cauda equina compression",
        description="MRI or CT shows compression of the cauda equina (a large central herniation, or canal "
        "compromise by any cause).",
    )
    imaging_canal_stenosis: CanalStenosis | None = Field(
        default=None,
        title="Imaging: central canal stenosis",
        description="Central lumbar canal stenosis graded as the report grades it: none, mild, moderate, "
        "severe, or present when the report gives no grade.",
    )
    imaging_foraminal_stenosis: bool | None = Field(
        default=None,
        title="Imaging: foraminal stenosis",
        description="Foraminal or lateral-recess narrowing affecting a nerve root.",
    )
    imaging_spondylolisthesis: bool | None = Field(
        default=None,
        title="Imaging: spondylolisthesis",
        description="A lumbar or lumbosacral slip (anterolisthesis or retrolisthesis) of any grade. Set to "
        "true when only imaging_spondylolisthesis_grade is given.",
    )
    imaging_spondylolisthesis_grade: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None,
        title="Imaging: Meyerding grade of the slip (1-5)",
        description="Meyerding grade of the largest slip, a whole number 1-5, when the report gives one "
        "(1 up to 25% of the vertebral body, 2 up to 50%, 3 up to 75%, 4 up to 100%, 5 spondyloptosis). "
        "Implies imaging_spondylolisthesis; given with imaging_spondylolisthesis false it is an error.",
    )
    imaging_pars_defect: bool | None = Field(
        default=None,
        title="Imaging: pars defect",
        description="Spondylolysis: a defect or stress reaction of the pars interarticularis.",
    )
    imaging_degeneration: bool | None = Field(
        default=None,
        title="Imaging: degeneration",
        description="Disc degeneration or facet arthropathy.",
    )
    imaging_fracture: bool | None = Field(
        default=None,
        title="Imaging: fracture",
        description="A vertebral or sacral fracture (including insufficiency fractures).",
    )
    imaging_neoplasm: bool | None = Field(
        default=None,
        title="Imaging: neoplasm",
        description="A lesion suspicious for tumour or metastasis in the spine, sacrum, pelvis or along the "
        "nerve.",
    )
    imaging_infection: bool | None = Field(
        default=None,
        title="Imaging: infection",
        description="Discitis, vertebral osteomyelitis, or an epidural, paraspinal or psoas abscess.",
    )
    imaging_hip_osteoarthritis: bool | None = Field(
        default=None,
        title="Imaging: hip osteoarthritis",
        description="Hip radiograph or MRI shows osteoarthritis or avascular necrosis of the hip.",
    )
    imaging_piriformis_abnormal: bool | None = Field(
        default=None,
        title="Imaging: piriformis abnormality",
        description="Pelvic MRI or neurography shows piriformis hypertrophy, accessory piriformis bundles or "
        "fibrous bands, an anomalous course of the sciatic nerve through the piriformis, or sciatic nerve "
        "signal change at the sciatic notch.",
    )
    imaging_arterial_occlusion: bool | None = Field(
        default=None,
        title="Imaging: arterial occlusion",
        description="Duplex ultrasound, CT or MR angiography shows significant aorto-iliac or femoral "
        "arterial stenosis or occlusion.",
    )
    ankle_brachial_index: Annotated[float, Field(ge=0, le=2)] | None = Field(
        default=None,
        title="Ankle-brachial index (ratio, 0-2)",
        description="Resting ankle-brachial index on the symptomatic side, a ratio of systolic pressures "
        "from 0 to 2 (0.90 or less indicates peripheral arterial disease).",
    )
    inflammatory_markers_raised: bool | None = Field(
        default=None,
        title="Inflammatory markers raised",
        description="Raised ESR or CRP.",
    )

    @model_validator(mode="before")
    @classmethod
    def _grade_implies_slip(cls, data: object) -> object:
        """A graded slip is a slip: the grade sets ``imaging_spondylolisthesis`` when it is not given."""
        if isinstance(data, Mapping) and data.get(SLIP_GRADE) is not None and data.get(SLIP) is None:
            return {**data, SLIP: True}
        return data

    @field_validator(SLIP_GRADE)
    @classmethod
    def _grade_needs_slip(cls, grade: int | None, info: ValidationInfo) -> int | None:
        if grade is not None and info.data.get(SLIP) is False:
            raise PydanticCustomError(
                "contradiction",
                "a Meyerding grade means a slip was seen, but imaging_spondylolisthesis is false; "
                "correct one of the two",
            )
        return grade
