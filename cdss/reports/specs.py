"""The traceability report: every rule, the scenarios in ``features/`` that specify it, and their last result.

``cdss specs report --cucumber reports/cucumber.json --out reports/specs.md`` reads the Cucumber JSON that
pytest-bdd writes (``pytest --cucumberjson=...``) and the ruleset, and writes a Markdown page: the rules
lacking coverage first, then for each rule its statement, source and strength, and its scenarios.

The convention it relies on is the one ``features/`` follows: a scenario is tagged with the ids of the
rules it specifies (``@LSS-006``), and says which way each one goes with a Then line
"rule LSS-006 is part of the basis" (the rule fired) or "rule LSS-006 is not part of the basis" (it did
not). A rule is covered when a passing scenario shows it firing and another shows it not firing.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cdss.errors import CdssError
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Rule, Ruleset

RULE_ID = r"[A-Z]{2,6}-[0-9]{3}"
RULE_TAG = re.compile(rf"@?(?P<rule>{RULE_ID})")
BASIS_STEP = re.compile(rf"rule (?P<rule>{RULE_ID}) is (?P<negation>not )?part of the basis")
"""The Then line that says whether a rule fired: "rule LSS-006 is part of the basis" / "... is not ..."."""

Status = Literal["passed", "failed", "skipped"]
_SEVERITY: Mapping[Status, int] = {"passed": 0, "skipped": 1, "failed": 2}
Direction = Literal["fires", "does not fire"]
DIRECTIONS: tuple[Direction, ...] = ("fires", "does not fire")


class SpecsReportError(CdssError):
    """The Cucumber JSON file cannot be read as pytest-bdd's output."""


def basis_claims(step_names: Iterable[str]) -> dict[str, Direction]:
    """Which rules the steps say fired or did not fire, by rule id."""
    claims: dict[str, Direction] = {}
    for name in step_names:
        match = BASIS_STEP.fullmatch(name)
        if match:
            claims[match["rule"]] = "does not fire" if match["negation"] else "fires"
    return claims


@dataclass
class ScenarioResult:
    """One scenario (or one row of a scenario outline), merged over every run of it in the Cucumber file."""

    feature: str
    name: str
    line: int
    tags: frozenset[str]
    claims: Mapping[str, Direction]
    status: Status
    steps: int
    runs: int = 1

    @property
    def where(self) -> str:
        return f"{self.feature}:{self.line}"

    def merge(self, other: ScenarioResult) -> None:
        if _SEVERITY[other.status] > _SEVERITY[self.status]:
            self.status = other.status
        self.runs += other.runs


