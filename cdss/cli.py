"""The ``cdss`` command line: evaluate a case, inspect and check rulesets, print JSON Schemas.

Exit codes: 0 success, 1 invalid input or a failed check, 2 usage error. Errors are one line on stderr,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from cdss.batch.command import add_batch_command
from cdss.batch.explain import add_explain_command
from cdss.batch.schemas import LINES
from cdss.case.files import read_case_file
from cdss.case.findings import Case
from cdss.case.validate import validate_case
from cdss.engine.assessment import Assessment
from cdss.engine.compiling import compile_ruleset
from cdss.engine.engine import CDSS_VERSION, Engine
from cdss.engine.matching import DURABLE_RULES_VERSION
from cdss.engine.render import render
from cdss.errors import CdssError, did_you_mean
from cdss.reports.series import add_validate_command
from cdss.reports.slope import add_calibrate_command
from cdss.reports.specs import add_specs_command
from cdss.reports.validation import report_markdown
from cdss.rules.conditions import written
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Rule, Ruleset
from cdss.service.command import add_serve_command

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SCHEMAS: dict[str, type[BaseModel]] = {"case": Case, "assessment": Assessment}
LINE_SCHEMAS = {"batch-line": LINES["lean"], "batch-line-full": LINES["full"]}
"""A line of `cdss batch` (a result or an error) at the default detail (lean) and with --detail full."""


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def _evaluate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    case = validate_case(read_case_file(path), label=str(path))
    with Engine(args.ruleset, setting=args.setting, cache_size=0) as engine:
        assessment = engine.evaluate(case)
    print(_dump(assessment.model_dump(mode="json")) if args.json else render(assessment))
    return EXIT_OK


def _rule_rows(ruleset: Ruleset) -> list[dict[str, object]]:
    return [
        {
            "id": rule.id,
            "topic": rule.topic,
            "statement": rule.statement,
            "conclusion": rule.then.model_dump(mode="json"),
            "source": rule.source,
            "strength": rule.strength,
            "version": rule.version,
            "file": rule.file,
        }
        for rule in ruleset.rules
    ]


def _rules_list(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.ruleset)
    rows = _rule_rows(ruleset)
    if args.json:
        print(
            _dump(
                {
                    "ruleset": {
                        "name": ruleset.info.name,
                        "version": ruleset.info.version,
                        "sha256": ruleset.sha256,
                    },
                    "rules": rows,
                }
            )
        )
    else:
        for row in rows:
            print(f"{row['id']}  [{row['strength']}]  {row['statement']}")
    return EXIT_OK


def _rules_show(args: argparse.Namespace) -> int:
    """Each named rule in full: its condition as written and as matched, its conclusion, its evidence."""
    ruleset = load_ruleset(args.ruleset)
    by_id = {rule.id: rule for rule in ruleset.rules}
    for rule_id in args.ids:
        if rule_id not in by_id:
            named = f"{ruleset.info.name} {ruleset.info.version}"
            raise CdssError(f"no rule {rule_id!r} in {named}{did_you_mean(rule_id, by_id)}")
    shown = [by_id[rule_id] for rule_id in args.ids]
    if args.json:
        print(_dump([_rule_in_full(rule) for rule in shown]))
        return EXIT_OK
    for rule in shown:
        print("\n".join(_rule_text(_rule_in_full(rule))) + "\n")
    return EXIT_OK


def _rule_in_full(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "version": rule.version,
        "topic": rule.topic,
        "file": f"{rule.file}:{rule.line}" if rule.line else rule.file,
        "statement": rule.statement,
        "when": written(rule.when),
        "matches": written(rule.matches),
        "then": rule.then.model_dump(mode="json"),
        "source": rule.source,
        "strength": rule.strength,
        "note": rule.note,
    }


def _rule_text(full: dict[str, object]) -> list[str]:
    lines = [f"{full['id']} (version {full['version']}, {full['file']})"]
    for key in ("statement", "when", "matches", "then", "source", "strength", "note"):
        value = full[key]
        if value is not None and not (key == "matches" and value == full["when"]):
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            lines.append(f"  {key}: {shown}")
    return lines


def _rules_check(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.path)
    compile_ruleset(ruleset).close()  # the C core's own limits, met only by compiling
    print(
        f"ok: {ruleset.info.name} {ruleset.info.version}: {len(ruleset.rules)} rules, "
        f"{len(ruleset.diagnoses)} diagnoses, sha256 {ruleset.sha256}"
    )
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    model = SCHEMAS.get(args.model)
    print(_dump(LINE_SCHEMAS[args.model].json_schema() if model is None else model.model_json_schema()))
    return EXIT_OK


class _Version(argparse.Action):
    """``--version``: cdss, the bundled ruleset and durable_rules, each with its version; the ruleset is
    loaded only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 - argparse's signature
        values: str | Sequence[object] | None,  # noqa: ARG002
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        info = load_ruleset().info
        print(
            f"cdss {CDSS_VERSION}\nruleset {info.name} {info.version}\ndurable_rules {DURABLE_RULES_VERSION}"
        )
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdss",
        description="Decision support for back pain radiating to the leg: triage, ranked differential, "
        "and the evidence behind every conclusion.",
    )
    parser.add_argument(
        "--version", action=_Version, help="print the versions of cdss, its bundled ruleset and durable_rules"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    evaluate = commands.add_parser("evaluate", help="assess one case file (JSON or YAML)")
    evaluate.add_argument("file", help="a case file in the case format")
    evaluate.add_argument("--json", action="store_true", help="print the assessment as JSON")
    evaluate.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    evaluate.add_argument(
        "--setting", metavar="NAME", help="whose priors to use: primary_care (the default) or secondary_care"
    )
    evaluate.set_defaults(run=_evaluate)

    rules = commands.add_parser("rules", help="list or check rules").add_subparsers(
        dest="rules_command", required=True, metavar="SUBCOMMAND"
    )
    listing = rules.add_parser("list", help="every rule's id, statement and conclusion")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    listing.set_defaults(run=_rules_list)
    show = rules.add_parser(
        "show", help="rules in full, by id: condition, conclusion, source, strength, note"
    )
    show.add_argument("ids", nargs="+", metavar="ID", help="a rule id, e.g. CES-002")
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    show.set_defaults(run=_rules_show)
    check = rules.add_parser("check", help="validate a ruleset directory and report every problem")
    check.add_argument("path", nargs="?", help="a ruleset directory (default: the bundled one)")
    check.set_defaults(run=_rules_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of a case or of an assessment")
    schema.add_argument("model", choices=sorted([*SCHEMAS, *LINE_SCHEMAS]), help="which schema")
    schema.set_defaults(run=_schema)
    add_batch_command(commands, render_report=report_markdown)
    add_explain_command(commands)
    add_specs_command(commands)
    add_validate_command(commands)
    add_calibrate_command(commands)
    add_serve_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error worth a message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except CdssError as error:
        print(f"cdss: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"cdss: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())
