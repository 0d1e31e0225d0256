"""Error messages are bounded and quote only the wrong value; any Mapping is a case (issue 13, item 4)."""

from __future__ import annotations

import collections
import types
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cdss
from cdss.errors import brief

HUGE = "x" * 10_000_000
LIMIT = 400
"""Longer than any of these messages may be: a case label, a field and a value, each at most 80 long."""

HOSTILE: dict[str, dict[str, Any]] = {
    "a 10 MB id": {"id": HUGE, "findings": {"slr": "positive"}},
    "a 10 MB unknown key in findings": {"id": "c1", "findings": {HUGE: True}},
    "a 10 MB unknown key in the case": {"id": "c1", HUGE: 1},
    "a 10 MB wrong value": {"id": "c1", "findings": {"slr": HUGE}},
    "a 10 MB wrong age": {"id": "c1", "age": HUGE},
    "a 10 MB list for findings": {"id": "c1", "findings": [HUGE]},
}


@pytest.mark.parametrize("case", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_huge_input_gives_a_short_message_eliding_it_in_the_middle(case: dict[str, Any]) -> None:
    with pytest.raises(cdss.CaseError) as caught:
        cdss.evaluate(case)
    message = str(caught.value)
    assert len(message) < LIMIT, message[:LIMIT]
    assert "xxx...xxx" in message
    assert all(len(str(problem)) < LIMIT for problem in caught.value.problems)


def test_a_message_quotes_the_wrong_finding_and_no_other() -> None:
    case = {
        "id": "c1",
        "age": 83,
        "findings": {
            "pain_distribution": "bilateral",
            "slr_angle_deg": 37.5,
            "fever": "told nobody but her GP",
        },
    }
    with pytest.raises(cdss.CaseError) as caught:
        cdss.evaluate(case)
    message = str(caught.value)
    assert "fever" in message
    assert "told nobody but her GP" in message
    for other in ("83", "bilateral", "37.5", "slr_angle_deg", "pain_distribution"):
        assert other not in message


@given(text=st.text(st.characters(blacklist_characters="."), max_size=300), limit=st.integers(5, 120))
def test_brief_keeps_short_text_and_elides_long_text_in_the_middle(text: str, limit: int) -> None:
    shortened = brief(text, limit)
    if len(text) <= limit:
        assert shortened == text
        return
    head, tail = shortened.split("...")
    assert len(shortened) == limit
    assert text.startswith(head)
    assert text.endswith(tail)
    assert 0 <= len(head) - len(tail) <= 1


class Record(Mapping[str, object]):
    """A read-only mapping that is not a dict, as an EHR integration might hand over."""

    def __init__(self, **fields: object) -> None:
        self._fields = fields

    def __getitem__(self, key: str) -> object:
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)


STENOSIS: dict[str, Any] = {
    "id": "c1",
    "age": 71,
    "sex": "female",
    "findings": {"neurogenic_claudication": True, "relief_sitting": True, "slr": "negative"},
}
MAPPINGS: dict[str, Mapping[str, object]] = {
    "mappingproxy": types.MappingProxyType(STENOSIS),
    "mappingproxy findings": {**STENOSIS, "findings": types.MappingProxyType(STENOSIS["findings"])},
    "ChainMap": collections.ChainMap(STENOSIS),
    "a Mapping subclass": Record(**{**STENOSIS, "findings": Record(**STENOSIS["findings"])}),
}


@pytest.mark.parametrize("case", MAPPINGS.values(), ids=MAPPINGS.keys())
def test_any_mapping_is_a_case(engine: cdss.Engine, case: Mapping[str, object]) -> None:
    assert engine.evaluate(case) == engine.evaluate(STENOSIS)
    assert engine.summarise(case) == engine.summarise(STENOSIS)
    assert cdss.evaluate(case) == engine.evaluate(STENOSIS)


def test_a_wrong_value_in_a_mapping_is_named_like_in_a_dict() -> None:
    record = types.MappingProxyType({**STENOSIS, "findings": Record(slr="sideways")})
    with pytest.raises(cdss.CaseError) as caught:
        cdss.evaluate(record)
    assert [problem.field for problem in caught.value.problems] == ["findings.slr"]
    assert "'sideways'" in str(caught.value)
    assert "neurogenic" not in str(caught.value)
