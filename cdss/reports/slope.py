"""``cdss calibrate``: fit the ruleset's calibration slope on a labelled case series of one setting.

The slope multiplies every rule's tempered log-likelihood (never the priors): below 1 the evidence weighs
less against the case mix, above 1 more. It is one number for the whole ruleset, whose settings share the
likelihoods it corrects; the series is scored with the priors of the setting its patients come from. It
is the one number of the model fitted to cases rather than taken from a published figure (reasoning.md
L7: a one-parameter calibration slope, after Van Calster), so it is fitted in the open: every case of the
series is evaluated once with its investigations removed and once with them (the two situations of
``cdss validate``), and for each slope on a grid the mean log-loss of the probability given to the
expected class (six classes, a mimic counting as ``other``) is printed; the slope with the least is the
fit. The rules that fire do not depend on the slope, so each case is matched once and only scored again
per slope.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cdss.case.findings import diagnosis_class
from cdss.case.validate import validate_case
from cdss.engine.engine import Engine
from cdss.engine.scoring import Scorer
from cdss.errors import CdssError
from cdss.reports.series import VARIANTS, prepared
from cdss.rules.case_mix import AgeBand
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

GRID = tuple(k / 4 for k in range(2, 21))
"""The slopes tried: 0.5 to 5 in steps of 0.25."""
FLOOR = 1e-12
"""The least probability a log-loss is taken of (a probability of 0 would make it infinite)."""


@dataclass(frozen=True)
class Labelled:
    """What one evaluated case gives the fit: its fired rules, its age band and its expected class."""

    fired: frozenset[str]
    band: AgeBand | None
    expected: str


@dataclass(frozen=True)
class Fit:
    """Mean log-loss per slope on one series and setting, and the slope with the least."""

    setting: str
    current: float
    cases: int
    losses: tuple[tuple[float, float], ...]

    @property
    def best(self) -> float:
        """The slope of least mean log-loss; between equals, the one nearest 1."""
        return min(self.losses, key=lambda pair: (pair[1], abs(pair[0] - 1.0)))[0]

    def text(self) -> str:
        lines = [
            f"Calibration slope for {self.setting}: mean log-loss of the expected class (six classes) over "
            f"{self.cases} evaluations (each case findings only and with investigations)",
            "slope   log-loss",
        ]
        for slope, loss in self.losses:
            marks = " <- least" if slope == self.best else ""
            marks += " (the ruleset's now)" if slope == self.current else ""
            lines.append(f"{slope:5.2f}   {loss:.4f}{marks}")
        lines.append(f"fitted slope: {self.best:g} (the ruleset's now: {self.current:g})")
        return "\n".join(lines)


def labelled_cases(engine: Engine, lines: Sequence[str]) -> list[Labelled]:
    """Every labelled case of the series, once per variant; a case that is not valid is a clear error."""
    found: list[Labelled] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        for investigations in VARIANTS.values():
            try:
                data = json.loads(prepared(line, investigations=investigations))
            except ValueError as error:
                raise ValueError(f"line {number}: not JSON ({error})") from None
            case = validate_case(data, label=f"line {number}")
            if case.expected is None:
                continue
            fired = frozenset(engine.conclude(case).fired_rules)
            band = engine.ruleset.case_mix.band(case.age)
            found.append(Labelled(fired, band, diagnosis_class(case.expected)))
    return found


def fit_slope(ruleset: Ruleset, lines: Sequence[str], setting: str, grid: Sequence[float] = GRID) -> Fit:
    """The mean log-loss of each slope of the grid on the series' labelled cases, in one setting."""
    with Engine(ruleset, setting=setting) as engine:
        cases = labelled_cases(engine, lines)
    if not cases:
        raise ValueError("the series has no case with an expected diagnosis")
    losses = []
    for slope in grid:
        scorer = Scorer(ruleset, setting, slope=slope)
        total = 0.0
        for case in cases:
            probabilities = scorer.standing(case.fired, case.band).probabilities
            given = math.fsum(p for c, p in probabilities.items() if diagnosis_class(c) == case.expected)
            total -= math.log(max(given, FLOOR))
        losses.append((slope, total / len(cases)))
    current = ruleset.info.slope
    return Fit(setting, current, len(cases), tuple(losses))


def _calibrate(args: argparse.Namespace) -> int:
    """Exit codes as everywhere in cdss: 2 when the series cannot be read (a usage error), 1 when the
    ruleset or setting does not load or a line of the series is not a valid labelled case."""
    path: Path = args.series
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as error:
        print(f"cdss calibrate: {path}: {error}", file=sys.stderr)
        return 2
    try:
        ruleset = load_ruleset(args.ruleset)
        setting = ruleset.case_mix.setting_named(args.setting)
    except CdssError as error:
        print(f"cdss calibrate: {error}", file=sys.stderr)
        return 1
    try:
        print(fit_slope(ruleset, lines, setting).text())
    except (ValueError, CdssError) as error:
        print(f"cdss calibrate: {path}: {error}", file=sys.stderr)
        return 1
    return 0


def add_calibrate_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "calibrate",
        help="fit the ruleset's calibration slope on a labelled case series (mean log-loss per slope)",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    parser.add_argument("series", type=Path, metavar="SERIES", help="a JSON Lines file of labelled cases")
    parser.add_argument(
        "--setting", metavar="NAME", help="the setting of the series' patients (default: the ruleset's)"
    )
    parser.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    parser.set_defaults(run=_calibrate)
