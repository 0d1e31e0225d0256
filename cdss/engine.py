"""The engine: a loaded ruleset, its compiled matcher and scorer, evaluating cases into assessments."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from types import TracebackType

from cdss.ask_next import AskNextPlanner
from cdss.assessment import Assessment, EngineStamp, RulesetStamp
from cdss.explain import build
from cdss.findings import Case
from cdss.intake import validate_case
from cdss.loading import load_ruleset
from cdss.matching import DURABLE_RULES_VERSION, Matcher
from cdss.rules import Ruleset
from cdss.scoring import Scorer

CDSS_VERSION = version("cdss")

FactKey = tuple[tuple[str, str, object], ...]


class Engine:
    """Evaluates cases against one ruleset (the bundled one by default).

    Load it once and share it: ``evaluate`` is safe to call from many threads at once. Identical sets of
    findings are assessed once and then served from a bounded cache (``cache_size`` fact sets, 0 to turn
    it off); the result is the same either way. Close the engine, or use it as a context manager, to free
    the compiled ruleset.
    """

    def __init__(self, ruleset: Ruleset | str | Path | None = None, *, cache_size: int = 4096) -> None:
        self.ruleset = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset)
        self._scorer = Scorer(self.ruleset)
        self._planner = AskNextPlanner(self.ruleset, self._scorer)
        info = self.ruleset.info
        self._ruleset_stamp = RulesetStamp(name=info.name, version=info.version, sha256=self.ruleset.sha256)
        self._engine_stamp = EngineStamp(cdss=CDSS_VERSION, durable_rules=DURABLE_RULES_VERSION)
        self._matcher = Matcher((rule.id, rule.matches) for rule in self.ruleset.rules)
        self._assess = (
            functools.lru_cache(maxsize=cache_size)(self._assess_fact) if cache_size else self._assess_fact
        )

    def evaluate(self, case: Case | Mapping[str, object]) -> Assessment:
        """Assess one case, given as the model or as a mapping in the case format.

        Raises :class:`cdss.CaseError` for invalid input (naming the case, the field and the problem) and
        :class:`cdss.EvaluationError` if the matching engine fails.
        """
        valid = validate_case(case)
        fact = valid.to_fact()
        key: FactKey = tuple(sorted((name, type(value).__name__, value) for name, value in fact.items()))
        assessment = self._assess(key)
        return assessment if assessment.id == valid.id else assessment.model_copy(update={"id": valid.id})

    def _assess_fact(self, key: FactKey) -> Assessment:
        fact = {name: value for name, _, value in key}
        fired = self._matcher.match(fact)
        return build(
            fact,
            fired,
            scorer=self._scorer,
            planner=self._planner,
            ruleset_stamp=self._ruleset_stamp,
            engine_stamp=self._engine_stamp,
        )

    def close(self) -> None:
        """Free the compiled ruleset. Further calls to ``evaluate`` raise :class:`cdss.EvaluationError`."""
        self._matcher.close()
        if isinstance(self._assess, functools._lru_cache_wrapper):
            self._assess.cache_clear()

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
