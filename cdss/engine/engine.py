"""The engine: a loaded ruleset, its compiled matcher and scorer, evaluating cases into assessments."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from cdss.case.findings import Case
from cdss.case.validate import validate_case
from cdss.engine.ask_next import AskNextPlanner
from cdss.engine.assessment import NOT_COMPUTED, Assessment, EngineStamp, RulesetStamp, Summary, summary_of
from cdss.engine.compiling import compile_ruleset
from cdss.engine.conclusions import CASE_WARNINGS, Conclusions, RuleIndex, Summariser
from cdss.engine.explain import Explainer, value_key
from cdss.engine.lean import Lean
from cdss.engine.matching import DURABLE_RULES_VERSION
from cdss.engine.scoring import Scorer, Standing
from cdss.errors import RulesetMismatchError
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

CDSS_VERSION = version("cdss")

FactKey = tuple[object, ...]


class Basis(NamedTuple):
    """A case's fact and the scorer's standing on the rules that fired on it."""

    fact: dict[str, object]
    now: Standing


class Engine:
    """Evaluates cases against one ruleset (the bundled one by default) in one setting.

    ``setting`` names the ruleset's prior vector (``primary_care`` by default, ``secondary_care`` for
    patients referred to a specialist or emergency service); every assessment says which it used.

    Load it once and share it: ``evaluate`` is safe to call from many threads at once. With ``cache_size``
    above 0, identical sets of findings are assessed once and served from a bounded cache of that many
    assessments; the result is the same either way. It is off by default: cached assessments are many
    small objects, and Python's garbage collector walking them cost more than the cache saved on a
    workload of distinct cases (measured: 880 against 1,440 cases/s with 4,096 entries). Close the
    engine, or use it as a context manager, to free the compiled ruleset at once; an engine dropped
    without closing frees it when it is garbage-collected.
    """

    def __init__(
        self, ruleset: Ruleset | str | Path | None = None, *, setting: str | None = None, cache_size: int = 0
    ) -> None:
        self.ruleset = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset)
        self.setting = self.ruleset.case_mix.setting_named(setting)
        scorer = Scorer(self.ruleset, self.setting)
        info = self.ruleset.info
        self._explainer = Explainer(
            scorer,
            AskNextPlanner(self.ruleset, scorer),
            RulesetStamp(name=info.name, version=info.version, sha256=self.ruleset.sha256),
            EngineStamp(cdss=CDSS_VERSION, durable_rules=DURABLE_RULES_VERSION),
        )
        self._matcher = compile_ruleset(self.ruleset)
        self._cache_size = cache_size
        self._cache: OrderedDict[FactKey, Assessment] = OrderedDict()
        self._cache_lock = threading.Lock()

    def evaluate(self, case: Case | Mapping[str, object], *, ask_next: bool = True) -> Assessment:
        """Assess one case, given as the model or as a mapping in the case format. Without ``ask_next``
        the unexamined findings are not tried (the costliest part) and ``ask_next`` says "not_computed".

        Raises :class:`cdss.CaseError` for invalid input (naming the case, the field and the problem) and
        :class:`cdss.EvaluationError` if the matching engine fails.
        """
        valid = validate_case(case)
        fact = valid.to_fact()
        if not self._cache_size:
            return self._assess(fact, valid.id, ask_next)
        # The fact's order is fixed by the model.
        key: FactKey = (ask_next, *((name, value_key(value)) for name, value in fact.items()))
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None:
            return cached if cached.id == valid.id else cached.model_copy(update={"id": valid.id})
        assessment = self._assess(fact, valid.id, ask_next)
        with self._cache_lock:
            self._cache[key] = assessment
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return assessment

    def summarise(self, case: Case | Mapping[str, object], *, ask_next: bool = False) -> Summary:
        """What :meth:`evaluate` concludes, by reference: rule ids and weights instead of texts, without
        ask-next unless asked for. Several times cheaper, for batches and screening; :meth:`expand` gives
        the full assessment back. Raises as :meth:`evaluate` does."""
        valid = validate_case(case)
        fact = valid.to_fact()
        return self._explainer.summarise(fact, self._matcher.match(fact), valid.id, ask_next=ask_next)

    def lean(self, case: Case | Mapping[str, object], *, ask_next: bool = False) -> Lean:
        """What :meth:`summarise` concludes, as the summary's JSON without its id (the body of a batch's
        lean line, written without building the model), with the conclusions a batch tallies. Raises as
        :meth:`evaluate` does."""
        valid = validate_case(case)
        fact = valid.to_fact()
        return self._explainer.lean(fact, self._matcher.match(fact), ask_next=ask_next)

    def conclude(self, case: Case | Mapping[str, object]) -> Conclusions:
        """What :meth:`summarise` concludes (triage, ranking, red flags, fired rules), without building
        the summary: for a batch's CSV rows. Raises as :meth:`evaluate` does."""
        valid = validate_case(case)
        fact = valid.to_fact()
        return self._explainer.conclude(fact, self._matcher.match(fact))

    def standing(self, case: Case | Mapping[str, object]) -> Basis:
        """What a summary is built from: the case's fact and the scorer's standing on the rules that fired
        on it, for a batch that lays out its own rows (:mod:`cdss.batch.arrow_rows`) with the engine's
        :attr:`summariser` and :attr:`rule_index`. Raises as :meth:`evaluate` does."""
        valid = validate_case(case)
        fact = valid.to_fact()
        return Basis(fact, self._explainer.standing(fact, self._matcher.match(fact)))

    @property
    def summariser(self) -> Summariser:
        """Turns a :meth:`standing` into a summary's parts (references built once per ruleset)."""
        return self._explainer.summariser

    @property
    def rule_index(self) -> RuleIndex:
        """What explaining a case needs to know about the ruleset's rules."""
        return self._explainer.index

    def expand(self, summary: Summary) -> Assessment:
        """The full assessment a summary stands for, with every text and basis, rebuilt from its fired rules
        and findings; its ask-next as the summary has it.

        Raises :class:`cdss.RulesetMismatchError` when the summary comes from another ruleset (by sha256),
        or when its conclusions are not what this engine concludes from its fired rules and findings.
        """
        stamp = summary.ruleset
        if stamp.sha256 != self.ruleset.sha256:
            info = self.ruleset.info
            raise RulesetMismatchError(
                f"made with ruleset {stamp.name} {stamp.version} (sha256 {stamp.sha256[:12]}...), not the "
                f"loaded {info.name} {info.version} (sha256 {self.ruleset.sha256[:12]}...); load that ruleset"
            )
        if summary.setting != self.setting:
            raise RulesetMismatchError(
                f"made in the {summary.setting} setting, not this engine's {self.setting}; "
                "use an engine of that setting"
            )
        fired = frozenset(summary.fired_rules)
        assessment = self._explainer.build(summary.findings, fired, summary.id, ask_next=False)
        # the findings no fired rule reads are not in a summary: the warnings about the whole case are its
        built = tuple(item for item in assessment.warnings if item.rule not in CASE_WARNINGS)
        whole = tuple(item for item in summary.warnings if item.rule in CASE_WARNINGS)
        assessment = assessment.model_copy(update={"warnings": built + whole})
        if summary.ask_next != NOT_COMPUTED:
            assessment = assessment.model_copy(update={"ask_next": summary.ask_next})
        if summary_of(assessment, summary.findings) != summary:
            raise RulesetMismatchError(
                "its conclusions differ from what this engine concludes from its fired rules and findings "
                "(the line was changed, or written by another version of cdss)"
            )
        return assessment

    def _assess(self, fact: dict[str, object], case_id: str | None, ask_next: bool) -> Assessment:
        return self._explainer.build(fact, self._matcher.match(fact), case_id, ask_next=ask_next)

    def close(self) -> None:
        """Free the compiled ruleset now. Further calls to ``evaluate`` or ``summarise`` raise
        :class:`cdss.EngineClosedError`."""
        self._matcher.close()
        with self._cache_lock:
            self._cache.clear()

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
