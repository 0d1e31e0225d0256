"""Pieces of the cards' Markdown: findings by their clinical names, probabilities, the ruleset stamp."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import uuid4

from pydantic import BaseModel

from cdss.case.findings import Findings
from cdss.engine.assessment import RulesetStamp
from cdss.engine.render import finding_value

MARKDOWN_CHARACTERS = "\\`*_{}[]<>#|"
"""Characters that format Markdown; :func:`escape` puts a backslash before each."""
_ESCAPES = str.maketrans({char: "\\" + char for char in MARKDOWN_CHARACTERS})
SUMMARY_LIMIT = 139
"""CDS Hooks: a card's summary is under 140 characters."""
_NAMES = {"age": "Age (years)", "sex": "Sex"} | {
    name: field.title or name for name, field in Findings.model_fields.items()
}


def finding_name(name: str) -> str:
    return _NAMES.get(name, name)


def findings(values: Mapping[str, object]) -> str:
    """ "Saddle anaesthesia: yes; Age (years): 72" for the findings behind a conclusion."""
    return "; ".join(f"{finding_name(name)}: {finding_value(value)}" for name, value in values.items())


def percent(probability: float) -> str:
    """A percentage a clinician can read: 0.04 % stays 0.04 %, not 0.0 %."""
    return f"{probability:.1%}" if probability >= 0.001 else f"{probability * 100:.2g}%"


def summary(text: str) -> str:
    """The text cut to a card summary's length, with an ellipsis when cut."""
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def escape(text: str) -> str:
    """Text safe inside Markdown: characters that would format it are escaped."""
    return text.translate(_ESCAPES)


def source(stamp: RulesetStamp) -> dict[str, object]:
    """The card source: the ruleset's name and version (its sha256 is in the detail)."""
    return {"label": f"cdss {stamp.name} {stamp.version}"}


def stamp_line(stamp: RulesetStamp) -> str:
    return (
        f"*Ruleset {escape(stamp.name)} {escape(stamp.version)}, sha256 {stamp.sha256[:12]}. "
        "Decision support, not a diagnosis.*"
    )


def report_lines(report: BaseModel) -> list[str]:
    """Every non-empty list of a mapping report, one bullet per item with its fields."""
    lines = []
    for name, items in report:
        if not isinstance(items, tuple | list) or not items:
            continue
        lines.append(f"**{name.replace('_', ' ').capitalize()}**")
        for item in items:
            fields = item.model_dump() if isinstance(item, BaseModel) else {"item": item}
            shown = "; ".join(f"{key}: {value}" for key, value in fields.items() if value not in (None, ""))
            lines.append(f"- {escape(shown)}")
    return lines


def new_id() -> str:
    return str(uuid4())
