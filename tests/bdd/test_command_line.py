"""The cauda equina scenarios again, through the command line: ``cdss evaluate FILE --json``.

The same feature file drives the library (test_features.py) and, here, the command line, so the two
cannot drift apart where it matters most.
"""

from pathlib import Path

import pytest
from pytest_bdd import scenarios

from tests.bdd.patient import Driver, command_line_driver

scenarios("cauda_equina.feature")


@pytest.fixture
def driver(tmp_path: Path) -> Driver:
    return command_line_driver(tmp_path)
