"""The models of a batch's lines, one per detail level: their JSON Schemas are what `cdss schema` prints.

A lean line is a :class:`cdss.Summary` with ``source`` and ``detail: "lean"``; a full line an
:class:`cdss.Assessment` with ``source`` and ``detail: "full"``; either kind of run writes
:class:`ErrorLine` for a case without a result. Every line of a run validates against its level's
schema (tests check).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, TypeAdapter

from cdss.batch.lines import Detail, ErrorLine
from cdss.engine.assessment import Assessment, Summary

_SOURCE = "The file the case came from, with :LINE for a line of a JSON Lines file."


class LeanLine(Summary):
    """A result line at the default detail: the conclusions by reference, texts left to the ruleset."""

    source: str = Field(description=_SOURCE)
    detail: Literal["lean"]


class FullLine(Assessment):
    """A result line with ``--detail full``: the whole assessment, every conclusion with its basis."""

    source: str = Field(description=_SOURCE)
    detail: Literal["full"]


LINES: dict[Detail, TypeAdapter[LeanLine | ErrorLine] | TypeAdapter[FullLine | ErrorLine]] = {
    "lean": TypeAdapter(LeanLine | ErrorLine),
    "full": TypeAdapter(FullLine | ErrorLine),
}
"""Per detail level, a line of a batch: a result or an error."""
