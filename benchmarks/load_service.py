"""Load on the CDS Hooks service: N concurrent clients over loopback for a fixed number of calls.

    .venv/bin/python benchmarks/load_service.py                      # 100,000 patient-view calls, 50 clients
    .venv/bin/python benchmarks/load_service.py --calls 2000         # a quick check of the script

Starts ``cdss serve`` on a free loopback port (``--no-auth`` by default; ``--auth`` trusts a key made
here and signs a fresh token for every call, the signing done before the clock starts), warms it up,
then drives ``--concurrency`` clients, each on its own keep-alive connection sending patient-view calls
one after another, until ``--calls`` calls are done or ``--max-seconds`` have passed.

No two calls carry the same patient: each call takes one of the records made from the bundles of
examples/fhir/ (each bundle whole, and each with one of its Observations or Conditions left out), gives
it a patient id of its own (in the Patient, in every resource's id and subject, and in the context) and
moves the birth date by 0 to 4 years, so neither the bytes nor the case repeat and no cache keyed on the
request could answer. Prints throughput, latency p50/p90/p99/max, errors (any status but 200, or a broken
connection), the CPU time per call of the service and of this load generator, and the service's resident
memory (RSS of its process tree) after the warm-up, at every tenth of the run and at the end.

The clients are a minimal HTTP/1.1 writer and reader on asyncio streams (on uvloop), in this process,
so that the load generator costs as little CPU as possible: on a 2-core machine it shares the cores with
the service (and with anything else running), which the printed load average and CPU figures show.
A script, not a test: it makes no assertion on the figures.
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
import uvloop
from cryptography.hazmat.primitives.asymmetric import ec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "fhir"
CDSS = Path(sys.executable).with_name("cdss")
PATH = "/cds-services/cdss-back-leg-pain"
HOST = "127.0.0.1"
WARM_UP_CALLS = 500
ISSUER = "https://load.example.test"
HOOK_INSTANCE = b"0" * 36
PATIENT_ID = b"patient-id-placeholder"
BIRTH_YEAR = b"birth-year-placeholder"
BIRTH_SHIFT_YEARS = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port


def records() -> list[bytes]:
    """Patient-view bodies, with placeholders for the hookInstance, the patient id and the birth year:
    each example bundle whole, and each with one of its Observations or Conditions left out."""
    bodies = []
    for path in sorted(EXAMPLES.glob("*.fhir")):
        resources = [entry["resource"] for entry in json.loads(path.read_text())["entry"]]
        patient = next(r for r in resources if r["resourceType"] == "Patient")
        others = [r for r in resources if r is not patient]
        bodies.append(_body(patient, others))
        bodies += [_body(patient, others[:i] + others[i + 1 :]) for i in range(len(others))]
    if not bodies:
        sys.exit(f"no example bundles in {EXAMPLES}")
    return bodies


def _body(patient: dict[str, Any], others: list[dict[str, Any]]) -> bytes:
    def searchset(kind: str) -> dict[str, Any]:
        found = [r for r in others if r["resourceType"] == kind]
        return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in found]}

    body = {
        "hook": "patient-view",
        "hookInstance": HOOK_INSTANCE.decode(),
        "context": {"userId": "Practitioner/load", "patientId": patient["id"]},
        "prefetch": {
            "patient": patient,
            "observations": searchset("Observation"),
            "conditions": searchset("Condition"),
        },
    }
    text = json.dumps(body).replace(patient["id"], PATIENT_ID.decode())
    return text.replace('"birthDate": "', f'"birthDate": "{BIRTH_YEAR.decode()}', 1).encode()


def personalised(record: bytes, index: int) -> bytes:
    """A record as a new patient's: a new hookInstance and patient id, the birth year moved."""
    body = record.replace(HOOK_INSTANCE, str(uuid.uuid4()).encode(), 1)
    body = body.replace(PATIENT_ID, f"load-{index}-{os.urandom(6).hex()}".encode())
    start = body.find(BIRTH_YEAR)
    if start < 0:  # a record without a birth date
        return body
    end = start + len(BIRTH_YEAR) + 4
    year = int(body[start + len(BIRTH_YEAR) : end]) - index % BIRTH_SHIFT_YEARS
    return body[:start] + str(year).encode() + body[end:]


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc (Linux)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found.append(current)
        pending.extend(int(child) for child in children)
    return found


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants."""
    total = 0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def tree_cpu_s(pid: int) -> float:
    """CPU time (user and system) used so far by a process and its live descendants."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


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
        self, port: int, records: list[bytes], tokens: list[str] | None, calls: int, until: float
    ) -> None:
        self.port = port
        self.records = records
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
        body = personalised(self.records[index % len(self.records)], index)
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
    found = records()
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
            run(args, found, port, server, signer)
        finally:
            server.terminate()
            server.wait(timeout=30)


def run(
    args: argparse.Namespace,
    records: list[bytes],
    port: int,
    server: subprocess.Popen[bytes],
    signer: Signer | None,
) -> None:
    wait_until_up(port, server)
    audience = f"http://{HOST}:{port}{PATH}"
    warm = Load(
        port,
        records,
        signer.tokens(audience, WARM_UP_CALLS) if signer else None,
        WARM_UP_CALLS,
        time.monotonic() + 300,
    )
    uvloop.run(drive(warm, min(args.concurrency, 10), server.pid, []))
    tokens = signer.tokens(audience, args.calls) if signer else None
    before = tree_rss_kib(server.pid)
    load_average = os.getloadavg()
    cpu_before = (tree_cpu_s(server.pid), time.process_time())
    load = Load(port, records, tokens, args.calls, time.monotonic() + args.max_seconds)
    samples: list[tuple[int, int]] = []
    elapsed = uvloop.run(drive(load, args.concurrency, server.pid, samples))
    service_cpu = tree_cpu_s(server.pid) - cpu_before[0]
    client_cpu = time.process_time() - cpu_before[1]
    after = tree_rss_kib(server.pid)
    ordered = sorted(load.latencies)
    done = len(ordered)
    print(
        f"cdss serve --workers {args.workers} ({'tokens verified' if signer else '--no-auth'}), "
        f"{args.concurrency} concurrent clients over loopback, {len(records)} records from "
        f"examples/fhir/, each call a patient of its own"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average before the run "
        + " ".join(f"{figure:.2f}" for figure in load_average)
        + " (1, 5, 15 min; other processes share the cores)"
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
        print(
            f"CPU ms per call: service {service_cpu / done * 1000:.2f}, "
            f"load generator {client_cpu / done * 1000:.2f} "
            f"(of {os.cpu_count()} x {elapsed:.1f} s = {(os.cpu_count() or 1) * elapsed:.1f} CPU s: service "
            f"{service_cpu:.1f}, load generator {client_cpu:.1f})"
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
