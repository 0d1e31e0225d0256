"""One JSON object per request: route, service, hook instance, status, latency and the worker process that
answered. Never patient data.

The handlers put what may be logged into the request's state (``service``, ``hook_instance``,
``problem``, ``feedback``), each a value the service has validated; nothing of the body or of the path
beyond a known service id is written.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOGGED = ("route", "service", "hook_instance", "problem", "feedback")


class RequestLog:
    """ASGI middleware writing a line of JSON to ``stream`` when each HTTP request is answered."""

    def __init__(self, app: ASGIApp, stream: TextIO) -> None:
        self.app = app
        self.stream = stream
        self.worker = os.getpid()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        state: dict[str, object] = scope.setdefault("state", {})

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            record: dict[str, object] = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": scope["method"],
                "status": status,
                "latency_ms": round((time.perf_counter() - started) * 1000, 3),
                "worker": self.worker,
            }
            record.update((key, state[key]) for key in LOGGED if key in state)
            self.stream.write(json.dumps(record) + "\n")
            self.stream.flush()
