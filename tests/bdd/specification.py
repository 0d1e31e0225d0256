"""Reading ``features/`` as data, without running it: every scenario, and every row of every outline.

Built on pytest-bdd's own Gherkin reader, so a file reads here exactly as pytest-bdd reads it. Unlike
pytest-bdd, this keeps scenarios that share a name (pytest-bdd silently runs only the last one), so the
coverage test can refuse them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pytest_bdd.gherkin_parser import Background, Feature, Rule, Scenario, Tag, get_gherkin_document
from pytest_bdd.gherkin_parser import Step as GherkinStep
from pytest_bdd.parser import render_string

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"

StepKind = Literal["given", "when", "then"]
_KINDS: dict[str, StepKind] = {"Context": "given", "Action": "when", "Outcome": "then"}


@dataclass(frozen=True)
class Step:
    kind: StepKind
    text: str
    line: int


@dataclass(frozen=True)
class ExamplesTable:
    """An Examples table of a scenario outline: its header and rows of cells."""

    where: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ScenarioRun:
    """One scenario, or one row of a scenario outline, with its background steps and placeholders filled."""

    feature: str
    name: str
    line: int
    scenario_line: int
    tags: frozenset[str]
    steps: tuple[Step, ...]

    @property
    def where(self) -> str:
        return f"{self.feature}:{self.line}"

    def texts(self, kind: StepKind) -> list[str]:
        return [step.text for step in self.steps if step.kind == kind]


@dataclass(frozen=True)
class FeatureFile:
    """What one feature file holds, as the coverage test needs it."""

    path: str
    runs: tuple[ScenarioRun, ...]
    scenario_names: tuple[tuple[str, int], ...]
    misplaced_tags: tuple[str, ...]
    examples: tuple[ExamplesTable, ...]
    prose: tuple[tuple[str, str], ...]
    """Every text a reader sees (names, descriptions, steps as written, table cells), with where it is."""
    background_kinds: tuple[tuple[str, StepKind], ...]
    """The kind of every Background step, with where it is."""


def _steps(steps: Sequence[GherkinStep], context: dict[str, str] | None = None) -> Iterator[Step]:
    kind: StepKind = "given"
    for step in steps:
        kind = _KINDS.get(step.keyword_type, kind)
        yield Step(kind, render_string(step.text, context or {}), step.location.line)


def _tag_names(tags: Sequence[Tag]) -> frozenset[str]:
    return frozenset(tag.name.lstrip("@") for tag in tags)


class _Reader:
    """Collects what one feature file holds while walking its Gherkin document."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.runs: list[ScenarioRun] = []
        self.names: list[tuple[str, int]] = []
        self.misplaced: list[str] = []
        self.examples: list[ExamplesTable] = []
        self.prose: list[tuple[str, str]] = []
        self.background_kinds: list[tuple[str, StepKind]] = []

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def misplace(self, tags: Sequence[Tag], what: str) -> None:
        self.misplaced.extend(
            f"@{t.name.lstrip('@')} on {what} at {self.where(t.location.line)}" for t in tags
        )

    def text(self, line: int, *texts: str) -> None:
        self.prose.extend((self.where(line), text) for text in texts if text.strip())

    def feature(self, feature: Feature) -> None:
        self.misplace(feature.tags, "the feature")
        self.text(feature.location.line, feature.name, feature.description)
        background: Background | None = None
        for child in feature.children:
            if child.background:
                background = child.background
                self.background(child.background)
            if child.rule:
                self.rule(child.rule, background)
            if child.scenario:
                self.scenario(child.scenario, [background])

    def rule(self, rule: Rule, feature_background: Background | None) -> None:
        self.misplace(rule.tags, f"the rule {rule.name!r}")
        self.text(rule.location.line, rule.name, rule.description)
        backgrounds = [feature_background]
        for child in rule.children:
            if child.background:
                backgrounds.append(child.background)
                self.background(child.background)
            if child.scenario:
                self.scenario(child.scenario, backgrounds)

    def background(self, background: Background) -> None:
        for step in background.steps:
            self.text(step.location.line, step.text)
        self.background_kinds.extend((self.where(step.line), step.kind) for step in _steps(background.steps))

    def scenario(self, scenario: Scenario, backgrounds: Sequence[Background | None]) -> None:
        self.names.append((scenario.name, scenario.location.line))
        self.text(scenario.location.line, scenario.name, scenario.description)
        for step in scenario.steps:
            self.text(step.location.line, step.text)
        background_steps = [step for b in backgrounds if b is not None for step in b.steps]
        tags = _tag_names(scenario.tags)
        contexts: list[tuple[int, dict[str, str]]] = [(scenario.location.line, {})]
        if scenario.examples:
            contexts = list(self.outline_rows(scenario))
        for line, context in contexts:
            steps = tuple(_steps([*background_steps, *scenario.steps], context))
            name = render_string(scenario.name, context)
            self.runs.append(ScenarioRun(self.path, name, line, scenario.location.line, tags, steps))

    def outline_rows(self, scenario: Scenario) -> Iterator[tuple[int, dict[str, str]]]:
        for examples in scenario.examples:
            self.misplace(examples.tags, "an Examples table")
            header = (
                tuple(cell.value for cell in examples.table_header.cells) if examples.table_header else ()
            )
            rows = tuple(tuple(cell.value for cell in row.cells) for row in examples.table_body or [])
            self.examples.append(ExamplesTable(self.where(examples.location.line), header, rows))
            self.text(examples.location.line, examples.name or "", *header)
            for row, cells in zip(examples.table_body or [], rows, strict=True):
                self.text(row.location.line, *cells)
                yield row.location.line, dict(zip(header, cells, strict=True))


def read_feature(path: Path) -> FeatureFile:
    """Read one feature file. Gherkin syntax errors are raised as pytest-bdd raises them."""
    relative = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    reader = _Reader(relative)
    reader.feature(get_gherkin_document(str(path)).feature)
    return FeatureFile(
        path=relative,
        runs=tuple(reader.runs),
        scenario_names=tuple(reader.names),
        misplaced_tags=tuple(reader.misplaced),
        examples=tuple(reader.examples),
        prose=tuple(reader.prose),
        background_kinds=tuple(reader.background_kinds),
    )


def read_features(directory: Path = FEATURES) -> tuple[FeatureFile, ...]:
    """Every ``*.feature`` file under the directory, in name order."""
    return tuple(read_feature(path) for path in sorted(directory.rglob("*.feature")))
