"""Load on the CDS Hooks service: N concurrent clients over loopback for a fixed number of calls.

    .venv/bin/python benchmarks/load_service.py                      # 100,000 patient-view calls, 50 clients
    .venv/bin/python benchmarks/load_service.py --calls 2000         # a quick check of the script

Starts ``cdss serve`` on a free loopback port (``--no-auth`` by default; ``--auth`` trusts a key made
here and signs a fresh token for every call, the signing done before the clock starts), warms it up,
then drives ``--concurrency`` clients, each on its own keep-alive connection sending patient-view calls
one after another, until ``--calls`` calls are done or ``--max-seconds`` have passed. Each call carries
one of the bundles of examples/fhir/ as its prefetch and a new hookInstance. Prints throughput, latency
p50/p90/p99/max, errors (any status but 200, or a broken connection), and the service's resident memory
(RSS of its process tree) after the warm-up, at every tenth of the run and at the end.

The clients are a minimal HTTP/1.1 writer and reader on asyncio streams, in this process, so that the
load generator costs as little CPU as possible: on a 2-core machine it shares the cores with the service
(and with anything else running), which the printed load average shows. A script, not a test: it makes
no assertion on the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "fhir"
CDSS = Path(sys.executable).with_name("cdss")
PATH = "/cds-services/cdss-back-leg-pain"
HOST = "127.0.0.1"
WARM_UP_CALLS = 500
ISSUER = "https://load.example.test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port


def prefetch_bodies() -> list[bytes]:
    """One patient-view body per example bundle, with a placeholder hookInstance (36 characters)."""
    bodies = []
    for path in sorted(EXAMPLES.glob("*.fhir")):
        resources = [entry["resource"] for entry in json.loads(path.read_text())["entry"]]
        patient = next(r for r in resources if r["resourceType"] == "Patient")

        def searchset(kind: str, resources: list[dict[str, Any]] = resources) -> dict[str, Any]:
            found = [r for r in resources if r["resourceType"] == kind]
            return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in found]}

        body = {
            "hook": "patient-view",
            "hookInstance": "0" * 36,
            "context": {"userId": "Practitioner/load", "patientId": patient["id"]},
            "prefetch": {
                "patient": patient,
                "observations": searchset("Observation"),
                "conditions": searchset("Condition"),
            },
        }
        bodies.append(json.dumps(body).encode())
    if not bodies:
        sys.exit(f"no example bundles in {EXAMPLES}")
    return bodies


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        pending.extend(int(child) for child in children)
    return total


class Signer:
    """A key trusted by the service, signing one token per call (only with --auth)."""

    def __init__(self, directory: Path) -> None:
        self.key = ec.generate_private_key(ec.SECP384R1())
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = directory / "load.jwks.json"
        self.jwks.write_text(json.dumps({"keys": [{**public, "kid": "load", "alg": "ES384"}]}))

    def tokens(self, audience: str, count: int) -> list[str]:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": audience, "exp": now + 3600}
        return [
            jwt.encode({**claims, "jti": uuid.uuid4().hex}, self.key, "ES384", headers={"kid": "load"})
            for _ in range(count)
        ]


class Load:
    """The shared state of the clients: which call is next, what each took, what failed."""

    def __init__(
        self, port: int, bodies: list[bytes], tokens: list[str] | None, calls: int, until: float
    ) -> None:
        self.port = port
        self.bodies = bodies
        self.tokens = tokens
        self.calls = calls
        self.until = until
        self.issued = 0
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}

    def next_call(self) -> int | None:
        if self.issued >= self.calls or time.monotonic() > self.until:
            return None
        self.issued += 1
        return self.issued - 1

    def request(self, index: int) -> bytes:
        body = self.bodies[index % len(self.bodies)].replace(b"0" * 36, str(uuid.uuid4()).encode(), 1)
        headers = [
            f"POST {PATH} HTTP/1.1",
            f"Host: {HOST}:{self.port}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
        ]
        if self.tokens is not None:
            headers.append(f"Authorization: Bearer {self.tokens[index]}")
        return ("\r\n".join(headers) + "\r\n\r\n").encode() + body

    def failed(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def client(load: Load, progress: list[int]) -> None:
    reader, writer = await asyncio.open_connection(HOST, load.port)
    try:
        while (index := load.next_call()) is not None:
            started = time.perf_counter()
            writer.write(load.request(index))
            status = await read_response(reader)
            load.latencies.append(time.perf_counter() - started)
            if status != 200:
                load.failed(f"HTTP {status}")
            progress[0] += 1
    except (OSError, asyncio.IncompleteReadError) as error:
        load.failed(type(error).__name__)
    finally:
        writer.close()


async def read_response(reader: asyncio.StreamReader) -> int:
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def drive(load: Load, concurrency: int, pid: int, samples: list[tuple[int, int]]) -> float:
    progress = [0]
    step = max(load.calls // 10, 1)

    async def sample() -> None:
        mark = step
        while True:
            await asyncio.sleep(0.5)
            if progress[0] >= mark:
                samples.append((progress[0], tree_rss_kib(pid)))
                mark += step

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    await asyncio.gather(*(client(load, progress) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    sampler.cancel()
    return elapsed


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="service worker processes")
    parser.add_argument("--max-seconds", type=float, default=1200, help="stop the run after this long")
    parser.add_argument("--auth", action="store_true", help="verify a signed token on every call")
    args = parser.parse_args()
    bodies = prefetch_bodies()
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        signer = Signer(Path(directory)) if args.auth else None
        options = ["--trust", f"{ISSUER}={signer.jwks}"] if signer else ["--no-auth"]
        log = Path(directory) / "serve.log"
        with log.open("wb") as sink:
            server = subprocess.Popen(
                [
                    str(CDSS),
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(port),
                    "--workers",
                    str(args.workers),
                    *options,
                ],
                stdout=subprocess.DEVNULL,
                stderr=sink,
            )
        try:
            run(args, bodies, port, server, signer)
        finally:
            server.terminate()
            server.wait(timeout=30)


def run(
    args: argparse.Namespace,
    bodies: list[bytes],
    port: int,
    server: subprocess.Popen[bytes],
    signer: Signer | None,
) -> None:
    wait_until_up(port, server)
    audience = f"http://{HOST}:{port}{PATH}"
    warm = Load(
        port,
        bodies,
        signer.tokens(audience, WARM_UP_CALLS) if signer else None,
        WARM_UP_CALLS,
        time.monotonic() + 300,
    )
    asyncio.run(drive(warm, min(args.concurrency, 10), server.pid, []))
    tokens = signer.tokens(audience, args.calls) if signer else None
    before = tree_rss_kib(server.pid)
    load = Load(port, bodies, tokens, args.calls, time.monotonic() + args.max_seconds)
    samples: list[tuple[int, int]] = []
    elapsed = asyncio.run(drive(load, args.concurrency, server.pid, samples))
    after = tree_rss_kib(server.pid)
    ordered = sorted(load.latencies)
    done = len(ordered)
    print(
        f"cdss serve --workers {args.workers} ({'tokens verified' if signer else '--no-auth'}), "
        f"{args.concurrency} concurrent clients over loopback, {len(bodies)} example bundles"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average before the run {os.getloadavg()[0]:.2f} "
        f"(other processes share the cores)"
    )
    print(
        f"calls: {done:,} of {args.calls:,} in {elapsed:.1f} s ({done / elapsed:,.0f} calls/s)"
        + ("; stopped at --max-seconds" if done < args.calls else "")
    )
    if ordered:
        print(
            "latency ms: "
            + ", ".join(
                f"{name} {percentile(ordered, q) * 1000:.1f}"
                for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
            )
            + f", mean {statistics.fmean(ordered) * 1000:.1f}"
        )
    print(f"errors: {sum(load.errors.values())} {load.errors if load.errors else ''}".rstrip())
    print(
        f"service RSS (process tree): {before / 1024:.1f} MiB after {WARM_UP_CALLS} warm-up calls, "
        f"{after / 1024:.1f} MiB after the run ({(after - before) / 1024:+.1f} MiB)"
    )
    print(
        "RSS along the run: " + ", ".join(f"{count:,}: {rss / 1024:.1f}" for count, rss in samples) + " MiB"
    )


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"cdss serve exited with {server.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("cdss serve did not start")


if __name__ == "__main__":
    main()
