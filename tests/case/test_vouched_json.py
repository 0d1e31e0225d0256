"""The fast JSON reading of a line (pydantic-core's parser) gives what the exact reading gives, or nothing.

:func:`vouched_json` may decline any text; it must never return something other than what
:func:`parse_json` returns for the same text, and never vouch for text with a repeated key.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdss.batch.inputs import parse_json_line
from cdss.case.files import parse_json, vouched_json
from cdss.errors import CaseError

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
_OBJECTS = st.dictionaries(st.text(max_size=8), _VALUES, max_size=6)
_LAYOUTS = st.sampled_from([{}, {"indent": 1}, {"separators": (",", ":")}, {"ensure_ascii": False}])


def _same(left: object, right: object) -> bool:
    """Equal, with NaN equal to NaN and -0.0 told from 0.0 (as ``repr`` tells them)."""
    if isinstance(left, float) and isinstance(right, float):
        return (math.isnan(left) and math.isnan(right)) or repr(left) == repr(right)
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right, strict=True))
    return type(left) is type(right) and left == right


def _strings(value: object) -> list[str]:
    """Every string in a value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [key, *_strings(item)]]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _exact(data: bytes) -> object:
    """What the exact reading makes of the bytes, or the exception it raises."""
    try:
        return parse_json(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:
        return error


@given(_OBJECTS, _LAYOUTS)
def test_vouched_objects_are_the_exact_reading(value: dict[str, object], layout: dict[str, object]) -> None:
    data = json.dumps(value, **layout).encode()  # type: ignore[arg-type]
    vouched = vouched_json(data)
    assert vouched is None or _same(vouched, _exact(data))
    if all(":" not in text and text.isprintable() for text in _strings(value)):
        assert vouched is not None  # the fast reading is taken whenever nothing stands in its way


@given(st.binary(max_size=60) | _OBJECTS.map(lambda value: json.dumps(value).encode()[:-1]))
def test_anything_else_is_declined_or_read_exactly(data: bytes) -> None:
    vouched = vouched_json(data)
    if vouched is not None:
        exact = _exact(data)
        assert not isinstance(exact, Exception), f"{data!r} vouched for, but the exact reading refuses it"
        assert _same(vouched, exact)


@given(_OBJECTS.filter(bool), st.data())
def test_a_repeated_key_is_never_vouched_for(value: dict[str, object], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(value)))
    text = json.dumps(value)
    repeated = f"{text[:-1]}, {json.dumps(key)}: {json.dumps(value[key])}}}".encode()
    assert vouched_json(repeated) is None
    with pytest.raises(CaseError) as caught:
        parse_json_line(repeated, "cases.jsonl:7")
    assert caught.value.problems[0].kind == "invalid_syntax"
    assert "duplicate key" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        b'{"id": "c1", "findings": {"slr": "positive", "slr": "negative"}}',  # a repeated key, nested
        b'{"id": "c1", "source": "clinic 12:30"}',  # a colon in a string
        b'\xef\xbb\xbf{"id": "c1"}',  # a byte-order mark
        b'{"id": "\\ud800"}',  # a lone surrogate
        b"[1, 2]",  # not an object
    ],
)
def test_declined_lines_still_read_exactly(data: bytes) -> None:
    assert vouched_json(data) is None
    exact = _exact(data)
    if isinstance(exact, Exception):
        with pytest.raises(CaseError):
            parse_json_line(data, "cases.jsonl:1")
    else:
        assert _same(parse_json_line(data, "cases.jsonl:1"), exact)


def test_a_plain_case_line_is_read_fast() -> None:
    line = b'{"id": "c1", "age": 44, "findings": {"slr": "positive", "slr_angle_deg": 35.5}}\n'
    assert vouched_json(line) == {
        "id": "c1",
        "age": 44,
        "findings": {"slr": "positive", "slr_angle_deg": 35.5},
    }
