"""``cdss serve``: run the CDS Hooks service on uvicorn.

The web stack is the optional extra ``cdss[service]``: it is imported when the command runs, so the rest
of the command line works without it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cdss.errors import CdssError
from cdss.service.config import DEFAULT_MAX_BODY_BYTES, ServiceConfig

EXIT_OK = 0


class ServeError(CdssError):
    """The service cannot start as asked."""


def add_serve_command(commands: argparse._SubParsersAction[Any]) -> None:
    serve = commands.add_parser("serve", help="run the CDS Hooks service (patient-view, order-select)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="ISSUER=JWKS_FILE",
        help="a trusted token issuer (the JWT iss) and the JWKS file of its public keys; repeatable",
    )
    serve.add_argument(
        "--no-auth", action="store_true", help="accept calls without a token: for development only"
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the service's URL as callers see it, which a token's aud must name (default http://HOST:PORT)",
    )
    serve.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        metavar="BYTES",
        help=f"larger request bodies get 413 (default {DEFAULT_MAX_BODY_BYTES})",
    )
    serve.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    serve.set_defaults(run=_serve)


def config_from(args: argparse.Namespace) -> ServiceConfig:
    """The service configuration the options describe. Raises :class:`ServeError`."""
    trusted: dict[str, Path] = {}
    for item in args.trust:
        issuer, equals, path = item.rpartition("=")
        if not equals or not issuer or not path:
            raise ServeError(f"--trust {item!r}: expected ISSUER=JWKS_FILE")
        trusted[issuer] = Path(path)
    if not args.no_auth and not trusted:
        raise ServeError("no trusted issuer: give --trust ISSUER=JWKS_FILE, or --no-auth for development")
    if args.workers < 1:
        raise ServeError("--workers must be 1 or more")
    try:
        return ServiceConfig(
            base_url=(args.public_url or f"http://{args.host}:{args.port}").rstrip("/"),
            auth=not args.no_auth,
            trusted=trusted,
            max_body_bytes=args.max_body,
            ruleset=Path(args.ruleset) if args.ruleset else None,
        )
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ServeError(f"cannot serve with these options: {problems}") from error


def _serve(args: argparse.Namespace) -> int:
    config = config_from(args)
    try:
        from cdss.service.app import CONFIG_VARIABLE  # noqa: PLC0415 - the extra cdss[service], when serving
        from cdss.service.auth import read_jwks  # noqa: PLC0415 - needs the extra too
        from cdss.service.workers import serve  # noqa: PLC0415 - needs the extra too
    except ImportError as error:
        raise ServeError(
            f"cdss serve needs the service extra: pip install 'cdss[service]' ({error})"
        ) from error
    for path in config.trusted.values():
        read_jwks(path)  # a bad JWKS file stops the start, named, before any worker starts
    if config.auth:
        issuers = ", ".join(config.trusted)
        print(f"cdss serve: tokens verified; trusted issuers: {issuers}", file=sys.stderr)
    else:
        print(
            "cdss serve: WARNING: authentication is OFF (--no-auth): any caller is accepted. "
            "For development only.",
            file=sys.stderr,
        )
    print(f"cdss serve: CDS Hooks discovery at {config.base_url}/cds-services", file=sys.stderr, flush=True)
    os.environ[CONFIG_VARIABLE] = config.model_dump_json()
    serve(args.host, args.port, args.workers)
    return EXIT_OK
