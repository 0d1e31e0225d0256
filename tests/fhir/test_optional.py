"""The FHIR dependency is an optional extra: the core library and the CLI import and run without it."""

from __future__ import annotations

import subprocess
import sys

BLOCK_FHIR = "import sys; sys.modules['fhir'] = None  # any import of fhir.resources now fails\n"


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_FHIR + code], capture_output=True, text=True, check=False
    )


def test_the_core_library_works_without_fhir_resources() -> None:
    done = _run(
        "import cdss, cdss.cli; print(cdss.evaluate({'findings': {'saddle_anaesthesia': True}}).triage)"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "emergency"


def test_the_fhir_package_needs_it_and_says_which_module() -> None:
    done = _run("import cdss.fhir.intake")
    assert done.returncode != 0
    assert "fhir.resources" in done.stderr
