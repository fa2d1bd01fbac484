"""The built-in retention periods (shared/DOMAIN.md §4 item 9; docs/retention.md has the table).

Selectielijst gemeenten en intergemeentelijke organen 2020 (Staatscourant 2020, 11143): a settled
dispute (klacht, bezwaar, beroep) is destroyed 5 years after it was closed, 7 years when it had
financial consequences, 10 years for a complaint that went to the ombudsman, and 1 year when it was
not admissible or broken off. A granted request: 5 years. Information requests and rejected (or not
handled) requests: 1 year.

Each row is (case_type, outcome, condition, years). An empty outcome is the type's rule for every
outcome without a row of its own; a condition row applies to a case with that mark (RetentionMark),
and the longest period that applies wins. The rows are plain strings so the data migration can use
them without importing models.
"""

from __future__ import annotations

# Conditions: the two special cases of the selection list a case can be marked with.
FINANCIAL = "financieel"
OMBUDSMAN = "ombudsman"

DEFAULT_RULES: tuple[tuple[str, str, str, int], ...] = (
    # Complaints (Awb titel 9.1): settled 5 years; not taken into handling (9:8) or withdrawn 1 year.
    ("klacht", "", "", 5),
    ("klacht", "niet_in_behandeling", "", 1),
    ("klacht", "ingetrokken", "", 1),
    ("klacht", "", FINANCIAL, 7),
    ("klacht", "", OMBUDSMAN, 10),
    # Objections and appeals: settled 5 years; not admissible or withdrawn 1 year.
    ("bezwaar", "", "", 5),
    ("bezwaar", "niet_ontvankelijk", "", 1),
    ("bezwaar", "ingetrokken", "", 1),
    ("bezwaar", "", FINANCIAL, 7),
    ("beroep", "", "", 5),
    ("beroep", "niet_ontvankelijk", "", 1),
    ("beroep", "ingetrokken", "", 1),
    ("beroep", "", FINANCIAL, 7),
    # Applications: granted (in full or in part) 5 years; rejected, not handled or withdrawn 1 year.
    ("aanvraag", "", "", 1),
    ("aanvraag", "toegekend", "", 5),
    ("aanvraag", "deels_toegekend", "", 5),
    ("wmo_aanvraag", "", "", 1),
    ("wmo_aanvraag", "toegekend", "", 5),
    ("wmo_aanvraag", "deels_toegekend", "", 5),
    # Woo requests: documents made public (in full or in part) 5 years; otherwise 1 year.
    ("woo", "", "", 1),
    ("woo", "openbaar", "", 5),
    ("woo", "deels_openbaar", "", 5),
    # Information requests: 1 year.
    ("vraag", "", "", 1),
    ("terugbelverzoek", "", "", 1),
    ("wmo_melding", "", "", 1),
)
