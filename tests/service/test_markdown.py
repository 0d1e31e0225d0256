"""Markdown escaping of the cards' text: nothing of the text formats, and the text reads back whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cdss.service.markdown import MARKDOWN_CHARACTERS, escape


def _read_back(escaped: str) -> str:
    """The text a Markdown reader shows for ``escaped``; fails on a formatting character left bare."""
    shown, index = [], 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert escaped[index + 1 : index + 2] in tuple(MARKDOWN_CHARACTERS), escaped
            shown.append(escaped[index + 1])
            index += 2
        else:
            assert char not in MARKDOWN_CHARACTERS, escaped
            shown.append(char)
            index += 1
    return "".join(shown)


@given(text=st.text(alphabet=st.sampled_from(MARKDOWN_CHARACTERS) | st.characters()))
def test_escaped_text_formats_nothing_and_reads_back_whole(text: str) -> None:
    assert _read_back(escape(text)) == text


def test_a_finding_with_markdown_in_it_is_escaped() -> None:
    assert escape("L5 *radiculopathy* [left] #1") == r"L5 \*radiculopathy\* \[left\] \#1"
