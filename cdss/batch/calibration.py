"""How well the differential's probabilities are calibrated on labelled cases: the Brier score and a
reliability table, over the six classes of the validation figures (a mimic counts as ``other``), and the
accuracy of those six probabilities taken as a classifier of their own.

Each evaluated, labelled case contributes its six class probabilities (the differential's probabilities
summed by class, as :func:`cdss.batch.lines.class_probabilities` gives them) and the class of its
``expected`` label. The Brier score is Brier's original multi-class score: the mean over cases of
sum_k (p_k - o_k)^2, where o_k is 1 for the expected class and 0 otherwise; 0 is perfect, 2 the worst, and
answering 1/6 for every class scores 5/6 = 0.8333. The reliability table pools all six probabilities of
every case into ten bins of width 0.1 and compares, in each bin, the mean probability given with the share
of those probabilities that belonged to the expected class: a calibrated model gives 0.7 to classes that
turn out right 70% of the time. The class top-1 and top-3 rank the six probabilities themselves (ties in
the order of CLASSES): unlike the validation's top-1, which takes the differential's first condition, a
patient given 0.3 for disc herniation and 0.2 each for three mimics is predicted ``other`` here.

Probabilities arrive as whole ten-thousandths, so every sum here is exact and the figures do not depend on
the order in which cases are added.
"""

from __future__ import annotations

import operator

from pydantic import BaseModel, ConfigDict, Field

from cdss.batch.proportion import Proportion
from cdss.case.findings import CLASS_INDEX, CLASSES, diagnosis_class
from cdss.engine.assessment import DECIMALS

BINS = 10
SCALE: int = 10**DECIMALS
DEFINITION = (
    "Brier score: mean over cases of the sum over the six classes of (probability - outcome)^2 (0 is "
    "perfect; 1/6 for every class scores 0.8333). Reliability: the six class probabilities of every case, "
    "pooled in bins of width 0.1; observed is the share of them that belonged to the expected class."
)
_OUT = ConfigDict(extra="forbid", frozen=True)


def _bin_of(units: int) -> int:
    """The bin of a probability in ten-thousandths (1 and above: the last bin), from a table where it can."""
    return _BINS[units] if 0 <= units <= SCALE else min(max(units * BINS // SCALE, 0), BINS - 1)


_BINS = [min(units * BINS // SCALE, BINS - 1) for units in range(SCALE + 1)]


class ReliabilityBin(BaseModel):
    """Class probabilities given in [low, high) (the last bin includes 1) and how often they were right."""

    model_config = _OUT

    low: float
    high: float
    predictions: int = Field(description="Class probabilities that fell in this bin (six per case).")
    mean_predicted: float | None = Field(description="Their mean; null when the bin is empty.")
    observed: float | None = Field(
        description="Share of them given to the expected class; null when the bin is empty."
    )


class Calibration(BaseModel):
    model_config = _OUT

    definition: str
    cases: int = Field(description="Labelled cases with class probabilities.")
    brier: float | None = Field(description="Multi-class Brier score, 0-2; null without cases.")
    reliability: list[ReliabilityBin]
    class_top1: Proportion = Field(
        description="Cases whose expected class has the highest of the six summed class probabilities."
    )
    class_top3: Proportion = Field(
        description="Cases whose expected class is among the three highest summed class probabilities."
    )


class CalibrationTally:
    """Exact integer sums: bounded memory, whatever the number of cases."""

    def __init__(self) -> None:
        self.cases = 0
        self.squared = 0  # sum of squared errors, in units of SCALE**2
        self.predictions = [0] * BINS
        self.predicted = [0] * BINS  # sum of probabilities, in units of 1 / SCALE
        self.hits = [0] * BINS
        self.class_top1 = 0
        self.class_top3 = 0

    def add(self, classes: tuple[int, ...], expected: str) -> None:
        """One case: its six class probabilities (ten-thousandths, in the order of CLASSES), and its label."""
        if len(classes) != len(CLASSES):
            return
        self.cases += 1
        predictions, predicted = self.predictions, self.predicted
        for units in classes:
            bin_index = _bin_of(units)
            predictions[bin_index] += 1
            predicted[bin_index] += units
        index = CLASS_INDEX[diagnosis_class(expected)]
        right = classes[index]
        self.hits[_bin_of(right)] += 1
        # classes before the expected one in CLASSES win a tie with it, the ones after do not
        above = sum(map(right.__le__, classes[:index])) + sum(map(right.__lt__, classes[index + 1 :]))
        self.class_top1 += above == 0
        self.class_top3 += above < 3
        # sum over the classes of (units - outcome)^2, the outcome SCALE for the expected class, else 0
        self.squared += sum(map(operator.mul, classes, classes)) - 2 * SCALE * right + SCALE * SCALE

    def merge(self, later: CalibrationTally) -> None:
        self.cases += later.cases
        self.squared += later.squared
        self.class_top1 += later.class_top1
        self.class_top3 += later.class_top3
        for mine, theirs in ((self.predictions, later.predictions), (self.predicted, later.predicted),
                             (self.hits, later.hits)):  # fmt: skip
            mine[:] = [a + b for a, b in zip(mine, theirs, strict=True)]

    def figures(self) -> Calibration:
        return Calibration(
            definition=DEFINITION,
            cases=self.cases,
            brier=round(self.squared / (self.cases * SCALE * SCALE), 4) if self.cases else None,
            reliability=[self._bin(index) for index in range(BINS)],
            class_top1=Proportion.of(self.class_top1, self.cases),
            class_top3=Proportion.of(self.class_top3, self.cases),
        )

    def _bin(self, index: int) -> ReliabilityBin:
        count = self.predictions[index]
        return ReliabilityBin(
            low=index / BINS,
            high=(index + 1) / BINS,
            predictions=count,
            mean_predicted=round(self.predicted[index] / (count * SCALE), 4) if count else None,
            observed=round(self.hits[index] / count, 4) if count else None,
        )
