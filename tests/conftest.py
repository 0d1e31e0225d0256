from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cdss.engine.engine import Engine
from cdss.rules.loading import bundled_ruleset_dir, load_ruleset
from cdss.rules.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


@pytest.fixture(scope="session")
def engine(ruleset: Ruleset) -> Iterator[Engine]:
    with Engine(ruleset) as shared:
        yield shared


@pytest.fixture
def ruleset_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled ruleset directory, to break on purpose."""
    target = tmp_path / "ruleset"
    shutil.copytree(bundled_ruleset_dir(), target)
    return target
