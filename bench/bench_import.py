"""Benchmark: importing 100,000 spreadsheet rows (target: under 60 s on PostgreSQL).

Part of `make bench` (bench/run.py calls `run(ctx)`). It works in a throwaway database of its own
(casus_bench_import, created and dropped like the test suite's), so neither real data nor the other
benchmarks' data is touched. It writes a realistic CSV as Excel saves it (semicolons, UTF-8 with BOM,
Dutch dates), with invented pseudonyms, imports it, and imports it again (nothing may change).
On its own: python bench/bench_import.py [N] (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

N = int(sys.argv[1]) if __name__ == "__main__" and len(sys.argv) > 1 else 100_000
MIX = {"vraag": 30, "terugbelverzoek": 15, "klacht": 20, "bezwaar": 15, "aanvraag": 10, "woo": 5, "beroep": 5}
OUTCOMES = {
    "vraag": ["beantwoord", "doorverwezen"],
    "terugbelverzoek": ["beantwoord", "niet_bereikt"],
    "klacht": ["gegrond", "ongegrond", "informeel_afgehandeld", "deels_gegrond"],
    "bezwaar": ["ongegrond", "gegrond", "niet_ontvankelijk", "informeel_opgelost"],
    "beroep": ["ongegrond", "gegrond"],
    "aanvraag": ["toegekend", "afgewezen", "buiten_behandeling"],
    "woo": ["openbaar", "deels_openbaar", "geen_documenten"],
}
TEAMS = ["BBK", "Burgervragen", "Klachten", "Bezwaar en beroep", "Werk en inkomen", "Wmo-loket"]
SUBJECTS = ["bijzondere bijstand", "afval", "parkeren", "WOZ-waarde", "Wmo-voorziening", "paspoort", "hondenbelasting"]
CHANNELS = ["post", "email", "telefoon", "balie", "webformulier"]
HANDLERS = ["Sanne Bakker", "Mark Visser", "Ilse Jansen", "Youssef El Amrani", "Fenna de Groot", "Daan Mulder"]
TEXTS = [
    "Inwoner vraagt wanneer de aanvraag wordt behandeld.",
    "Klacht over de bejegening aan de balie.",
    "Bezwaar tegen de hoogte van de WOZ-waarde.",
    "Terugbelverzoek over de container die niet is geleegd.",
    "Verzoek om stukken over de herinrichting van het plein.",
    "Inwoner is het niet eens met de afwijzing van de bijzondere bijstand.",
]


def make_csv(n: int, seed: int = 20261123) -> bytes:
    rng = random.Random(seed)
    lines = ["kenmerk;zaaktype;ontvangen_op;kanaal;team;onderwerp;inwoner;behandelaar;afgehandeld_op;uitkomst;"
             "besluit_verzonden_op;omschrijving"]  # fmt: skip
    start = date(2021, 1, 1)
    codes = rng.choices(list(MIX), weights=list(MIX.values()), k=n)
    for number, code in enumerate(codes, start=1):
        received = start + timedelta(days=rng.randrange(0, 3 * 365))
        closed, outcome = "", ""
        if rng.random() < 0.85:
            closed = (received + timedelta(days=rng.randrange(0, 60))).strftime("%d-%m-%Y")
            outcome = rng.choice(OUTCOMES[code])
        decision = ""
        if code == "bezwaar":
            decision = (received - timedelta(days=rng.randrange(1, 40))).strftime("%d-%m-%Y")
        lines.append(
            ";".join([
                f"OUD-{number:06d}", code, received.strftime("%d-%m-%Y"), rng.choice(CHANNELS), rng.choice(TEAMS),
                rng.choice(SUBJECTS), f"P-{rng.randrange(1, n // 3):06d}", rng.choice(HANDLERS), closed, outcome,
                decision, rng.choice(TEXTS),
            ])
        )  # fmt: skip
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def run(ctx: object = None, n: int = N) -> dict:
    from django.db import connection

    from casus.cases.models import Case, Organisation
    from casus.imports.importer import import_file

    previous = connection.settings_dict["NAME"]  # the benchmark database bench/run.py chose, if any
    previous_test_name = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = "casus_bench_import"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        organisation = Organisation.objects.create(name="Gemeente Benchmark", slug="benchmark")
        content = make_csv(n)
        began = time.perf_counter()
        first, _ = import_file(organisation=organisation, name="registraties.csv", content=content)
        first_seconds = time.perf_counter() - began
        began = time.perf_counter()
        again, _ = import_file(organisation=organisation, name="registraties.csv", content=content)
        again_seconds = time.perf_counter() - began
        assert first.counts["imported"] == n, first.counts
        assert again.counts["unchanged"] == n, again.counts
        assert Case.objects.filter(organisation=organisation).count() == n
    finally:
        connection.creation.destroy_test_db(previous, verbosity=0)
        connection.settings_dict["TEST"]["NAME"] = previous_test_name
    return {
        "rows": n,
        "database": connection.vendor,
        "measurements": {
            "import_cases": {
                "seconds_first_import": round(first_seconds, 2),
                "seconds_reimport_unchanged": round(again_seconds, 2),
                "rows_per_second": round(n / first_seconds),
                "rows_per_second_reimport": round(n / again_seconds),
                "counts_first": first.counts,
                "counts_reimport": again.counts,
            }
        },
        "targets": [
            {
                "name": "Import: a 100,000-row spreadsheet (new cases with due dates and timeline)",
                "goal": "< 60 s",
                "measured": f"{first_seconds:.1f} s ({n / first_seconds:,.0f} rows per second)",
                "met": connection.vendor == "postgresql" and n >= 100_000 and first_seconds < 60,
                "at": f"{n:,} rows",
            }
        ],
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(run(), indent=2))
