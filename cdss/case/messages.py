"""Pydantic validation errors turned into one-line problems a person can act on."""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Collection, Iterator
from typing import get_args

from pydantic import BaseModel, ValidationError

from cdss.errors import BRIEF, FieldProblem, brief, did_you_mean

__all__ = ["FieldProblem", "KeysAt", "Loc", "model_keys", "problems", "shown"]

Loc = tuple[str | int, ...]
KeysAt = Callable[[Loc], Collection[str]]
"""The keys allowed in the mapping at a location, for "did you mean" suggestions."""

_PLAIN = {
    "missing": "is required but missing",
    "bool_type": "must be true or false (leave it out, or null, when not examined)",
    "bool_parsing": "must be true or false (leave it out, or null, when not examined)",
    "string_type": "must be a string",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "dict_type": "must be an object (a mapping of names to values)",
    "model_type": "must be an object (a mapping of names to values)",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
}


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = (
    2,
    6,
    6,
    BRIEF,
    BRIEF,
)


def shown(value: object) -> str:
    """A short rendering of an offending input, in bounded time however large or nested it is."""
    return brief(_SHORT.repr(value))


def _nested_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def model_keys(model: type[BaseModel]) -> KeysAt:
    """The keys allowed at each location of a model's input, following nested models and lists."""

    def keys_at(loc: Loc) -> Collection[str]:
        current: type[BaseModel] | None = model
        for step in loc:
            if isinstance(step, int) or current is None:
                continue
            field = current.model_fields.get(step)
            current = _nested_model(field.annotation) if field is not None else None
        return tuple(current.model_fields) if current is not None else ()

    return keys_at


def problems(error: ValidationError, keys_at: KeysAt) -> Iterator[FieldProblem]:
    """One problem per pydantic error, with a stable kind and a sentence naming what was given."""
    for detail in error.errors(include_url=False):
        loc = tuple(
            brief(step) if isinstance(step, str) else step
            for step in detail["loc"]
            if not (isinstance(step, str) and "[" in step)
        )
        kind = detail["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            yield FieldProblem(loc, "unknown_key", f"unknown key{did_you_mean(key, keys_at(loc[:-1]))}")
            continue
        sentence = _PLAIN.get(kind)
        if sentence is None:
            text = str(detail["msg"])
            sentence = text[:1].lower() + text[1:]
        if kind != "missing":
            sentence += f"; got {shown(detail.get('input'))}"
        yield FieldProblem(loc, kind, sentence)
