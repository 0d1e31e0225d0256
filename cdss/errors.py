"""One root error, split by phase: loading a ruleset, reading a case, evaluating a case."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BRIEF = 80
"""The most characters of an input an error message quotes: a longer value is elided in the middle."""


def brief(text: str, limit: int = BRIEF) -> str:
    """``text`` if it is at most ``limit`` characters long, else its start and end around "..."."""
    if len(text) <= limit:
        return text
    tail = (limit - 3) // 2
    return f"{text[: limit - 3 - tail]}...{text[len(text) - tail :]}"


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A "; did you mean 'x'?" suffix naming the closest choice, or an empty string."""
    close = difflib.get_close_matches(brief(name), sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class CdssError(Exception):
    """Root of every error cdss raises on purpose. Every one survives a pickle round trip (a process pool
    sends it back to the caller) with its message and fields."""


@dataclass(frozen=True)
class RulesetProblem:
    """One thing wrong in a ruleset, located as precisely as the YAML allows."""

    file: str
    problem: str
    rule: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        parts = [where]
        if self.rule:
            parts.append(f"rule {self.rule}")
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.problem])


class RulesetError(CdssError):
    """A ruleset failed validation; every problem found is listed, not only the first."""

    def __init__(self, problems: Sequence[RulesetProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[RulesetError], tuple[tuple[RulesetProblem, ...]], dict[str, object]]:
        return type(self), (self.problems,), self.__dict__


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with an input: where (a path of keys and list indexes), a stable kind, a sentence."""

    loc: tuple[str | int, ...]
    kind: str
    message: str

    @property
    def field(self) -> str:
        return ".".join(str(step) for step in self.loc)

    def __str__(self) -> str:
        return f"{brief(self.field)}: {self.message}" if self.loc else self.message


class CaseError(CdssError):
    """A case could not be read or validated. Names the case, the field and the problem.

    The message quotes no more than :data:`BRIEF` characters of the case's id, a field's name or a wrong
    value (elided in the middle), and no finding other than the one that is wrong.
    """

    def __init__(self, case: str, problems: Sequence[FieldProblem]) -> None:
        self.case = case
        self.problems = tuple(problems)
        super().__init__(f"case {brief(case)}: " + "; ".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[CaseError], tuple[str, tuple[FieldProblem, ...]], dict[str, object]]:
        return type(self), (self.case, self.problems), self.__dict__


class EngineClosedError(CdssError):
    """An engine was used after ``close()``: a mistake in the calling code, not in cdss or the case."""


class EvaluationError(CdssError):
    """The engine failed on a valid case. This is a defect in cdss or its ruleset, never the input."""


class RulesetMismatchError(CdssError):
    """A summary or batch line that the loaded ruleset did not produce (another sha256), or whose
    conclusions this engine does not reach from its fired rules and findings."""


class FhirError(CdssError):
    """FHIR input that is not valid FHIR R4 (or not resources at all). Names the resource and the fields."""

    def __init__(self, resource: str, problems: Sequence[FieldProblem]) -> None:
        self.resource = resource
        self.problems = tuple(problems)
        super().__init__(f"{resource}: " + "; ".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[FhirError], tuple[str, tuple[FieldProblem, ...]], dict[str, object]]:
        return type(self), (self.resource, self.problems), self.__dict__
