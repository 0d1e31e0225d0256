"""Verifying the CDS Hooks JSON Web Token a CDS client sends with every call.

A call is let in when its ``Authorization: Bearer`` token is signed by a key of a trusted issuer (the JWKS
file configured for its ``iss``), its ``aud`` is the URL called, it has not expired, and its ``jti`` has
not been seen before within the token's lifetime. Anything else is refused with a reason.
"""

from __future__ import annotations

import heapq
import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import jwt

from cdss.errors import CdssError
from cdss.service.outcome import unauthorized

ALGORITHMS = frozenset({"ES384", "RS384", "ES256", "RS256", "ES512", "RS512", "PS256", "PS384", "PS512"})
"""Asymmetric algorithms only (CDS Hooks requires ES384 and RS384 support); never ``none`` or HMAC."""
REQUIRED_CLAIMS = ("iss", "aud", "exp", "jti")


class TrustError(CdssError):
    """A trusted issuer's JWKS file cannot be used."""


def read_jwks(path: Path) -> jwt.PyJWKSet:
    """The public keys of one issuer, from a JWKS file. Raises :class:`TrustError`."""
    try:
        return jwt.PyJWKSet.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise TrustError(f"{path}: cannot read the JWKS file: {error.strerror or error}") from error
    except (ValueError, jwt.PyJWKSetError, jwt.PyJWKError) as error:
        raise TrustError(f"{path}: not a usable JWKS: {error}") from error


class ReplayGuard:
    """Remembers each token id until its token expires; a second use within that time is a replay."""

    def __init__(self) -> None:
        self._expiry: dict[str, float] = {}
        self._queue: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def first_use(self, jti: str, expires: float, now: float) -> bool:
        with self._lock:
            while self._queue and self._queue[0][0] < now:
                _, old = heapq.heappop(self._queue)
                if self._expiry.get(old, now) < now:
                    del self._expiry[old]
            if jti in self._expiry:
                return False
            self._expiry[jti] = expires
            heapq.heappush(self._queue, (expires, jti))
            return True

    def __len__(self) -> int:
        return len(self._expiry)


class TokenVerifier:
    """Checks bearer tokens against the keys of trusted issuers."""

    def __init__(
        self,
        trusted: Mapping[str, jwt.PyJWKSet],
        *,
        leeway_s: float = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._trusted = dict(trusted)
        self._leeway = leeway_s
        self._clock = clock
        self._replays = ReplayGuard()

    def verify(self, authorization: str | None, audiences: Sequence[str]) -> dict[str, object]:
        """The token's claims; its aud must be one of ``audiences``. Raises a 401 :class:`RequestError`
        saying why the token is not accepted."""
        token = _bearer(authorization)
        try:
            unverified = jwt.decode_complete(token, options={"verify_signature": False})  # read once
            header, issuer = unverified["header"], unverified["payload"].get("iss")
        except jwt.PyJWTError as error:
            raise unauthorized(f"the bearer token is not a JWT: {error}") from error
        key = self._key(issuer, header)
        try:
            claims: dict[str, object] = jwt.decode(
                token,
                key,
                algorithms=[str(header.get("alg"))],
                audience=list(audiences),
                issuer=str(issuer),
                leeway=self._leeway,
                options={"require": list(REQUIRED_CLAIMS), "verify_exp": False},
            )
        except jwt.InvalidAudienceError as error:
            raise unauthorized(f"the token's aud is not {' or '.join(audiences)}") from error
        except jwt.InvalidSignatureError as error:
            raise unauthorized("the token's signature does not verify") from error
        except jwt.PyJWTError as error:
            raise unauthorized(f"the token is not valid: {error}") from error
        jti, expires, now = claims["jti"], claims["exp"], self._clock()
        if not isinstance(jti, str) or not jti or not isinstance(expires, int | float):
            raise unauthorized("the token's jti must be a non-empty string and its exp a number")
        if expires + self._leeway <= now:
            raise unauthorized("the token has expired")
        if not self._replays.first_use(jti, float(expires) + self._leeway, now):
            raise unauthorized("the token has been used before (its jti was replayed)")
        return claims

    def _key(self, issuer: object, header: Mapping[str, object]) -> jwt.PyJWK:
        if not isinstance(issuer, str) or issuer not in self._trusted:
            raise unauthorized(f"the token's issuer {issuer!r} is not trusted")
        algorithm = header.get("alg")
        if algorithm not in ALGORITHMS:
            raise unauthorized(f"the token's algorithm {algorithm!r} is not accepted")
        kid = header.get("kid")
        keys = [key for key in self._trusted[issuer].keys if kid is None or key.key_id == kid]
        if not keys:
            raise unauthorized(f"the issuer {issuer!r} has no key {kid!r} (unknown signing key)")
        if len(keys) > 1:
            raise unauthorized(f"the token names no key (kid) and the issuer {issuer!r} has several")
        return keys[0]


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise unauthorized("no bearer token: send Authorization: Bearer <JWT>")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("the Authorization header is not a Bearer token")
    return token.strip()
