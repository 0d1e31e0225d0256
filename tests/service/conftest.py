"""One `cdss serve` with token verification on a loopback port, shared by the HTTP tests of this folder."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.service.servers import MAX_BODY, Served, Signer, serving

ISSUER = "https://ehr.example.test"


@pytest.fixture(scope="package")
def signer() -> Signer:
    """The trusted issuer's key."""
    return Signer(ISSUER)


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory, signer: Signer) -> Iterator[Served]:
    directory = tmp_path_factory.mktemp("serve")
    jwks = directory / "ehr.jwks.json"
    jwks.write_text(json.dumps(signer.jwks()))
    with serving(directory, "--trust", f"{ISSUER}={jwks}", "--max-body", str(MAX_BODY)) as running:
        yield running
