from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casus.deadlines.cli import build_parser
from casus.deadlines.cli import main as deadline_main


class Command(BaseCommand):
    help = "Bereken een uiterste datum: dezelfde opties als `python -m casus.deadlines` (zie --help)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = build_parser().format_help()
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args", nargs=argparse.REMAINDER, help="zaaktype en opties, bijvoorbeeld: klacht --received 2026-04-12"
        )

    def run_from_argv(self, argv: list[str]) -> None:
        # Pass everything after `deadline` to the engine's own parser (its options are the contract).
        code = deadline_main(argv[2:])
        if code:
            raise SystemExit(code)

    def handle(self, *args: str, **options: Any) -> None:
        code = deadline_main(list(args))
        if code:
            raise CommandError("De datum kon niet worden berekend.", returncode=code)
