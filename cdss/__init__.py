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
import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from cdss.errors import (
    CaseError,
    CdssError,
    EngineClosedError,
    EvaluationError,
    FhirError,
    RulesetError,
    RulesetMismatchError,
)

if TYPE_CHECKING:
    from cdss.case.findings import Case, Findings
    from cdss.engine.assessment import Assessment, Summary
    from cdss.engine.engine import Engine
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

_IMPORTED_ON_USE = {
    "Case": ("cdss.case.findings", "Case"),
    "Findings": ("cdss.case.findings", "Findings"),
    "Assessment": ("cdss.engine.assessment", "Assessment"),
    "Summary": ("cdss.engine.assessment", "Summary"),
    "Engine": ("cdss.engine.engine", "Engine"),
    "__version__": ("cdss.engine.engine", "CDSS_VERSION"),
    "load_ruleset": ("cdss.rules.loading", "load_ruleset"),
}
"""The names imported when first used, each with its module and its name there: ``import cdss`` imports
none of the engine, so that the ``cdss`` command can start a batch's fork server first
(:mod:`cdss.batch.forkserver`)."""


def __getattr__(name: str) -> object:
    try:
        module, attribute = _IMPORTED_ON_USE[name]
    except KeyError:
        raise AttributeError(f"module 'cdss' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_IMPORTED_ON_USE})


@functools.cache
def bundled_engine() -> Engine:
    """The engine of the bundled ruleset, shared and thread-safe; built once, on first use."""
    from cdss.engine.engine import Engine  # noqa: PLC0415 - imported on use, as above

    return Engine()


def evaluate(case: Case | Mapping[str, object]) -> Assessment:
    """Assess one case (a mapping in the case format, or a :class:`Case`) with the bundled ruleset."""
    return bundled_engine().evaluate(case)
