"""`cdss serve`: refuses to start without a trusted issuer, and says so on start-up when --no-auth."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest

from cdss.cli import main
from tests.service.fhirdata import hook_call, saddle_anaesthesia
from tests.service.servers import serving


def test_serve_without_a_trusted_issuer_does_not_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 1
    assert "no trusted issuer: give --trust ISSUER=JWKS_FILE, or --no-auth" in capsys.readouterr().err


def test_serve_with_an_unreadable_jwks_file_does_not_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.json").write_text('{"keys": "none"}')
    assert main(["serve", "--trust", f"https://ehr.test={tmp_path / 'bad.json'}"]) == 1
    assert "not a usable JWKS" in capsys.readouterr().err


def test_serve_with_a_malformed_trust_option_does_not_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--trust", "no-equals-sign"]) == 1
    assert "expected ISSUER=JWKS_FILE" in capsys.readouterr().err


def test_no_auth_says_so_on_start_up_and_serves_two_workers_without_tokens(tmp_path: Path) -> None:
    with serving(tmp_path, "--no-auth", "--workers", "2") as served:
        discovery = httpx2.get(served.url("/cds-services"))
        body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
        answers = [httpx2.post(served.url("/cds-services/cdss-back-leg-pain"), json=body) for _ in range(4)]
        log = served.log()
    assert "authentication is OFF (--no-auth)" in log
    assert discovery.status_code == 200
    assert [answer.status_code for answer in answers] == [200] * 4
