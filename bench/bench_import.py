"""Benchmark: importing 100,000 spreadsheet rows (target: under 60 s on PostgreSQL).

Run with `make bench` (DATABASE_URL=postgres://... for PostgreSQL). The benchmark works in a throwaway
test database (created and dropped like the test suite's), so no real data is touched. It writes a
realistic CSV as Excel saves it (semicolons, UTF-8 with BOM, Dutch dates), with invented pseudonyms,
imports it, and imports it again (nothing may change). Results go to bench/results/import.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
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


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from casus.cases.models import Case, Organisation
    from casus.imports.importer import import_file

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        organisation = Organisation.objects.create(name="Gemeente Benchmark", slug="benchmark")
        content = make_csv(N)
        with tempfile.TemporaryDirectory():
            began = time.perf_counter()
            first, _ = import_file(organisation=organisation, name="registraties.csv", content=content)
            first_seconds = time.perf_counter() - began
            began = time.perf_counter()
            again, _ = import_file(organisation=organisation, name="registraties.csv", content=content)
            again_seconds = time.perf_counter() - began
        assert first.counts["imported"] == N, first.counts
        assert again.counts["unchanged"] == N, again.counts
        assert Case.objects.filter(organisation=organisation).count() == N
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    result = {
        "benchmark": "import_cases",
        "rows": N,
        "database": connection.vendor,
        "seconds_first_import": round(first_seconds, 2),
        "seconds_reimport_unchanged": round(again_seconds, 2),
        "rows_per_second": round(N / first_seconds),
        "counts_first": first.counts,
        "counts_reimport": again.counts,
        "target": "100,000 rows in under 60 s on PostgreSQL",
        "met": connection.vendor == "postgresql" and N >= 100_000 and first_seconds < 60,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": date.today().isoformat(),
    }
    out = Path(__file__).parent / "results" / "import.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