def _status(steps: Sequence[Mapping[str, object]]) -> Status:
    """A scenario passed when every step passed; any other outcome than passed or skipped is a failure."""
    statuses = {str(_mapping(step.get("result")).get("status", "skipped")) for step in steps}
    if not statuses - {"passed"} and statuses:
        return "passed"
    if not statuses - {"passed", "skipped"}:
        return "skipped"
    return "failed"


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def _line(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _list(value: object) -> list[Mapping[str, object]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _scenario(feature: Mapping[str, object], element: Mapping[str, object]) -> ScenarioResult:
    steps = _list(element.get("steps"))
    tags = frozenset(str(tag.get("name", "")).lstrip("@") for tag in _list(element.get("tags")))
    return ScenarioResult(
        feature=str(feature.get("uri", "?")),
        name=str(element.get("name", "")),
        line=_line(element.get("line")),
        tags=tags,
        claims=basis_claims(str(step.get("name", "")) for step in steps),
        status=_status(steps),
        steps=len(steps),
    )


def read_cucumber(path: Path) -> list[ScenarioResult]:
    """The scenarios of a Cucumber JSON file; runs of one scenario row are merged, the worst result kept."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpecsReportError(f"{path}: not a Cucumber JSON file ({error})") from None
    if not isinstance(features, list):
        raise SpecsReportError(f"{path}: not a Cucumber JSON file (expected a list of features)")
    merged: dict[tuple[str, int, str, str], ScenarioResult] = {}
    for feature in _list(features):
        for element in _list(feature.get("elements")):
            result = _scenario(feature, element)
            key = (result.feature, result.line, str(element.get("id", "")), result.name)
            if key in merged:
                merged[key].merge(result)
            else:
                merged[key] = result
    return list(merged.values())


@dataclass
class RuleCoverage:
    """The scenarios that specify one rule, and what is missing."""

    rule: Rule
    scenarios: list[ScenarioResult] = field(default_factory=list)

    def passing(self, direction: Direction) -> bool:
        return any(s.status == "passed" and s.claims.get(self.rule.id) == direction for s in self.scenarios)

    @property
    def missing(self) -> list[str]:
        if not self.scenarios:
            return ["no scenario"]
        return [f"no passing scenario where it {d}" for d in DIRECTIONS if not self.passing(d)]


def coverage(ruleset: Ruleset, scenarios: Iterable[ScenarioResult]) -> list[RuleCoverage]:
    """Each rule of the ruleset with the scenarios tagged with its id that say whether it fired."""
    by_rule = {rule.id: RuleCoverage(rule) for rule in ruleset.rules}
    for scenario in scenarios:
        for tag in sorted(scenario.tags & by_rule.keys()):
            if tag in scenario.claims:
                by_rule[tag].scenarios.append(scenario)
    return list(by_rule.values())


def unknown_tags(ruleset: Ruleset, scenarios: Iterable[ScenarioResult]) -> list[tuple[str, ScenarioResult]]:
    """Tags shaped like a rule id that name no rule of the ruleset, once per tag and scenario line."""
    found: dict[tuple[str, str], tuple[str, ScenarioResult]] = {}
    for scenario in scenarios:
        for tag in sorted(scenario.tags):
            if RULE_TAG.fullmatch(tag) and tag not in ruleset.rule_by_id:
                found.setdefault((tag, scenario.where), (tag, scenario))
    return list(found.values())


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _summary(
    ruleset: Ruleset, rules: Sequence[RuleCoverage], scenarios: Sequence[ScenarioResult]
) -> Iterator[str]:
    info = ruleset.info
    lacking = sum(1 for r in rules if r.missing)
    counts = {
        status: sum(1 for s in scenarios if s.status == status) for status in ("passed", "failed", "skipped")
    }
    yield f"# Specification of {info.name} {info.version}"
    yield ""
    yield f"Ruleset sha256 `{ruleset.sha256}`. Scenarios from `features/`, results from pytest-bdd."
    yield ""
    yield (
        f"**{len(rules)} rules**: {len(rules) - lacking} covered both ways, {lacking} lacking coverage. "
        f"**{len(scenarios)} scenarios** (outline rows counted one by one, {sum(s.steps for s in scenarios)} "
        f"steps): {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped."
    )
    yield ""


def _lacking(rules: Sequence[RuleCoverage], unknown: Sequence[tuple[str, ScenarioResult]]) -> Iterator[str]:
    yield "## Rules lacking coverage"
    yield ""
    missing = [r for r in rules if r.missing]
    if not missing:
        yield "None: every rule has a passing scenario where it fires and one where it does not."
    else:
        yield "| Rule | Statement | Missing |"
        yield "|---|---|---|"
        for r in missing:
            gaps = "; ".join(r.missing)
            yield f"| [{r.rule.id}](#{r.rule.id.lower()}) | {_cell(r.rule.statement)} | {gaps} |"
    yield ""
    if unknown:
        yield "## Tags that name no rule"
        yield ""
        for tag, scenario in unknown:
            yield f'- `@{tag}` on "{_cell(scenario.name)}" ({scenario.where})'
        yield ""


def _failing(scenarios: Sequence[ScenarioResult]) -> Iterator[str]:
    failing = [s for s in scenarios if s.status == "failed"]
    if failing:
        yield "## Failing scenarios"
        yield ""
        for scenario in failing:
            yield f"- {_cell(scenario.name)} ({scenario.where})"
        yield ""


def _rule_section(entry: RuleCoverage) -> Iterator[str]:
    rule = entry.rule
    yield f"### {rule.id}"
    yield ""
    yield _cell(rule.statement)
    yield ""
    yield f"- Topic: {rule.topic}; file `{rule.file}`, version {rule.version}"
    yield f"- Source: {_cell(rule.source)}"
    yield f"- Strength: {rule.strength}"
    yield ""
    if not entry.scenarios:
        yield "No scenario says whether this rule fires."
        yield ""
        return
    yield "| Scenario | Where | The rule | Last result |"
    yield "|---|---|---|---|"
    for scenario in entry.scenarios:
        claim = scenario.claims[rule.id]
        runs = f" ({scenario.runs} runs)" if scenario.runs > 1 else ""
        yield f"| {_cell(scenario.name)} | {scenario.where} | {claim} | {scenario.status}{runs} |"
    yield ""


def render_report(ruleset: Ruleset, scenarios: Sequence[ScenarioResult]) -> str:
    """The Markdown report: summary, rules lacking coverage, failing scenarios, then every rule."""
    rules = coverage(ruleset, scenarios)
    lines = [
        *_summary(ruleset, rules, scenarios),
        *_lacking(rules, unknown_tags(ruleset, scenarios)),
        *_failing(scenarios),
        "## Rules",
        "",
    ]
    for entry in rules:
        lines.extend(_rule_section(entry))
    return "\n".join(lines).rstrip() + "\n"


def _report(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.ruleset)
    text = render_report(ruleset, read_cucumber(Path(args.cucumber)))
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def add_specs_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``cdss specs report`` to the command line's subcommands."""
    specs = commands.add_parser("specs", help="traceability of the rules to the scenarios in features/")
    actions = specs.add_subparsers(dest="specs_command", required=True, metavar="SUBCOMMAND")
    report = actions.add_parser(
        "report",
        help="build a Markdown page from pytest-bdd's Cucumber JSON: each rule, its scenarios, their result",
    )
    report.add_argument(
        "--cucumber", required=True, metavar="FILE", help="Cucumber JSON from pytest --cucumberjson"
    )
    report.add_argument(
        "--out", metavar="FILE", help="where to write the Markdown (default: standard output)"
    )
    report.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    report.set_defaults(run=_report)
