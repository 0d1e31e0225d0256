"""Refusals of the service: an HTTP status and a FHIR OperationOutcome that names the problem."""

from __future__ import annotations

from typing import Literal

from cdss.errors import CdssError

IssueType = Literal[
    "invalid", "structure", "required", "value", "security", "login", "expired", "not-supported",
    "not-found", "too-long", "incomplete", "processing", "exception",
]  # fmt: skip
"""The FHIR R4 IssueType codes the service uses."""


class RequestError(CdssError):
    """A request the service answers with an error status and an OperationOutcome.

    ``kind`` is a short stable word for the log (never the diagnostics, which may quote the request).
    """

    def __init__(self, status: int, code: IssueType, diagnostics: str, *, kind: str) -> None:
        self.status = status
        self.code = code
        self.diagnostics = diagnostics
        self.kind = kind
        super().__init__(diagnostics)

    def outcome(self) -> dict[str, object]:
        return operation_outcome(self.code, self.diagnostics)


def operation_outcome(code: IssueType, diagnostics: str) -> dict[str, object]:
    """A FHIR R4 OperationOutcome with one error issue."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}],
    }


def bad_request(diagnostics: str, *, kind: str, code: IssueType = "invalid") -> RequestError:
    return RequestError(400, code, diagnostics, kind=kind)


def unauthorized(diagnostics: str) -> RequestError:
    return RequestError(401, "login", diagnostics, kind="unauthorized")


def precondition_failed(diagnostics: str) -> RequestError:
    return RequestError(412, "incomplete", diagnostics, kind="prefetch-missing")
