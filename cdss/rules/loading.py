"""Reading a ruleset directory and checking everything before any of it reaches the engine.

A ruleset directory holds ``ruleset.yaml`` (name, version, settings), ``diagnoses.yaml`` (conditions with
codes and pre-test probabilities) and ``rules/*.yaml`` (one file per clinical topic). Every problem found
is reported with its file, rule, field and line; loading never stops at the first one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cdss.case.messages import Loc, model_keys, problems
from cdss.errors import RulesetError, RulesetProblem
from cdss.rules import conditions, evaluation, yaml_lines
from cdss.rules.case_mix import CaseMix, Question
from cdss.rules.checks import check_case_mix, check_questions, check_rules
from cdss.rules.conditions import AnyOf, Condition, ConditionError
from cdss.rules.model import (
    CONCLUSION_KEYS,
    CONCLUSION_TAGS,
    Diagnosis,
    Intermediate,
    Rule,
    Ruleset,
    RulesetInfo,
)

_UNREADABLE = object()
"""What :meth:`_Reader.read` returns for a file it could not read or parse (the problem is recorded)."""
_SET_BY_LOADER = frozenset({"matches", "topic", "file", "line"})
INFO_FILE = "ruleset.yaml"
DIAGNOSES_FILE = "diagnoses.yaml"
CASE_MIX_FILE = "case_mix.yaml"
QUESTIONS_FILE = "questions.yaml"
RULES_DIR = "rules"
_TAG_NAMES = frozenset(CONCLUSION_TAGS.values())
M = TypeVar("M", bound=BaseModel)


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    topic: str = Field(min_length=1)
    rules: list[object] = Field(min_length=1)


class _DiagnosesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    diagnoses: list[Diagnosis] = Field(min_length=1)


class _QuestionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    questions: list[Question] = Field(min_length=1)


def bundled_ruleset_dir() -> Path:
    """The ruleset shipped with cdss: inside the installed wheel, or ``rulesets/`` of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "rulesets"
    base = packaged if packaged.is_dir() else package.parent / "rulesets"
    return base / "lumbar"


def _rule_keys(loc: Loc) -> Collection[str]:
    """Keys for suggestions in a rule; a conclusion's keys depend on its kind, named by the tag in ``loc``."""
    if loc and loc[-1] == "then":
        return tuple(key for key, _ in CONCLUSION_KEYS)
    if len(loc) >= 2 and loc[-2] == "then":
        return tuple(next(m for m, tag in CONCLUSION_TAGS.items() if tag == loc[-1]).model_fields)
    return tuple(Rule.model_fields)


