"""Command line: `python -m casus.deadlines TYPE --received YYYY-MM-DD [...]`.

Prints how a due date is counted, in Dutch (`--format text`, the default) or as JSON. Bad input
exits with status 2 and a Dutch message on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from .engine import Suspension, compute_deadline, deadline_status, filing_check
from .explain import explain_deadline, explain_penalty, explain_status
from .penalty import compute_penalty
from .rules import RULES, DeadlineError, get_rule, parse_term

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def parse_date(text: str) -> date:
    """A date as YYYY-MM-DD (or DD-MM-YYYY), with a Dutch error for anything else."""
    text = text.strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DUTCH.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise DeadlineError(f"'{text}' is geen datum. Schrijf JJJJ-MM-DD, bijvoorbeeld 2026-05-26.")
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(f"'{text}' bestaat niet als datum.") from None


def parse_suspension(text: str) -> Suspension:
    start, sep, end = text.partition(":")
    if not sep:
        raise DeadlineError(f"Opschorting '{text}' moet de vorm VAN:TOT hebben, bijvoorbeeld 2026-03-02:2026-03-16.")
    return Suspension(parse_date(start), parse_date(end))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m casus.deadlines",
        description="Bereken de uiterste datum van een zaak volgens de Awb en de Algemene termijnenwet.",
    )
    parser.add_argument("type", metavar="TYPE", help=f"zaaktype: {', '.join(RULES)}")
    parser.add_argument("--received", required=True, help="datum van ontvangst (JJJJ-MM-DD)")
    parser.add_argument("--decision-sent", help="bezwaar: verzenddatum van het bestreden besluit")
    parser.add_argument("--posted", help="bezwaar: datum van de poststempel (Awb 6:9 lid 2)")
    parser.add_argument("--committee", action="store_true", help="met adviescommissie (klacht 10, bezwaar 12 weken)")
    parser.add_argument("--postponed", action="store_true", help="verdaagd met de wettelijke verdaging")
    parser.add_argument("--extended-to", help="verder uitgesteld tot deze afgesproken datum")
    parser.add_argument(
        "--suspension", action="append", default=[], metavar="FROM:TO",
        help="opschorting van verzoek (FROM) tot aanvulling (TO); mag vaker",
    )  # fmt: skip
    parser.add_argument("--default-notice", help="datum van ontvangst van de ingebrekestelling (dwangsom)")
    parser.add_argument("--on", help="peildatum voor status en dwangsom (standaard: vandaag)")
    parser.add_argument("--term", help="eigen servicenorm van de organisatie, bijvoorbeeld 3w of 10wd")
    parser.add_argument("--warning-days", type=int, default=5, help="werkdagen waarin een termijn 'dreigt' (5)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    return parser


def _optional_date(text: str | None) -> date | None:
    return parse_date(text) if text else None


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Compute everything the command prints; DeadlineError on bad input."""
    rule = get_rule(args.type)
    if args.term:
        rule = rule.with_term(parse_term(args.term))
    received = parse_date(args.received)
    decision_sent = _optional_date(args.decision_sent)
    on = _optional_date(args.on) or date.today()
    deadline = compute_deadline(
        rule, received, decision_sent=decision_sent, committee=args.committee, postponed=args.postponed,
        suspensions=[parse_suspension(s) for s in args.suspension], extended_to=_optional_date(args.extended_to),
    )  # fmt: skip
    filing = filing_check(decision_sent, received, _optional_date(args.posted)) if decision_sent else None
    status = deadline_status(deadline.due, on, warning_days=args.warning_days)
    explanation = [*explain_deadline(deadline, filing), explain_status(status, on)]
    result: dict[str, Any] = {
        "type": rule.code,
        "label": rule.label,
        "basis": rule.basis,
        "received": received.isoformat(),
        "start": deadline.start.isoformat(),
        "term": deadline.term.dutch(),
        "committee": args.committee,
        "postponed": args.postponed,
        "suspended_days": deadline.suspended_days,
        "extended_to": deadline.extended_to.isoformat() if deadline.extended_to else None,
        "unextended_due": deadline.raw_end.isoformat(),
        "due": deadline.due.isoformat(),
        "atw_applied": deadline.atw_applies,
        "atw_moved": deadline.atw_moved,
        "on": on.isoformat(),
        "status": status.state.value,
        "working_days_left": status.working_days_left,
    }
    if rule.code == "bezwaar":
        result["filing_deadline"] = deadline.filing_deadline.isoformat() if deadline.filing_deadline else None
        result["filed_on_time"] = filing.on_time if filing else None
    if args.default_notice:
        result["penalty"], lines = _penalty(rule.penalty, rule.label, deadline.due, args.default_notice, on)
        explanation += lines
    result["explanation"] = explanation
    return result


def _penalty(applies: bool, label: str, due: date, notice: str, on: date) -> tuple[dict[str, Any], list[str]]:
    if not applies:
        raise DeadlineError(f"Bij {label.lower()} geldt geen dwangsom bij niet tijdig beslissen (Awb 4:17).")
    penalty = compute_penalty(due, parse_date(notice), on)
    data = {
        "notice_received": penalty.notice_received.isoformat(),
        "premature": penalty.premature,
        "first_day": penalty.first_day.isoformat() if penalty.first_day else None,
        "days": penalty.days,
        "amount": penalty.amount,
        "maximum": penalty.maximum,
        "max_reached_on": penalty.max_reached_on.isoformat() if penalty.max_reached_on else None,
    }
    return data, explain_penalty(penalty, on)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = run(args)
    except DeadlineError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print("\n".join(result["explanation"]))
    return 0
