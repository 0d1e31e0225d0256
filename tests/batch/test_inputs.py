"""Finding and reading batch inputs: folders, globs, JSON Lines, and every way a file can be hostile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cdss.batch import inputs as batch_inputs
from cdss.batch.inputs import UsageError, WorkItem, check_inputs, discover, load_item
from cdss.errors import CaseError


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _kind(item: WorkItem) -> str:
    with pytest.raises(CaseError) as caught:
        load_item(item)
    assert caught.value.case == item.source
    return caught.value.problems[0].kind


def test_a_folder_is_walked_recursively_in_sorted_order_skipping_hidden_and_other_files(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {
        "b.json": b"{}", "a.yaml": b"{}", "sub/c.yml": b"{}", "sub/deeper/d.json": b"{}",
        "README.md": b"# not a case", ".hidden.json": b"{}", ".git/e.json": b"{}", "notes.txt": b"",
    })  # fmt: skip
    sources = [item.source for item in discover([str(tmp_path)])]
    assert sources == [
        str(tmp_path / name) for name in ("a.yaml", "b.json", "sub/c.yml", "sub/deeper/d.json")
    ]


def test_items_are_numbered_in_input_order_across_inputs(tmp_path: Path) -> None:
    _write(tmp_path, {"one.json": b"{}", "many.jsonl": b'{"id": "x"}\n{"id": "y"}\n', "two.json": b"{}"})
    inputs = [str(tmp_path / "one.json"), str(tmp_path / "many.jsonl"), str(tmp_path / "two.json")]
    items = list(discover(inputs))
    assert [item.seq for item in items] == [0, 1, 2, 3]
    assert [item.source for item in items][1:3] == [f"{inputs[1]}:1", f"{inputs[1]}:2"]


def test_a_json_lines_file_gives_one_item_per_non_blank_line_numbered_from_one(tmp_path: Path) -> None:
    _write(tmp_path, {"cases.jsonl": b'{"id": "a"}\n\n   \n{"id": "b"}\r\n{"id": "c"}'})
    items = list(discover([str(tmp_path / "cases.jsonl")]))
    assert [item.source.rsplit(":", 1)[1] for item in items] == ["1", "4", "5"]
    assert [load_item(item) for item in items] == [{"id": "a"}, {"id": "b"}, {"id": "c"}]


def test_a_glob_is_expanded_and_sorted(tmp_path: Path) -> None:
    _write(tmp_path, {"x/b.json": b"{}", "x/a.json": b"{}", "y/c.json": b"{}", "x/skip.yaml": b"{}"})
    sources = [item.source for item in discover([str(tmp_path / "*" / "*.json")])]
    assert sources == [str(tmp_path / "x/a.json"), str(tmp_path / "x/b.json"), str(tmp_path / "y/c.json")]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    _write(tmp_path, {"case.txt": b'{"id": "t"}', "lines.ndjson": b'{"id": "n"}\n'})
    items = list(discover([str(tmp_path / "case.txt"), str(tmp_path / "lines.ndjson")]))
    assert [load_item(item) for item in items] == [{"id": "t"}, {"id": "n"}]


@pytest.mark.parametrize("name", ["missing.json", "missing-folder", "nothing-*.json"])
def test_an_input_that_names_nothing_is_a_usage_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match=r"no such file|no file matches"):
        check_inputs([str(tmp_path / name)])


def test_existing_inputs_pass_the_check(tmp_path: Path) -> None:
    _write(tmp_path, {"a.json": b"{}"})
    check_inputs([str(tmp_path), str(tmp_path / "a.json"), str(tmp_path / "*.json")])


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("broken.json", b'{"id": "b", "findings": {', "invalid_syntax"),
        ("broken.yaml", b"id: [unclosed\n", "invalid_syntax"),
        ("empty.json", b"", "empty"),
        ("blank.yaml", b"  \n\n", "empty"),
        ("latin1.json", '{"id": "café"}'.encode("latin-1"), "not_utf8"),
        ("deep.json", b"[" * 200_000, "invalid_syntax"),
    ],
)
def test_a_hostile_case_file_is_a_case_error_of_a_stable_kind(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    _write(tmp_path, {name: content})
    (item,) = discover([str(tmp_path)])
    assert _kind(item) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [(b"not json", "invalid_syntax"), (b'{"id": "\xff"}', "not_utf8"), (b"[" * 200_000, "invalid_syntax")],
)
def test_a_hostile_json_lines_line_is_a_case_error_naming_the_line(
    tmp_path: Path, line: bytes, kind: str
) -> None:
    _write(tmp_path, {"cases.jsonl": b'{"id": "ok"}\n' + line + b"\n"})
    items = list(discover([str(tmp_path)]))
    assert items[1].source.endswith("cases.jsonl:2")
    assert _kind(items[1]) == kind


def test_nan_and_infinities_parse_so_that_validation_names_the_field(tmp_path: Path) -> None:
    _write(tmp_path, {"cases.jsonl": b'{"age": NaN, "findings": {"slr_angle_deg": Infinity}}\n'})
    (item,) = discover([str(tmp_path)])
    data = load_item(item)
    assert isinstance(data, dict)
    assert data["age"] != data["age"]
    assert data["findings"]["slr_angle_deg"] == float("inf")


def test_an_empty_json_lines_file_is_one_error_naming_the_file(tmp_path: Path) -> None:
    _write(tmp_path, {"empty.jsonl": b"\n  \n"})
    (item,) = discover([str(tmp_path)])
    assert item.source == str(tmp_path / "empty.jsonl")
    assert _kind(item) == "empty"


def test_a_file_removed_after_discovery_is_reported_as_vanished(tmp_path: Path) -> None:
    _write(tmp_path, {"a.json": b'{"id": "a"}', "b.json": b'{"id": "b"}'})
    items = list(discover([str(tmp_path)]))
    (tmp_path / "b.json").unlink()
    assert load_item(items[0]) == {"id": "a"}
    assert _kind(items[1]) == "vanished"


def test_a_json_lines_file_removed_while_the_folder_is_walked_is_reported_as_vanished(tmp_path: Path) -> None:
    _write(tmp_path, {"a.jsonl": b'{"id": "a"}\n', "b.jsonl": b'{"id": "b"}\n'})
    items = discover([str(tmp_path)])
    first = next(items)  # the folder has been listed; b.jsonl is not open yet
    (tmp_path / "b.jsonl").unlink()
    (second,) = list(items)
    assert load_item(first) == {"id": "a"}
    assert second.source == str(tmp_path / "b.jsonl")
    assert _kind(second) == "vanished"


def test_an_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")  # unreadable even by root: ELOOP
    (tmp_path / "loop.jsonl").symlink_to(tmp_path / "loop.jsonl")
    items = list(discover([str(tmp_path)]))
    assert [_kind(item) for item in items] == ["unreadable", "unreadable"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    _write(tmp_path, {"secret.json": b'{"id": "s"}'})
    (tmp_path / "secret.json").chmod(0)
    (item,) = discover([str(tmp_path)])
    assert _kind(item) == "unreadable"


def test_oversized_inputs_are_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_inputs, "MAX_CASE_BYTES", 64)
    big = b'{"id": "big", "pad": "' + b"x" * 200 + b'"}'
    _write(tmp_path, {"big.json": big, "lines.jsonl": big + b'\n{"id": "after"}\n'})
    items = list(discover([str(tmp_path)]))
    assert [item.source.rsplit("/", 1)[1] for item in items] == ["big.json", "lines.jsonl:1", "lines.jsonl:2"]
    assert [_kind(items[0]), _kind(items[1])] == ["too_large", "too_large"]
    assert load_item(items[2]) == {"id": "after"}
