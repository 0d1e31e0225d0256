"""Generated cases for the benchmark: realistic, seeded, nearly all distinct.

Each case is one of the bundled example vignettes, perturbed (each finding kept with probability 0.75, a
yes/no answer flipped with probability 0.1, another finding examined with probability 0.1, age moved by
up to 8 years), so the mix of conditions, red flags and examined findings is realistic and nearly every
finding set is distinct, as in a real series.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from cdss.case.files import read_case_file
from cdss.case.validate import validate_case
from cdss.errors import CaseError
from cdss.rules.attributes import ATTRIBUTES, AttributeSpec

ROOT = Path(__file__).resolve().parent.parent
FINDINGS = tuple(name for name in ATTRIBUTES if name not in ("age", "sex"))


def templates() -> list[dict[str, Any]]:
    """The bundled example cases: realistic vignettes with an expected diagnosis."""
    found = [read_case_file(path) for path in sorted((ROOT / "examples").rglob("*.json"))]
    return [case for case in found if isinstance(case, dict)]


def _value(spec: AttributeSpec, rng: random.Random) -> object:
    if spec.kind == "bool":
        return rng.random() < 0.3
    if spec.kind == "choice":
        return rng.choice(spec.choices)
    low = 0 if spec.minimum is None else int(spec.minimum)
    return rng.randint(low, 90 if spec.maximum is None else int(spec.maximum))


def _perturbed(findings: Mapping[str, object], rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in FINDINGS:
        value = findings.get(name)
        if value is None:
            if rng.random() < 0.1:
                out[name] = _value(ATTRIBUTES[name], rng)
        elif rng.random() < 0.75:
            out[name] = (not value) if isinstance(value, bool) and rng.random() < 0.1 else value
    return out


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` realistic valid cases, the same for the same seed (a draw the case model refuses, such as
    a slip grade beside "no slip", is drawn again)."""
    rng = random.Random(seed)
    bases = templates()
    number = 0
    while number < count:
        base = rng.choice(bases)
        case: dict[str, Any] = {"id": f"gen-{seed}-{number:07d}", "sex": base.get("sex", "unknown")}
        if isinstance(base.get("age"), int):
            case["age"] = min(120, max(18, base["age"] + rng.randint(-8, 8)))
        case["findings"] = _perturbed(base.get("findings", {}), rng)
        if "expected" in base:
            case["expected"] = base["expected"]
        try:
            validate_case(case)
        except CaseError:
            continue
        number += 1
        yield case


def write_jsonl(path: Path, cases: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case) + "\n")
