"""The package's layers only look down: a module imports from its own package or from a lower layer.

errors < case < rules < engine < batch, fhir < reports, service < cli and the package's ``__init__`` <
``__main__`` (the ``cdss`` command's entry, which starts a batch's fork server before it imports cli).
Packages on the same layer never import each other. Imports are read with ``ast``, nothing is executed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cdss"
LAYERS = {
    "errors": 0,
    "case": 1,
    "rules": 2,
    "engine": 3,
    "batch": 4,
    "fhir": 4,
    "reports": 5,
    "service": 5,
    "cli": 6,
    "__init__": 6,
    "__main__": 7,
}
MAX_LINES = 300


def _part(module: str) -> str:
    """The part of the package a dotted module name is in (``cdss.engine.scoring`` -> engine)."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _imported(tree: ast.AST, here: str) -> Iterator[tuple[int, str]]:
    """Every ``cdss`` module a tree imports, as (line, dotted name), relative imports resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names if alias.name.startswith("cdss"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: -node.level]
                yield node.lineno, ".".join([*base, node.module] if node.module else base)
            elif node.module and node.module.split(".")[0] == "cdss":
                if node.module != "cdss":
                    yield node.lineno, node.module
                    continue
                for (
                    alias
                ) in node.names:  # `from cdss import engine` is a subpackage; `import evaluate`, the top
                    yield node.lineno, f"cdss.{alias.name}" if alias.name in LAYERS else "cdss"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _dotted(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def upward_imports(paths: list[Path], root: Path = PACKAGE) -> list[str]:
    """Each import that reaches a higher layer, or a sibling package on the same layer."""
    found = []
    for path in paths:
        here = _dotted(path, root)
        mine = _part(here)
        for line, target in _imported(ast.parse(path.read_text(encoding="utf-8")), here):
            theirs = _part(target)
            if theirs not in LAYERS or theirs == mine:
                continue
            if LAYERS[theirs] > LAYERS[mine] or (LAYERS[theirs] == LAYERS[mine] and mine != "__init__"):
                found.append(f"{path.relative_to(root.parent)}:{line} ({mine}) imports {target} ({theirs})")
    return found


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in _modules()}
    assert parts <= set(LAYERS), f"give these a layer: {sorted(parts - set(LAYERS))}"


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    assert upward_imports(_modules()) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("case/findings.py", "from cdss.engine.engine import Engine\n"),
        ("rules/model.py", "import cdss.batch.run\n"),
        ("engine/scoring.py", "from cdss import evaluate\n"),
        ("batch/run.py", "from cdss.reports.validation import report_markdown\n"),
        ("batch/run.py", "from cdss.fhir import intake\n"),
        ("engine/explain.py", "from ..batch import lines\n"),
        ("batch/worker.py", "from cdss import reports\n"),
    ],
)
def test_the_check_finds_an_upward_import(tmp_path: Path, module: str, source: str) -> None:
    path = tmp_path / "cdss" / module
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert len(upward_imports([path], root=tmp_path / "cdss")) == 1


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_modules_stay_small_enough_to_read_in_one_sitting(path: Path) -> None:
    with path.open(encoding="utf-8") as lines:
        assert sum(1 for _ in lines) <= MAX_LINES
