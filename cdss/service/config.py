"""The settings of one service instance: a plain object the app factory is built from.

Nothing is read from globals: ``cdss serve`` builds a :class:`ServiceConfig` from its options, and hands
it to each worker process as JSON (see :mod:`cdss.service.command`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_BODY_BYTES = 1_048_576


class ServiceConfig(BaseModel):
    """How a service instance is set up; validated, immutable and serialisable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: Annotated[str, Field(pattern=r"^https?://[^/?#]+(/[^?#]*[^/?#])?$")] = Field(
        description="The service's own URL without a trailing slash (e.g. https://cds.example.org); a "
        "token's aud must be this URL followed by the path called."
    )
    auth: bool = Field(default=True, description="Verify the CDS Hooks JWT on every call.")
    trusted: dict[str, Path] = Field(
        default_factory=dict,
        description="Trusted issuers (the JWT iss), each with the JWKS file of its keys.",
    )
    max_body_bytes: Annotated[int, Field(gt=0)] = Field(
        default=DEFAULT_MAX_BODY_BYTES, description="Larger request bodies are refused with 413."
    )
    ruleset: Path | None = Field(default=None, description="A ruleset directory; the bundled one if unset.")
    fetch_timeout_s: Annotated[float, Field(gt=0)] = Field(
        default=10.0, description="How long a call to the EHR's FHIR server may take."
    )
    leeway_s: Annotated[float, Field(ge=0, le=300)] = Field(
        default=0, description="Clock skew allowed when checking a token's exp."
    )