class _Reader:
    """Collects problems while reading one ruleset directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[RulesetProblem] = []
        self.digest = hashlib.sha256()
        self.declared: set[str] = set()

    def problem(
        self,
        file: str,
        message: str,
        *,
        rule: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problems.append(RulesetProblem(file=file, problem=message, rule=rule, field=field, line=line))

    def rule_problem(self, rule: Rule, field: str | None, message: str) -> None:
        self.problem(rule.file, message, rule=rule.id, field=field, line=rule.line)

    def read(self, path: Path) -> object:
        name = path.relative_to(self.directory).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as error:
            self.problem(name, f"cannot read: {error.strerror or error}")
            return _UNREADABLE
        self.digest.update(name.encode() + b"\0" + raw + b"\0")
        try:
            return yaml_lines.load(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            self.problem(name, f"not UTF-8 text ({error.reason} at byte {error.start})")
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark else None
            self.problem(name, f"invalid YAML: {error.problem}", line=line)
        return _UNREADABLE

    def validated(self, model: type[M], data: object, file: str) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for item in problems(error, model_keys(model)):
                self.problem(
                    file, item.message, field=item.field or None, line=yaml_lines.line_of(data, item.loc)
                )
        return None

    def rule(self, raw: object, file: str, topic: str) -> Rule | None:
        if not isinstance(raw, Mapping):
            self.problem(file, "each rule must be a mapping", line=getattr(raw, "line", None))
            return None
        rule_id = str(raw.get("id", "?"))
        self.declared.add(rule_id)
        for key in _SET_BY_LOADER & set(raw):
            self.problem(
                file,
                "unknown key (set by the loader, not written)",
                rule=rule_id,
                field=key,
                line=yaml_lines.line_of(raw, (key,)),
            )
        if _SET_BY_LOADER & set(raw):
            return None
        try:
            when = conditions.parse(raw.get("when"))
        except ConditionError as error:
            field = ".".join(str(step) for step in error.path)
            self.problem(
                file, error.problem, rule=rule_id, field=field, line=yaml_lines.line_of(raw, error.path)
            )
            return None
        try:
            line = raw.line if isinstance(raw, yaml_lines.LocatedDict) else None
            return Rule.model_validate(
                {**raw, "when": when, "matches": when, "topic": topic, "file": file, "line": line}
            )
        except ValidationError as error:
            for item in problems(error, _rule_keys):
                loc = _without_tags(item.loc)
                field = ".".join(str(step) for step in loc)
                self.problem(file, item.message, rule=rule_id, field=field, line=yaml_lines.line_of(raw, loc))
        return None


def _without_tags(loc: Loc) -> Loc:
    return tuple(s for i, s in enumerate(loc) if not (i and loc[i - 1] == "then" and s in _TAG_NAMES))


def load_ruleset(directory: str | Path | None = None) -> Ruleset:
    """Load and check a ruleset directory (the bundled one by default). Raises :class:`RulesetError`."""
    root = Path(directory) if directory is not None else bundled_ruleset_dir()
    if not root.is_dir():
        raise RulesetError([RulesetProblem(file=str(root), problem="no such ruleset directory")])
    reader = _Reader(root)
    info = reader.validated(RulesetInfo, reader.read(root / INFO_FILE), INFO_FILE)
    diagnoses_file = reader.validated(_DiagnosesFile, reader.read(root / DIAGNOSES_FILE), DIAGNOSES_FILE)
    rules: list[Rule] = []
    rule_files = sorted((root / RULES_DIR).glob("*.yaml"))
    if not rule_files:
        reader.problem(RULES_DIR, "no rule files (rules/*.yaml)")
    for path in rule_files:
        name = path.relative_to(root).as_posix()
        shape = reader.validated(_RulesFile, reader.read(path), name)
        if shape is not None:
            rules.extend(r for raw in shape.rules if (r := reader.rule(raw, name, shape.topic)) is not None)
    case_mix = reader.validated(CaseMix, reader.read(root / CASE_MIX_FILE), CASE_MIX_FILE)
    questions = reader.validated(_QuestionsFile, reader.read(root / QUESTIONS_FILE), QUESTIONS_FILE)
    if diagnoses_file is not None:
        check_rules(reader.rule_problem, diagnoses_file.diagnoses, rules, reader.declared)
        if info is not None and case_mix is not None:
            check_case_mix(reader.problem, CASE_MIX_FILE, info, diagnoses_file.diagnoses, case_mix)
    if questions is not None:
        check_questions(reader.problem, QUESTIONS_FILE, questions.questions)
    if reader.problems or info is None or diagnoses_file is None or case_mix is None or questions is None:
        raise RulesetError(reader.problems)
    expanded = _expanded(reader, rules)
    if reader.problems:
        raise RulesetError(reader.problems)
    return Ruleset(
        info,
        tuple(diagnoses_file.diagnoses),
        expanded,
        case_mix=case_mix,
        questions=tuple(questions.questions),
        sha256=reader.digest.hexdigest(),
        location=str(root),
    )


class _Expander:
    """Replaces intermediate conclusions by the conditions that conclude them; a cycle is an error."""

    def __init__(self, reader: _Reader, rules: Sequence[Rule]) -> None:
        self.reader = reader
        self.concluding: dict[str, list[Rule]] = {}
        for rule in rules:
            if isinstance(rule.then, Intermediate):
                self.concluding.setdefault(rule.then.concludes, []).append(rule)
        self.definitions: dict[str, Condition] = {}

    def define(self, name: str, trail: tuple[str, ...]) -> Condition | None:
        if name in self.definitions:
            return self.definitions[name]
        if name in trail:
            first = self.concluding[name][0]
            chain = " -> ".join((*trail, name))
            self.reader.rule_problem(first, None, f"intermediate conclusions form a cycle: {chain}")
            return None
        parts = [self.resolve(rule.when, (*trail, name)) for rule in self.concluding[name]]
        if any(part is None for part in parts):
            return None
        found = tuple(part for part in parts if part is not None)
        self.definitions[name] = found[0] if len(found) == 1 else AnyOf(found)
        return self.definitions[name]

    def resolve(self, condition: Condition, trail: tuple[str, ...]) -> Condition | None:
        for name in evaluation.concluded_names(condition):
            if self.define(name, trail) is None:
                return None
        return evaluation.expand(condition, self.definitions)


def _expanded(reader: _Reader, rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """Each rule with its intermediate conclusions expanded into what is matched."""
    expander = _Expander(reader, rules)
    result = []
    for rule in rules:
        matches = expander.resolve(rule.when, ())
        if matches is None:
            return ()
        result.append(rule.model_copy(update={"matches": matches}))
    return tuple(result)
