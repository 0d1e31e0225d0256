"""The command line: readable and JSON output, one-line errors with meaningful exit codes, tested help."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from cdss.cli import build_parser, main
from cdss.rules.conditions import AllOf, Compare, Concluded, written
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cauda_equina" / "ces-03.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_prints_the_triage_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "evaluate", str(EXAMPLE))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[1] == "TRIAGE: EMERGENCY"
    assert "1. Cauda equina syndrome" in out
    assert "CES-003" in out


def test_evaluate_json_is_the_result_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "evaluate", str(EXAMPLE), "--json")
    result = json.loads(out)
    assert code == 0
    assert result["id"] == "ces-03"
    assert result["triage"] == "emergency"
    assert result["differential"][0]["condition"] == "cauda_equina"
    assert set(result["ruleset"]) == {"name", "version", "sha256"}


def test_a_yaml_case_file_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("id: y1\nage: 70\nfindings:\n  relief_leaning_forward: true\n")
    code, out, _ = _run(capsys, "evaluate", str(path), "--json")
    assert code == 0
    assert json.loads(out)["id"] == "y1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"id": "c9", "findings": {"slrr": "positive"}}',
            "cdss: case c9: findings.slrr: unknown key; did you mean 'slr'?",
        ),
        (b'{"id": "c9", "age": NaN}', "cdss: case c9: age: must be a whole number; got nan"),
        (b"[1, 2]", "cdss: case {path}: a case must be a JSON object; got list"),
        (b"", "cdss: case {path}: the file is empty"),
        (b"\xff\xfe{", "cdss: case {path}: not UTF-8 text (byte 0)"),
        (
            b'{"id": "c9",',
            "cdss: case {path}: not valid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 13 (char 12)",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = _run(capsys, "evaluate", str(path))
    assert code == 1
    assert out == ""
    assert err == message.format(path=path) + "\n"


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "evaluate", str(tmp_path / "nope.json"))
    assert code == 1
    assert err == f"cdss: case {tmp_path / 'nope.json'}: cannot read the file: No such file or directory\n"


def test_rules_list_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "list", "--json")
    listing = json.loads(out)
    assert code == 0
    ids = [rule["id"] for rule in listing["rules"]]
    assert len(ids) == len(set(ids)) >= 80
    first = listing["rules"][0]
    assert {"id", "statement", "conclusion", "source", "strength", "version"} <= set(first)


def test_rules_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "list")
    assert code == 0
    assert out.splitlines()[0].startswith("CES-001  [guideline]  ")


def test_rules_check_reports_ok_and_every_problem(
    ruleset_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "rules", "check", str(ruleset_copy))
    assert code == 0
    assert out.startswith("ok: lumbar-radicular-pain")
    path = ruleset_copy / "rules" / "mimics.yaml"
    path.write_text(path.read_text().replace("pedal_pulses_reduced: true", "pedal_pulse_reduced: true", 1))
    code, out, err = _run(capsys, "rules", "check", str(ruleset_copy))
    assert code == 1
    assert err == (
        "cdss: rules/mimics.yaml:6: rule VAS-001: when.pedal_pulse_reduced: unknown finding "
        "'pedal_pulse_reduced'; did you mean 'pedal_pulses_reduced'?\n"
    )


def test_rules_show_prints_each_rule_in_full(capsys: pytest.CaptureFixture[str], ruleset: Ruleset) -> None:
    code, out, _ = _run(capsys, "rules", "show", "CES-002", "NEU-001", "--json")
    assert code == 0
    shown = {rule["id"]: rule for rule in json.loads(out)}
    for rule_id, rule in shown.items():
        source = next(rule for rule in ruleset.rules if rule.id == rule_id)
        assert (rule["statement"], rule["source"], rule["strength"], rule["note"]) == (
            source.statement, source.source, source.strength, source.note)  # fmt: skip
        assert rule["then"] == source.then.model_dump(mode="json")
    assert shown["CES-002"]["when"] == {"saddle_anaesthesia": True}
    assert shown["NEU-001"]["when"]["any"][0] == {"myotomal_weakness": True}
    code, out, _ = _run(capsys, "rules", "show", "CES-002")
    assert code == 0
    assert out.startswith("CES-002 (version 1, rules/cauda_equina.yaml:")
    assert "  recommendation" not in out
    assert "Consider same-day emergency MRI" in out


def test_rules_show_names_an_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "rules", "show", "CES-002", "CES-02")
    assert code == 1
    assert err == "cdss: no rule 'CES-02' in lumbar-radicular-pain 0.5.0; did you mean 'CES-023'?\n"


def test_rules_show_writes_conditions_in_the_ruleset_notation() -> None:
    assert written(Compare("age", "ge", 50)) == {"age": {"at_least": 50}}
    assert written(Compare("reflex_change", "ne", "none")) == {"reflex_change": {"is_not": "none"}}
    assert written(AllOf((Compare("slr", "eq", "positive"), Concluded("radicular_pattern")))) == {
        "all": [{"slr": "positive"}, {"concluded": "radicular_pattern"}]
    }


@pytest.mark.parametrize("model", ["case", "assessment"])
def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str], model: str) -> None:
    code, out, _ = _run(capsys, "schema", model)
    assert code == 0
    assert json.loads(out)["type"] == "object"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    out, _ = capsys.readouterr()
    assert exited.value.code == 0
    for command in ("evaluate", "rules", "schema"):
        assert command in out


def test_a_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["evaluate"])
    _, err = capsys.readouterr()
    assert exited.value.code == 2
    assert "the following arguments are required: file" in err


def test_a_key_repeated_in_one_object_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"id": "d1", "findings": {"fever": true, "fever": false}}')
    code, _, err = _run(capsys, "evaluate", str(path))
    assert code == 1
    assert err == f"cdss: case {path}: not valid JSON: duplicate key 'fever' in one object\n"


def test_a_byte_order_mark_is_not_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"id": "b1", "findings": {"fever": false}}')
    code, out, _ = _run(capsys, "evaluate", str(path), "--json")
    assert code == 0
    assert json.loads(out)["id"] == "b1"


def test_version_names_cdss_the_ruleset_and_durable_rules(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    out, err = capsys.readouterr()
    info = load_ruleset().info
    assert (exited.value.code, err) == (0, "")
    assert out.splitlines() == [
        f"cdss {version('cdss')}",
        f"ruleset {info.name} {info.version}",
        f"durable_rules {version('durable-rules')}",
    ]
    assert "--version" in build_parser().format_help()
