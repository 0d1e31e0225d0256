"""Token verification and replay memory on their own, with a clock the test controls."""

from __future__ import annotations

import json
from pathlib import Path

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdss.service.auth import ReplayGuard, TokenVerifier, TrustError, read_jwks
from cdss.service.outcome import RequestError
from tests.service.servers import Signer

AUDIENCE = "http://127.0.0.1:9/cds-services/cdss-back-leg-pain"


def verifier(signer: Signer, now: float, leeway_s: float = 0) -> TokenVerifier:
    keys = jwt.PyJWKSet.from_dict(signer.jwks())
    return TokenVerifier({signer.issuer: keys}, leeway_s=leeway_s, clock=lambda: now)


@given(
    uses=st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 100), st.integers(0, 100)), max_size=40)
)
def test_a_token_id_is_refused_until_its_token_expires(uses: list[tuple[str, int, int]]) -> None:
    guard = ReplayGuard()
    remembered: dict[str, float] = {}
    now = 0.0
    for jti, lifetime, wait in uses:
        now += wait
        expected = jti not in remembered or remembered[jti] < now
        assert guard.first_use(jti, now + lifetime, now) is expected
        if expected:
            remembered[jti] = now + lifetime


def test_expired_tokens_are_forgotten() -> None:
    guard = ReplayGuard()
    for index in range(1000):
        assert guard.first_use(f"jti-{index}", expires=index + 10, now=index)
    assert len(guard) <= 12


def test_exp_is_checked_against_the_clock_with_the_leeway(signer: Signer) -> None:
    token = signer.token(AUDIENCE, lifetime_s=60)
    claims = jwt.decode(token, options={"verify_signature": False})
    late = claims["exp"] + 5
    with pytest.raises(RequestError, match="expired"):
        verifier(signer, late).verify(f"Bearer {token}", [AUDIENCE])
    assert verifier(signer, late, leeway_s=10).verify(f"Bearer {token}", [AUDIENCE])["jti"] == claims["jti"]


def test_tokens_signed_with_a_shared_secret_are_refused(signer: Signer) -> None:
    token = jwt.encode(
        {"iss": signer.issuer, "aud": AUDIENCE, "exp": 2**40, "jti": "x"},
        "a-shared-secret-of-at-least-32-bytes",
        algorithm="HS256",
    )
    with pytest.raises(RequestError, match="algorithm 'HS256' is not accepted"):
        verifier(signer, 0).verify(f"Bearer {token}", [AUDIENCE])


def test_a_basic_authorization_header_is_refused(signer: Signer) -> None:
    with pytest.raises(RequestError, match="not a Bearer token"):
        verifier(signer, 0).verify("Basic dXNlcjpwYXNz", [AUDIENCE])


def test_a_jwks_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text("{")
    with pytest.raises(TrustError, match=f"{path}: not a usable JWKS"):
        read_jwks(path)
    path.write_text(json.dumps({"keys": []}))
    with pytest.raises(TrustError, match="not a usable JWKS"):
        read_jwks(path)
