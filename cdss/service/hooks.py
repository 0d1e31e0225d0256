"""The CDS Hooks 2.0 request and feedback bodies the service accepts, as strict-enough pydantic models.

Field names follow the specification (camelCase in JSON). Unknown fields are allowed, as the
specification allows extensions; a required field missing or of the wrong type is a 400 naming it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cdss.service.outcome import RequestError, bad_request

FhirId = Annotated[str, Field(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]
"""A FHIR logical id: safe to put into a query of the EHR's FHIR server."""
_OPEN = ConfigDict(extra="allow", frozen=True, populate_by_name=True)
M = TypeVar("M", bound=BaseModel)


class FhirAuthorization(BaseModel):
    """The OAuth 2.0 access token the service may use to query the EHR's FHIR server."""

    model_config = _OPEN

    access_token: str = Field(min_length=1)
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str
    subject: str


class HookRequest(BaseModel):
    """One call of a hook: which hook, its instance, its context and whatever the EHR prefetched."""

    model_config = _OPEN

    hook: str = Field(min_length=1)
    hook_instance: UUID = Field(alias="hookInstance")
    fhir_server: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] | None = Field(
        default=None, alias="fhirServer"
    )
    fhir_authorization: FhirAuthorization | None = Field(default=None, alias="fhirAuthorization")
    context: dict[str, object]
    prefetch: dict[str, object] | None = None


class PatientContext(BaseModel):
    """The context of patient-view: who is looking at which patient."""

    model_config = _OPEN

    user_id: str = Field(alias="userId", min_length=1)
    patient_id: FhirId = Field(alias="patientId")
    encounter_id: str | None = Field(default=None, alias="encounterId")


class OrderSelectContext(PatientContext):
    """The context of order-select: the draft orders and which of them were just selected."""

    selections: list[str]
    draft_orders: dict[str, object] = Field(alias="draftOrders")


class Coding(BaseModel):
    model_config = _OPEN

    code: str = Field(min_length=1)
    system: str | None = None
    display: str | None = None


class OverrideReason(BaseModel):
    model_config = _OPEN

    reason: Coding | None = None
    user_comment: str | None = Field(default=None, alias="userComment")


class AcceptedSuggestion(BaseModel):
    model_config = _OPEN

    id: str = Field(min_length=1)


class FeedbackItem(BaseModel):
    """What the clinician did with one card."""

    model_config = _OPEN

    card: UUID
    outcome: Literal["accepted", "overridden"]
    accepted_suggestions: list[AcceptedSuggestion] = Field(default_factory=list, alias="acceptedSuggestions")
    override_reason: OverrideReason | None = Field(default=None, alias="overrideReason")
    outcome_timestamp: datetime = Field(alias="outcomeTimestamp")

    @model_validator(mode="after")
    def _fits_the_outcome(self) -> FeedbackItem:
        if self.outcome == "accepted" and self.override_reason is not None:
            raise ValueError("an accepted card has no overrideReason")
        if self.outcome == "overridden" and self.accepted_suggestions:
            raise ValueError("an overridden card has no acceptedSuggestions")
        return self


class Feedback(BaseModel):
    model_config = _OPEN

    feedback: list[FeedbackItem] = Field(min_length=1)


def parsed(model: type[M], data: object, what: str) -> M:
    """``data`` as the model, or a 400 :class:`RequestError` naming every field that is wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _request_error(error, what) from error


def _request_error(error: ValidationError, what: str) -> RequestError:
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        where = ".".join(str(step) for step in item["loc"])
        problems.append(f"{where}: {item['msg']}" if where else item["msg"])
    return bad_request(f"{what}: " + "; ".join(problems), kind="invalid-request")
