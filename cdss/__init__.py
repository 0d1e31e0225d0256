"""cdss: decision support for back pain radiating to the leg.

>>> import cdss
>>> assessment = cdss.evaluate({"id": "c1", "age": 71, "findings": {"neurogenic_claudication": True}})
>>> assessment.triage
'routine'

``evaluate`` uses a shared engine with the bundled ruleset, built on first use. To choose the ruleset,
or to control the engine's lifetime, create an :class:`Engine` and call its ``evaluate``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from cdss.case.findings import Case, Findings
from cdss.engine.assessment import Assessment, Summary
from cdss.engine.engine import CDSS_VERSION, Engine
from cdss.errors import (
    CaseError,
    CdssError,
    EngineClosedError,
    EvaluationError,
    FhirError,
    RulesetError,
    RulesetMismatchError,
)
from cdss.rules.loading import load_ruleset

__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "CdssError",
    "Engine",
    "EngineClosedError",
    "EvaluationError",
    "FhirError",
    "Findings",
    "RulesetError",
    "RulesetMismatchError",
    "Summary",
    "bundled_engine",
    "evaluate",
    "load_ruleset",
]
__version__ = CDSS_VERSION


@functools.cache
def bundled_engine() -> Engine:
    """The engine of the bundled ruleset, shared and thread-safe; built once, on first use."""
    return Engine()


def evaluate(case: Case | Mapping[str, object]) -> Assessment:
    """Assess one case (a mapping in the case format, or a :class:`Case`) with the bundled ruleset."""
    return bundled_engine().evaluate(case)
