"""Real servers on loopback for the service tests: `cdss serve` in a subprocess, and a small FHIR server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx2
import jwt
from cryptography.hazmat.primitives.asymmetric import ec

CDSS = Path(sys.executable).with_name("cdss")
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Signer:
    """An issuer's signing key: writes its JWKS and signs CDS Hooks tokens."""

    issuer: str
    kid: str = field(default_factory=lambda: uuid4().hex[:8])
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP384R1()))

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "ES384", "use": "sig"}]}

    def token(self, audience: str, *, lifetime_s: int = 300, jti: str | None = None, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "sub": "ehr-client",
            "aud": audience,
            "iat": now,
            "exp": now + lifetime_s,
            "jti": str(uuid4()) if jti is None else jti,
            **claims,
        }
        return jwt.encode(payload, self.key, algorithm="ES384", headers={"kid": self.kid})


@dataclass
class Served:
    """A running `cdss serve`: its URL and the lines it wrote to stderr."""

    base_url: str
    stderr: Path
    process: subprocess.Popen[bytes]

    def url(self, path: str) -> str:
        return self.base_url + path

    def log(self) -> str:
        return self.stderr.read_text()

    def records(self) -> list[dict[str, Any]]:
        """The request log: one JSON object per line (start-up lines are plain text)."""
        return [json.loads(line) for line in self.log().splitlines() if line.startswith("{")]

    def wait_for(self, wanted: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        """The records of the log that are ``wanted``, once there is one: a request's line is written just
        after its response is sent, so it may come a moment after the answer."""
        deadline = time.monotonic() + 10
        while not (found := [r for r in self.records() if wanted(r)]) and time.monotonic() < deadline:
            time.sleep(0.05)
        return found


@contextmanager
def serving(directory: Path, *options: str) -> Iterator[Served]:
    """`cdss serve` on a free loopback port, until the block ends."""
    port = free_port()
    stderr = directory / f"serve-{port}.log"
    with stderr.open("wb") as sink:
        process = subprocess.Popen(
            [str(CDSS), "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    served = Served(f"http://127.0.0.1:{port}", stderr, process)
    try:
        _wait_until_up(served)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(served: Served) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"cdss serve exited with {served.process.returncode}:\n{served.log()}")
        try:
            httpx2.get(served.url("/cds-services"), timeout=1)
            return
        except httpx2.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"cdss serve did not answer within {START_TIMEOUT_S} s:\n{served.log()}")


@dataclass
class FhirServer:
    """A FHIR server on loopback answering GETs from a table of path-and-query to JSON; it records calls."""

    answers: Mapping[str, object]
    calls: list[tuple[str, str | None]] = field(default_factory=list)
    url: str = ""


@contextmanager
def fhir_server(answers: Mapping[str, object]) -> Iterator[FhirServer]:
    server = FhirServer(answers)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.calls.append((self.path, self.headers.get("Authorization")))
            path = self.path.removeprefix("/fhir/")
            found = server.answers.get(path)
            body = json.dumps(found if found is not None else {"resourceType": "OperationOutcome"}).encode()
            self.send_response(200 if found is not None else 404)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads ``calls`` instead."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/fhir"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


MAX_BODY = 200_000
"""The body limit the shared test server is started with."""


def post(served: Served, signer: Signer, path: str, body: object) -> httpx2.Response:
    """A call with a fresh valid token for the URL called."""
    token = signer.token(served.url(path))
    return httpx2.post(served.url(path), json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def problem(response: httpx2.Response) -> str:
    """The diagnostics of the OperationOutcome a refusal carries."""
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    diagnostics: str = outcome["issue"][0]["diagnostics"]
    return diagnostics
