"""A case's summary as the JSON of a batch's lean line, written without building the summary.

The body is what :class:`cdss.engine.assessment.Summary` serialises to without its id (nulls left out),
byte for byte (tests check), but assembled from pieces of JSON: the pieces that depend only on the
ruleset, the setting and a rule or a cause (a red flag's reference, a counted rule's reference on a cause,
a cause's name, the ruleset's stamp) are written once, when the writer is built, by the same serialiser
(pydantic's); only what depends on the case (the triage, probabilities, the findings read, warnings) is
serialised per case. A lean line's cost is then mostly joining bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pydantic_core import to_json

from cdss.engine.assessment import NOT_COMPUTED, AskNext
from cdss.engine.conclusions import Conclusions, RuleIndex, Summariser, by_cause
from cdss.engine.scoring import Standing


class Lean(NamedTuple):
    """A case's summary as a lean line's JSON, with its conclusions beside it."""

    body: bytes
    """The summary's JSON without its id, nulls left out: byte for byte what ``Summary`` serialises to
    with ``exclude={"id"}, exclude_none=True`` (tests check)."""
    conclusions: Conclusions


Sides = tuple[list[tuple[int, bytes]], list[tuple[int, bytes]]]
"""A rule's references as JSON, with the cause (column) each is listed for: supporting, then refuting."""


class LeanWriter:
    """Writes lean bodies for one summariser (ruleset and setting). Safe to share between threads."""

    def __init__(self, summariser: Summariser, index: RuleIndex, setting: str) -> None:
        self._summariser = summariser
        self._index = index
        self._columns = summariser.columns
        self._column = summariser.column
        self._head = b'{"setting":' + to_json(setting) + b',"triage":'
        self._tail = b',"ruleset":' + to_json(summariser.stamp) + b"}"
        self._flags = {rule_id: to_json(ref) for rule_id, ref in summariser.flags}
        self._recommendations = {rule_id: b',"recommendation":' + to_json(rule_id) for rule_id in self._flags}
        self._sides: dict[str, Sides] = {
            rule_id: (
                [(column, to_json(ref)) for column, ref in ups],
                [(column, to_json(ref)) for column, ref in downs],
            )
            for rule_id, (ups, downs) in summariser.sides.items()
        }
        self._entries = {c: b'{"condition":' + to_json(c) + b',"probability":' for c in summariser.column}

    def lean(self, fact: Mapping[str, object], now: Standing, ask_next: tuple[AskNext, ...] | None) -> Lean:
        """The summary's JSON (without the id) and its conclusions."""
        conclusions = self._summariser.conclusions(now)
        fired = now.fired
        index = self._index
        flags = conclusions.red_flags  # the most urgent first: its recommendation is the patient's
        body = b"".join((
            self._head,
            to_json(conclusions.triage),
            self._recommendations[flags[0]] if flags else b"",
            b',"red_flags":[',
            b",".join([self._flags[rule_id] for rule_id in flags]),
            b'],"not_to_be_missed":',
            to_json(list(index.not_to_be_missed(fired))),
            b',"differential":[',
            self._differential(now, conclusions),
            b'],"ask_next":',
            to_json(NOT_COMPUTED if ask_next is None else ask_next),
            b',"warnings":',
            to_json(index.warnings_of(fact, fired)),
            b',"fired_rules":',
            to_json(conclusions.fired_rules),
            b',"findings":',
            to_json(index.findings_read(fact, fired)),
            self._tail,
        ))  # fmt: skip
        return Lean(body, conclusions)

    def _differential(self, now: Standing, conclusions: Conclusions) -> bytes:
        """The ranked entries, each with the counted rules listed for and against it, in ruleset order."""
        supporting, refuting = by_cause(now.counted.values(), self._sides, self._columns)
        ranked = conclusions.ranked
        # the probabilities as the serialiser writes them, all in one call
        probabilities = to_json([probability for _, probability in ranked])[1:-1].split(b",")
        first_by = now.first_by
        entries = []
        for (condition, _), probability in zip(ranked, probabilities, strict=True):
            column = self._column[condition]
            by = first_by.get(condition)
            entries.append(b"".join((
                self._entries[condition],
                probability,
                b"" if by is None else b',"ranked_first_by":' + to_json(by),
                b',"supporting":[',
                b",".join(supporting[column]),
                b'],"refuting":[',
                b",".join(refuting[column]),
                b"]}",
            )))  # fmt: skip
        return b",".join(entries)
