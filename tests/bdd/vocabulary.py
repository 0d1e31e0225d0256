"""The clinical vocabulary of ``features/``: the sentences a clinician writes, and the findings they mean.

Every Given line of a scenario is one clinical note, such as "she has saddle anaesthesia", "the
straight-leg-raise test is negative" or "the reflexes were not examined". :func:`translate` turns one
note into the case attributes it records (names of case-format.md); ``None`` records that a finding was
not examined (or age or sex not recorded), which the case leaves out. A sentence the vocabulary does not
know is an error that suggests the closest sentence it does know.

The step definitions (``conftest.py``) and the coverage test (``tests/bdd/test_coverage.py``) both use
:func:`translate`, so the case the engine receives is exactly the case the coverage test reasons about.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

Value = bool | str | int | float | None
Note = Mapping[str, Value]
"""Case attributes recorded by one sentence: finding names, ``age`` or ``sex``; ``None`` = not examined."""

NOT_EXAMINED = "not examined"

PRESENT_ABSENT: Mapping[str, str] = MappingProxyType(
    {
        "pain below the knee": "pain_below_knee",
        "leg pain that is worse on coughing or sneezing": "worse_cough_sneeze",
        "pain on lumbar extension": "worse_extension",
        "deep buttock pain": "buttock_pain_deep",
        "tenderness over the sciatic notch": "sciatic_notch_tenderness",
        "pain on internal rotation of the hip": "pain_hip_internal_rotation",
        "palpable step between the lumbar spinous processes": "step_off_palpable",
        "marked hamstring tightness": "hamstring_tightness",
        "numbness in a dermatome": "dermatomal_numbness",
        "weakness in a myotome": "myotomal_weakness",
        "leg weakness that is getting worse": "progressive_weakness",
        "neurogenic claudication": "neurogenic_claudication",
        "saddle anaesthesia": "saddle_anaesthesia",
        "urinary retention": "urinary_retention",
        "new urinary incontinence": "urinary_incontinence",
        "new faecal incontinence": "faecal_incontinence",
        "reduced anal tone": "reduced_anal_tone",
        "new sexual dysfunction": "sexual_dysfunction",
        "sciatica in both legs": "bilateral_sciatica",
        "fever": "fever",
        "history of cancer": "cancer_history",
        "unexplained weight loss": "weight_loss",
        "significant trauma before the pain began": "trauma",
        "osteoporosis or long-term corticosteroid use": "osteoporosis",
        "pain in the groin": "groin_pain",
        "pain at night or at rest": "night_pain",
        "previous lumbar spine surgery": "previous_spinal_surgery",
        "vesicular rash in a dermatome": "dermatomal_rash",
        "disc herniation on imaging": "imaging_disc_herniation",
        "nerve-root compression on imaging": "imaging_root_compression",
        "cauda equina compression on imaging": "imaging_cauda_equina_compression",
        "foraminal narrowing on imaging": "imaging_foraminal_stenosis",
        "slip on imaging": "imaging_spondylolisthesis",
        "pars defect on imaging": "imaging_pars_defect",
        "degeneration on imaging": "imaging_degeneration",
        "fracture on imaging": "imaging_fracture",
        "lesion suspicious for tumour on imaging": "imaging_neoplasm",
        "infection on imaging": "imaging_infection",
        "hip osteoarthritis on imaging": "imaging_hip_osteoarthritis",
        "piriformis abnormality on pelvic imaging": "imaging_piriformis_abnormal",
        "arterial occlusion on angiography": "imaging_arterial_occlusion",
        "raised inflammatory markers": "inflammatory_markers_raised",
    }
)
"""Findings written as a noun phrase: "she has X", "there is no X", "X was not examined"."""

TESTS: Mapping[str, str] = MappingProxyType(
    {
        "straight-leg-raise test": "slr",
        "crossed straight-leg-raise test": "crossed_slr",
        "slump test": "slump",
        "FAIR test": "fair_test",
        "femoral nerve stretch test": "femoral_stretch",
        "sacroiliac provocation test": "sacroiliac_provocation",
    }
)
"""Examination tests: "the X is positive", "the X is negative", "the X was not done"."""

STATEMENTS: Mapping[str, Note] = MappingProxyType(
    {
        "the pain is in one leg only": {"pain_distribution": "unilateral"},
        "the pain is in both legs": {"pain_distribution": "bilateral"},
        "the pain alternates between the legs": {"pain_distribution": "alternating"},
        "which legs the pain reaches was not recorded": {"pain_distribution": None},
        "the back pain is worse than the leg pain": {"back_pain_predominant": True},
        "the leg pain is worse than the back pain": {"back_pain_predominant": False},
        "whether the back or the leg hurts more was not asked": {"back_pain_predominant": None},
        "sitting eases the leg pain": {"relief_sitting": True},
        "sitting does not ease the leg pain": {"relief_sitting": False},
        "whether sitting eases the leg pain was not asked": {"relief_sitting": None},
        "leaning forward eases the pain": {"relief_leaning_forward": True},
        "leaning forward does not ease the pain": {"relief_leaning_forward": False},
        "whether leaning forward eases the pain was not asked": {"relief_leaning_forward": None},
        "sitting makes the pain worse": {"worse_sitting": True},
        "sitting does not make the pain worse": {"worse_sitting": False},
        "whether sitting makes the pain worse was not asked": {"worse_sitting": None},
        "standing still eases the leg pain of walking": {"pain_relief_standing_still": True},
        "standing still does not ease the leg pain of walking": {"pain_relief_standing_still": False},
        "whether standing still eases the leg pain was not asked": {"pain_relief_standing_still": None},
        "the foot pulses are reduced": {"pedal_pulses_reduced": True},
        "the foot pulses are normal": {"pedal_pulses_reduced": False},
        "the foot pulses were not checked": {"pedal_pulses_reduced": None},
        "the ankle reflex is reduced": {"reflex_change": "ankle_reduced"},
        "the knee reflex is reduced": {"reflex_change": "knee_reduced"},
        "both ankle reflexes are absent": {"reflex_change": "ankle_absent_bilateral"},
        "the reflexes are brisk": {"reflex_change": "hyperreflexia"},
        "the reflexes are normal": {"reflex_change": "none"},
        "the reflexes were not examined": {"reflex_change": None},
        "the straight-leg-raise angle was not recorded": {"slr_angle_deg": None},
        "how long the symptoms have lasted was not recorded": {"symptom_duration_weeks": None},
        "the patient's sex was not recorded": {"sex": None},
        "imaging shows severe canal stenosis": {"imaging_canal_stenosis": "severe"},
        "imaging shows moderate canal stenosis": {"imaging_canal_stenosis": "moderate"},
        "imaging shows mild canal stenosis": {"imaging_canal_stenosis": "mild"},
        "imaging shows canal stenosis without a grade": {"imaging_canal_stenosis": "present"},
        "imaging shows no canal stenosis": {"imaging_canal_stenosis": "none"},
        "canal stenosis on imaging was not reported": {"imaging_canal_stenosis": None},
        "the grade of the slip was not reported": {"imaging_spondylolisthesis_grade": None},
        "the ankle-brachial index was not measured": {"ankle_brachial_index": None},
    }
)
"""Findings best written as a whole sentence."""

PRESENTATIONS: Mapping[str, Note] = MappingProxyType(
    {
        "pain in both legs on walking that eases when sitting": {
            "pain_distribution": "bilateral",
            "neurogenic_claudication": True,
            "relief_sitting": True,
        },
        "pain in both legs on walking": {"pain_distribution": "bilateral", "neurogenic_claudication": True},
        "pain in both legs": {"pain_distribution": "bilateral"},
        "pain in one leg": {"pain_distribution": "unilateral"},
        "sciatica down one leg": {"pain_distribution": "unilateral", "pain_below_knee": True},
        "back pain": {},
    }
)
"""What "a 72-year-old with ..." presents with. A noun phrase of :data:`PRESENT_ABSENT` also fits there."""

SEXES: Mapping[str, str] = MappingProxyType({"woman": "female", "man": "male"})

CONDITIONS: Mapping[str, str] = MappingProxyType(
    {
        "cauda equina syndrome": "cauda_equina",
        "disc herniation": "disc_herniation",
        "spinal stenosis": "spinal_stenosis",
        "piriformis syndrome": "piriformis_syndrome",
        "spondylolisthesis": "spondylolisthesis",
        "degenerative disc or facet disease": "degenerative_disc_disease",
        "non-specific low back pain": "nonspecific_low_back_pain",
        "vascular claudication": "vascular_claudication",
        "hip osteoarthritis": "hip_osteoarthritis",
        "spinal infection": "spinal_infection",
        "spinal tumour": "spinal_tumour",
        "vertebral fracture": "vertebral_fracture",
        "another cause": "other",
    }
)
"""The names Then steps use for the diagnoses of the ruleset."""


def alternatives(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of the phrases, longest first so none hides a longer one."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


_NOUN = alternatives(PRESENT_ABSENT)
_TEST = alternatives(TESTS)
_SUBJECT = r"(?:she|he|the patient)"
_NUMBER = r"\d+(?:\.\d+)?"
_ARTICLE = r"(?:an? )?"
_PRESENTATION = alternatives([*PRESENTATIONS, *PRESENT_ABSENT])


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _presentation(phrase: str | None) -> Note:
    if phrase is None:
        return {}
    if phrase in PRESENTATIONS:
        return PRESENTATIONS[phrase]
    return {PRESENT_ABSENT[phrase]: True}


def _introduce(match: re.Match[str]) -> Note:
    groups = match.groupdict()
    age, sex = groups.get("age"), groups["sex"]
    intro: dict[str, Value] = {"age": int(age) if age is not None else None}
    if sex in SEXES:
        intro["sex"] = SEXES[sex]
    return {**intro, **_presentation(groups.get("presentation"))}


@dataclass(frozen=True)
class Form:
    """One way of writing a note: a sentence pattern and what a sentence of that pattern records."""

    pattern: re.Pattern[str]
    meaning: Callable[[re.Match[str]], Note]
    example: str


FORMS: tuple[Form, ...] = (
    Form(
        re.compile(
            rf"an? (?P<age>\d+)-year-old(?: (?P<sex>woman|man))?(?: with (?P<presentation>{_PRESENTATION}))?"
        ),
        _introduce,
        "a 72-year-old woman with pain in both legs on walking that eases when sitting",
    ),
    Form(
        re.compile(r"an? (?P<sex>woman|man|patient) whose age was not recorded"),
        _introduce,
        "a woman whose age was not recorded",
    ),
    Form(
        re.compile(rf"(?:{_SUBJECT} (?:has|reports)|there (?:is|are|was)) {_ARTICLE}(?P<finding>{_NOUN})"),
        lambda m: {PRESENT_ABSENT[m["finding"]]: True},
        "she has saddle anaesthesia",
    ),
    Form(
        re.compile(rf"(?:{_SUBJECT} (?:has no|denies)|there (?:is|are|was|were) no) (?P<finding>{_NOUN})"),
        lambda m: {PRESENT_ABSENT[m["finding"]]: False},
        "there is no saddle anaesthesia",
    ),
    Form(
        re.compile(
            rf"{_ARTICLE}(?P<finding>{_NOUN}) (?:was|were) not "
            r"(?:examined|asked about|checked|recorded|looked for)"
        ),
        lambda m: {PRESENT_ABSENT[m["finding"]]: None},
        "saddle anaesthesia was not examined",
    ),
    Form(
        re.compile(rf"the (?P<test>{_TEST}) is (?P<result>positive|negative)"),
        lambda m: {TESTS[m["test"]]: m["result"]},
        "the straight-leg-raise test is negative",
    ),
    Form(
        re.compile(rf"the (?P<test>{_TEST}) was not done"),
        lambda m: {TESTS[m["test"]]: None},
        "the straight-leg-raise test was not done",
    ),
    Form(
        re.compile(rf"the straight-leg raise reproduced the leg pain at (?P<degrees>{_NUMBER}) degrees"),
        lambda m: {"slr_angle_deg": _number(m["degrees"])},
        "the straight-leg raise reproduced the leg pain at 40 degrees",
    ),
    Form(
        re.compile(rf"the symptoms have lasted (?P<weeks>{_NUMBER}) weeks"),
        lambda m: {"symptom_duration_weeks": _number(m["weeks"])},
        "the symptoms have lasted 30 weeks",
    ),
    Form(
        re.compile(r"the slip is Meyerding grade (?P<grade>[1-5])"),
        lambda m: {"imaging_spondylolisthesis_grade": int(m["grade"])},
        "the slip is Meyerding grade 2",
    ),
    Form(
        re.compile(rf"the ankle-brachial index is (?P<index>{_NUMBER})"),
        lambda m: {"ankle_brachial_index": _number(m["index"])},
        "the ankle-brachial index is 0.7",
    ),
    Form(
        re.compile(rf"(?P<statement>{alternatives(STATEMENTS)})"),
        lambda m: STATEMENTS[m["statement"]],
        "sitting eases the leg pain",
    ),
)
"""Every way a Given line may be written."""


class UnknownNoteError(ValueError):
    """A Given line that the clinical vocabulary cannot read."""


def _known_sentences() -> list[str]:
    nouns = list(PRESENT_ABSENT)
    return [
        *(f"she has {noun}" for noun in nouns),
        *(f"there is no {noun}" for noun in nouns),
        *(f"{noun} was not examined" for noun in nouns),
        *(f"the {test} is positive" for test in TESTS),
        *(f"the {test} was not done" for test in TESTS),
        *STATEMENTS,
        *(form.example for form in FORMS),
    ]


def translate(sentence: str) -> Note:
    """The case attributes one Given line records. Raises :class:`UnknownNoteError` for any other sentence."""
    meanings = [form.meaning(match) for form in FORMS if (match := form.pattern.fullmatch(sentence))]
    if len(meanings) == 1:
        return meanings[0]
    if meanings:
        raise UnknownNoteError(
            f"{sentence!r} can be read in {len(meanings)} ways; the vocabulary is ambiguous"
        )
    close = difflib.get_close_matches(sentence, _known_sentences(), n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UnknownNoteError(
        f"the clinical vocabulary (tests/bdd/vocabulary.py) does not know {sentence!r}{hint}"
    )
