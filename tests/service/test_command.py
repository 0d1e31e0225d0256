"""`cdss serve`: refuses to start without a trusted issuer, and says so on start-up when --no-auth."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from cdss.cli import main
from tests.service.fhirdata import hook_call, saddle_anaesthesia
from tests.service.servers import Served, serving


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


def test_no_auth_says_so_on_start_up_and_two_workers_share_the_calls(tmp_path: Path) -> None:
    with serving(tmp_path, "--no-auth", "--workers", "2") as served:
        body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
        answers = [httpx2.post(served.url("/cds-services/cdss-back-leg-pain"), json=body) for _ in range(4)]
        before = _until_every_worker_listens(served, 2)
        statuses = _discovery_on_connections_opened_together(served, BURST)
        deadline = time.monotonic() + 10
        while len(discoveries := _discoveries(served)) < before + BURST and time.monotonic() < deadline:
            time.sleep(0.05)
        log = served.log()
    assert "authentication is OFF (--no-auth)" in log
    assert [answer.status_code for answer in answers] == [200] * 4
    assert statuses == [b"200"] * BURST
    # Connections opened together are spread over the workers by the kernel (all on one worker would
    # happen once in 2**23 runs); with one listening socket shared, one worker took them all.
    assert len({record["worker"] for record in discoveries[-BURST:]}) == 2


BURST = 24


def _discovery_on_connections_opened_together(served: Served, count: int) -> list[bytes]:
    """A discovery call on each of ``count`` connections, all opened before any call is sent."""
    host, port = served.base_url.removeprefix("http://").split(":")
    connections = [socket.create_connection((host, int(port)), timeout=30) for _ in range(count)]
    statuses = []
    try:
        for connection in connections:
            connection.sendall(b"GET /cds-services HTTP/1.1\r\nHost: cdss\r\nConnection: close\r\n\r\n")
        for connection in connections:
            statuses.append(connection.makefile("rb").readline().split()[1])
    finally:
        for connection in connections:
            connection.close()
    return statuses


def _until_every_worker_listens(served: Served, workers: int) -> int:
    """Discovery calls on new connections until ``workers`` processes have answered (the service answers
    as soon as one worker listens; the others bind their sockets moments later); the calls logged so far."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        httpx2.get(served.url("/cds-services"), headers={"Connection": "close"})
        time.sleep(0.05)
        found = _discoveries(served)
        if len({record["worker"] for record in found}) == workers:
            return len(found)
    raise AssertionError(f"fewer than {workers} workers answered within 30 s:\n{served.log()}")


def _discoveries(served: Served) -> list[dict[str, Any]]:
    return [record for record in served.records() if record.get("route") == "discovery"]


def test_several_workers_do_not_start_on_an_address_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--no-auth", "--workers", "2", "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in capsys.readouterr().err
