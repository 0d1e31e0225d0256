"""The CDS Hooks service as an ASGI app (Starlette), built by :func:`create_app` from a configuration.

Routes: ``GET /cds-services`` (discovery), ``POST /cds-services/{id}`` (a hook call) and
``POST /cds-services/{id}/feedback``. Every call is authenticated first (unless the configuration turns
it off), then its body is read (at most ``max_body_bytes``), parsed and validated. A refusal is an
OperationOutcome with its status: 400 bad input, 401 a token not accepted, 412 data the service cannot
get, 413 a body too large; 500 is a defect of cdss, never the caller's input.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TextIO

import httpx2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cdss.engine.engine import Engine
from cdss.errors import CdssError, EvaluationError
from cdss.service.auth import TokenVerifier, read_jwks
from cdss.service.config import ServiceConfig
from cdss.service.hooks import Feedback, HookRequest, parsed
from cdss.service.imaging import OVERRIDE_REASONS
from cdss.service.outcome import IssueType, RequestError, bad_request, operation_outcome
from cdss.service.requestlog import RequestLog
from cdss.service.services import Assessor, Service, services

CONFIG_VARIABLE = "CDSS_SERVICE_CONFIG"
"""How ``cdss serve`` hands the configuration to its worker processes (JSON of :class:`ServiceConfig`)."""
_KNOWN_REASONS = frozenset(code for code, _ in OVERRIDE_REASONS)
Handler = Callable[[Request], Awaitable[Response]]


def create_app(config: ServiceConfig, *, log: TextIO | None = None) -> Starlette:
    """A new service instance: its own engine, HTTP client, token verifier and replay memory."""
    verifier = (
        TokenVerifier(
            {issuer: read_jwks(path) for issuer, path in config.trusted.items()}, leeway_s=config.leeway_s
        )
        if config.auth
        else None
    )
    engine = Engine(config.ruleset)
    client = httpx2.AsyncClient(timeout=config.fetch_timeout_s, follow_redirects=False)
    assessor = Assessor(engine, client)
    handlers = _Handlers(config, verifier, services(assessor))

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        assessor.warm_up()
        _freeze_start_up()
        try:
            yield
        finally:
            await client.aclose()
            engine.close()

    return Starlette(
        routes=[
            Route("/cds-services", handlers.discovery, methods=["GET"]),
            Route("/cds-services/{service_id}", handlers.call, methods=["POST"]),
            Route("/cds-services/{service_id}/feedback", handlers.feedback, methods=["POST"]),
        ],
        middleware=[Middleware(RequestLog, stream=log if log is not None else sys.stderr)],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )


def _freeze_start_up() -> None:
    """Moves what start-up built (engine, ruleset, FHIR validators: some 80,000 objects) out of the cyclic
    garbage collector's way, so that its full collections walk only what calls leave behind. Under load
    (benchmarks/load_service.py) this took the longest collection pause from about 100 ms, stalling every
    call in flight, to under 1 ms."""
    gc.collect()
    gc.freeze()


def app_from_environment() -> Starlette:
    """The app of a ``cdss serve`` worker process, from the configuration in :data:`CONFIG_VARIABLE`."""
    return create_app(ServiceConfig.model_validate_json(os.environ[CONFIG_VARIABLE]))


async def _http_error(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 500
    request.state.problem = f"http-{status}"
    code: IssueType = "not-found" if status == 404 else "not-supported"
    return JSONResponse(
        operation_outcome(code, f"{request.method} {request.url.path}: HTTP {status}"), status
    )


class _Handlers:
    def __init__(
        self, config: ServiceConfig, verifier: TokenVerifier | None, known: Mapping[str, Service]
    ) -> None:
        self._config = config
        self._verifier = verifier
        self._services = known

    async def discovery(self, request: Request) -> Response:
        return await self._guarded(request, "discovery", self._discovery)

    async def call(self, request: Request) -> Response:
        return await self._guarded(request, "hook", self._call)

    async def feedback(self, request: Request) -> Response:
        return await self._guarded(request, "feedback", self._feedback)

    async def _guarded(self, request: Request, route: str, work: Handler) -> Response:
        request.state.route = route
        try:
            self._authenticate(request, route)
            return await work(request)
        except RequestError as refusal:
            request.state.problem = refusal.kind
            headers = {"WWW-Authenticate": 'Bearer realm="cds-services"'} if refusal.status == 401 else None
            return JSONResponse(refusal.outcome(), refusal.status, headers=headers)
        except EvaluationError as error:
            request.state.problem = "evaluation-failed"
            return JSONResponse(operation_outcome("exception", f"the engine failed: {error}"), 500)
        except CdssError as error:  # the FHIR data cannot be read as a case: named by the mapper
            request.state.problem = "invalid-record"
            return JSONResponse(operation_outcome("invalid", str(error)), 400)
        except Exception as error:  # a defect: its message may quote the request, so only where it was raised
            where = traceback.extract_tb(error.__traceback__)[-1]
            request.state.problem = (
                f"internal-error {type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
            )
            return JSONResponse(
                operation_outcome("exception", "internal error of the service; see its log"), 500
            )

    def _authenticate(self, request: Request, route: str) -> None:
        """The token's aud must be the URL called; for feedback, the service's URL will do as well."""
        if self._verifier is None:
            return
        called = self._config.base_url + request.url.path
        audiences = [called, called.removesuffix("/feedback")] if route == "feedback" else [called]
        self._verifier.verify(request.headers.get("authorization"), audiences)

    async def _discovery(self, _: Request) -> Response:
        return JSONResponse({"services": [service.definition() for service in self._services.values()]})

    async def _call(self, request: Request) -> Response:
        service = self._service(request)
        call = parsed(HookRequest, await self._body(request), "request")
        request.state.hook_instance = str(call.hook_instance)
        if call.hook != service.hook:
            raise bad_request(
                f"service {service.id} answers the {service.hook} hook, not {call.hook!r}", kind="wrong-hook"
            )
        return JSONResponse({"cards": await service.answer(call)})

    async def _feedback(self, request: Request) -> Response:
        self._service(request)
        feedback = parsed(Feedback, await self._body(request), "feedback")
        request.state.feedback = [
            {
                "card": str(item.card),
                "outcome": item.outcome,
                "accepted_suggestions": len(item.accepted_suggestions),
                "override_reason": _reason(item.override_reason.reason.code)
                if item.override_reason is not None and item.override_reason.reason is not None
                else None,
            }
            for item in feedback.feedback
        ]
        return Response(status_code=200)

    def _service(self, request: Request) -> Service:
        service_id = request.path_params["service_id"]
        service = self._services.get(service_id)
        if service is None:
            known = ", ".join(self._services)
            raise bad_request(
                f"no CDS service {service_id!r} here (services: {known})",
                kind="unknown-service",
                code="not-found",
            )
        request.state.service = service.id
        return service

    async def _body(self, request: Request) -> object:
        limit = self._config.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
        try:
            return json.loads(b"".join(chunks))
        except (ValueError, UnicodeDecodeError) as error:
            raise bad_request(
                f"the body is not valid JSON: {error}", kind="malformed-json", code="structure"
            ) from error
        except RecursionError as error:
            raise bad_request(
                "the body is not valid JSON: nested too deeply", kind="malformed-json", code="structure"
            ) from error


def _too_large(limit: int) -> RequestError:
    return RequestError(413, "too-long", f"the body is larger than {limit} bytes", kind="too-large")


def _reason(code: str) -> str:
    """An override reason for the log: one of the service's codes, else "other" (free text stays out)."""
    return code if code in _KNOWN_REASONS else "other"
