"""Running the service on uvicorn: one process, or N worker processes each on a listening socket of its own.

uvicorn's own ``--workers`` shares one listening socket between its processes, and whichever process wakes
first accepts every connection waiting: clients that connect together (an EHR's connection pool, the load
script's keep-alive clients) all land on one process and keep it, while the others idle. Here each
process binds the address with ``SO_REUSEPORT`` (Linux), so that the kernel spreads new connections over
the processes. Measured with benchmarks/load_service.py on 2 cores: 4 clients and ``--workers 2`` put
every call on one process with a shared socket.

Before the workers start, the address is bound once without ``SO_REUSEPORT``: if anything listens there
already, the start fails, named, instead of sharing the port. A worker that exits stops the service (exit
status 1) rather than leaving it at less than it was started with; SIGINT and SIGTERM stop every worker.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import threading
from multiprocessing.context import SpawnProcess
from types import FrameType

import uvicorn

from cdss.errors import CdssError

APP = "cdss.service.app:app_from_environment"
STOP_TIMEOUT_S = 30


class WorkersError(CdssError):
    """The worker processes cannot start, or one of them stopped."""


def serve(host: str, port: int, workers: int) -> None:
    """Run the service on ``host:port`` in ``workers`` processes until SIGINT or SIGTERM (or, with several,
    until one exits). Its configuration reaches the app through the environment (:mod:`cdss.service.app`).
    """
    if workers == 1:
        uvicorn.Server(_config(host, port)).run()
        return
    family, address = _address(host, port)
    _check_free(family, address)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(family, address)) for _ in range(workers)]
    stop = threading.Event()

    def stopping(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, stopping) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            process.start()
        _watch(processes, stop)
    finally:
        _stop(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _watch(processes: list[SpawnProcess], stop: threading.Event) -> None:
    while not stop.wait(0.5):
        ended = [process for process in processes if not process.is_alive()]
        if ended:
            status = ended[0].exitcode
            raise WorkersError(f"a worker process stopped (exit status {status}); service stopped")


def _stop(processes: list[SpawnProcess]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()  # uvicorn finishes the calls in progress, then exits
    for process in processes:
        process.join(STOP_TIMEOUT_S)
        if process.is_alive():
            process.kill()


def _address(host: str, port: int) -> tuple[socket.AddressFamily, tuple[str, int]]:
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as error:
        raise WorkersError(f"cannot listen on {host}:{port}: {error}") from error
    return family, (str(address[0]), int(address[1]))


def _check_free(family: socket.AddressFamily, address: tuple[str, int]) -> None:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise WorkersError(f"cannot listen on {address[0]}:{address[1]}: {error.strerror}") from error


def _worker(family: socket.AddressFamily, address: tuple[str, int]) -> None:
    """One worker process: its own socket on the shared address, and uvicorn serving the app on it."""
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listening.bind(address)
    uvicorn.Server(_config(*address)).run(sockets=[listening])


def _config(host: str, port: int) -> uvicorn.Config:
    """uvicorn serving the app (uvloop and httptools, which cdss[service] installs), quietly: the app
    writes its own request log."""
    return uvicorn.Config(
        APP, host=host, port=port, factory=True, access_log=False, log_level="warning", server_header=False
    )
