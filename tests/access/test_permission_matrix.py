"""The permission matrix: every URL pattern × every role × own team / other team / sensitive / other
organisation.

The URL patterns are enumerated from the resolver when the test runs, so a page added tomorrow is in
the matrix the day it is added. A view without a declared rule (casus.access.rules.rule / public, or
the admin's rule from casus.access.admin_site) fails `test_every_url_declares_an_access_rule`.

What each permission grants is written out by hand below (EXPECTED), not read from the permission
module: the test checks the module and the views against this table. For every page a role may not
open, the page must refuse (403, 404, or a redirect to the login page) and must not show the dossier's
description or the resident's name; a refused look at a case or resident must leave an audit entry.
Lists (pages without an object in the URL) must not show descriptions or names of cases the role may
not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry, CaseGrant
from casus.access.rules import Rule, rule_of
from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Case, Resident, TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()

ROLES = [
    "anoniem", "behandelaar", "coordinator", "kwaliteit", "mt", "fb", "sb", "privacy", "beheerder_werk", "elders",
]  # fmt: skip
SCOPES = ["own", "other", "sensitive", "other_org"]
ALL = frozenset(SCOPES)
NONE: frozenset[str] = frozenset()
OWN_ORG = frozenset({"own", "other", "sensitive"})

# --- the hand-written table: permission -> role -> scopes it is granted for ------------------------
# Scopes: "own" = a case of team Werk (Gemeente Almere) handled by a colleague; "other" = a case of team
# Beheer; "sensitive" = a sensitive case of team Werk handled by a colleague; "other_org" = a case of
# Gemeente Zeewolde. For organisation objects (destruction lists, ...) "own" is Almere and "other_org"
# Zeewolde. A permission without an object uses "own".

_HANDLERS = {"behandelaar": {"own"}, "coordinator": {"own", "sensitive"}, "beheerder_werk": {"own"}}
EXPECTED: dict[str, dict[str, set[str] | frozenset[str]]] = {
    "case.view": {**_HANDLERS, "kwaliteit": {"own"}, "elders": {"other_org"}},
    "case.edit": {**_HANDLERS, "elders": {"other_org"}},
    "case.grant": {"coordinator": {"own", "sensitive"}, "elders": {"other_org"}},
    "workspace.use": {r: {"own"} for r in ("behandelaar", "coordinator", "kwaliteit", "beheerder_werk", "elders")},
    "workspace.coordinate": {"coordinator": {"own"}, "elders": {"own"}},
    "resident.list": {
        r: {"own"} for r in ("behandelaar", "coordinator", "kwaliteit", "privacy", "beheerder_werk", "elders")
    },
    "resident.view": {**_HANDLERS, "kwaliteit": {"own"}, "privacy": OWN_ORG, "elders": {"other_org"}},
    "resident.bsn": {**_HANDLERS, "privacy": OWN_ORG, "elders": {"other_org"}},
    "resident.correct": {**_HANDLERS, "privacy": OWN_ORG, "elders": {"other_org"}},
    "resident.merge": {"coordinator": {"own", "sensitive"}, "privacy": OWN_ORG, "elders": {"other_org"}},
    "resident.inzage": {"privacy": OWN_ORG, "elders": {"other_org"}},
    "privacy.desk": {"privacy": OWN_ORG, "elders": {"other_org"}},
    "audit.view": {"privacy": OWN_ORG, "elders": {"other_org"}},
    "audit.export": {"privacy": OWN_ORG, "elders": {"other_org"}},
    "retention.view": {"fb": OWN_ORG, "privacy": OWN_ORG, "beheerder_werk": OWN_ORG, "elders": {"other_org"}},
    "retention.approve": {"fb": OWN_ORG, "beheerder_werk": OWN_ORG, "elders": {"other_org"}},
    "reports.view": {r: ALL for r in ("coordinator", "kwaliteit", "mt", "fb", "beheerder_werk", "elders")},
    "learning.view": {"coordinator": OWN_ORG, "kwaliteit": OWN_ORG, "mt": OWN_ORG, "elders": {"other_org"}},
    "learning.manage": {"coordinator": OWN_ORG, "kwaliteit": OWN_ORG, "elders": {"other_org"}},
    "answers.manage": {
        "coordinator": OWN_ORG,
        "kwaliteit": OWN_ORG,
        "fb": OWN_ORG,
        "beheerder_werk": OWN_ORG,
        "elders": {"other_org"},
    },
    "answers.check": {
        r: {"own"} for r in ("behandelaar", "coordinator", "kwaliteit", "fb", "beheerder_werk", "elders")
    },
    "admin.access": {r: ALL for r in ("fb", "sb", "beheerder_werk", "elders")},
    "admin.config": {"fb": OWN_ORG, "beheerder_werk": OWN_ORG, "elders": {"other_org"}},
    "admin.users": {"sb": OWN_ORG},
    "account": {r: ALL for r in ROLES if r != "anoniem"},
    "nobody": {},
}


# Tables whose rows belong to one organisation: a back-office permission holds only for the rows of the
# organisation where the role is held. Every other table is shared (categories, principles, lockouts).
ORG_BOUND = {
    "cases.organisation", "cases.casetypesetting", "cases.team", "cases.teammembership", "cases.referencecounter",
    "retention.retentionrule", "retention.destructionlist", "privacy.datarequest", "privacy.correction",
    "privacy.merge", "auth.user", "otp_totp.totpdevice",
}  # fmt: skip
CASE_BOUND = {
    "cases.case",
    "cases.resident",
    "cases.event",
    "cases.suspension",
    "cases.contactattempt",
    "cases.caselink",
}


def expected(perm: str, role: str, scope: str, *, objectless: bool, subject: str | None = None) -> bool:
    assert perm in EXPECTED, f"permission {perm!r} has no row in the hand-written EXPECTED table"
    granted = EXPECTED[perm].get(role, NONE)
    if subject is not None and subject not in ORG_BOUND | CASE_BOUND:
        objectless = True  # a shared table: the permission does not depend on the row
    if objectless:
        return bool(granted)  # organisation-scoped pages without an object filter their rows instead
    return scope in granted


# --- the world: one organisation with teams Werk and Beheer, and another organisation --------------


@dataclass
class World:
    users: dict[str, Any]
    cases: dict[str, Case]
    residents: dict[str, Resident]
    markers: dict[str, list[str]]  # scope -> texts only a permitted viewer may see

    def objects(self, label: str, scope: str) -> Any:
        builder = BUILDERS.get(label)
        assert builder is not None, (
            f"No builder for {label!r}: add one to BUILDERS in {__name__} so its pages are in the matrix"
        )
        return builder(self, scope)


def _make_world() -> World:
    almere = factories.organisation()
    zeewolde = factories.other_organisation()
    users = {
        "behandelaar": factories.user("m_behandelaar", first="Sanne", last="Bakker", team_name="Werk"),
        "coordinator": factories.user(
            "m_coordinator", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR
        ),
        "kwaliteit": factories.user(
            "m_kwaliteit", first="Ilse", last="Jansen", team_name="Werk", role=TeamRole.KWALITEIT
        ),
        "mt": factories.user("m_mt", first="Anouk", last="Smits", team_name="BBK", role=TeamRole.MT),
        "fb": factories.user("m_fb", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER),
        "sb": factories.user("m_sb", first="Tim", last="Dekker", team_name="Beheer", role=TeamRole.SYSTEEMBEHEER),
        "privacy": factories.user("m_fg", first="Nora", last="Vos", team_name="Beheer", role=TeamRole.PRIVACY),
        "beheerder_werk": factories.user(
            "m_beheerder", first="Joost", last="Mulder", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
        ),
        "elders": factories.user("m_elders", first="Eva", last="Brouwer"),
    }
    TeamMembership.objects.create(team=factories.team("Werk"), user=users["beheerder_werk"], role=TeamRole.BEHANDELAAR)
    zeewolde_team = factories.team("Werk", zeewolde)
    for role in (TeamRole.COORDINATOR, TeamRole.FUNCTIONEEL_BEHEER, TeamRole.PRIVACY):
        TeamMembership.objects.create(team=zeewolde_team, user=users["elders"], role=role)
    colleague = factories.user("m_collega", first="Rachid", last="Meijer", team_name="Werk")
    colleague_beheer = factories.user("m_beheer", first="Pieter", last="de Boer", team_name="Beheer")
    colleague_zeewolde = factories.user("m_zeewolde", first="Lotte", last="Hendriks")
    TeamMembership.objects.create(team=zeewolde_team, user=colleague_zeewolde, role=TeamRole.BEHANDELAAR)

    surnames = {"own": "Hollebeek", "other": "Zwanenburg", "sensitive": "Kraaijeveld", "other_org": "Tuinstra"}
    residents = {
        scope: factories.resident(
            surname=surname, given_name="Femke", bsn="111222333" if scope == "own" else "",
            organisation=zeewolde if scope == "other_org" else almere,
        )
        for scope, surname in surnames.items()
    }  # fmt: skip
    received = timezone.localdate() - timedelta(days=20)
    homes = {
        "own": ("Werk", almere, colleague),
        "other": ("Beheer", almere, colleague_beheer),
        "sensitive": ("Werk", almere, colleague),
        "other_org": ("Werk", zeewolde, colleague_zeewolde),
    }
    cases = {}
    markers = {}
    for scope, (team_name, org, handler) in homes.items():
        description = f"Dossiertekst-{scope}-{surnames[scope]}-geheim"
        case = factories.register(
            "klacht", received, organisation=org, team=factories.team(team_name, org), handler=handler,
            resident=residents[scope], description=description,
        )  # fmt: skip
        if scope == "sensitive":
            Case.objects.filter(pk=case.pk).update(sensitive=True)
            case.refresh_from_db()
        services.case_request_information(
            case=case, actor=handler, requested_on=received + timedelta(days=1),
            repair_until=received + timedelta(days=8), what="Stuur de beschikking mee.",
        )  # fmt: skip
        services.case_record_contact_attempt(
            case=case, actor=handler, attempted_at=timezone.now() - timedelta(hours=1), reached=True
        )
        cases[scope] = case
        markers[scope] = [description, surnames[scope]]
    for case in cases.values():  # a link within each scope
        twin = factories.register(
            "vraag", received, organisation=case.organisation, team=case.team, handler=case.handler,
            resident=case.resident,
        )  # fmt: skip
        Case.objects.filter(pk=twin.pk).update(sensitive=case.sensitive)
        services.case_link(case=case, other=twin, kind="related", actor=case.handler)
    return World(users=users, cases=cases, residents=residents, markers=markers)


def _case_child(model_label: str) -> Callable[[World, str], Any]:
    def build(world: World, scope: str) -> Any:
        model = apps.get_model(model_label)
        field = "from_case" if model_label == "cases.caselink" else "case"
        return model.objects.filter(**{field: world.cases[scope]}).first()

    return build


def _org_object(model_label: str) -> Callable[[World, str], Any]:
    """An object of an organisation-scoped model: the first of Almere ("own") or of Zeewolde."""

    def build(world: World, scope: str) -> Any:
        model = apps.get_model(model_label)
        org = world.cases["other_org" if scope == "other_org" else "own"].organisation
        found = model.objects.filter(organisation=org).first()
        return found if scope in ("own", "other_org") else None

    return build


def _any_object(model_label: str, make: Callable[[World], Any] | None = None) -> Callable[[World, str], Any]:
    """A model without an organisation: one scope ("own") suffices."""

    def build(world: World, scope: str) -> Any:
        if scope != "own":
            return None
        found = apps.get_model(model_label).objects.first()
        return found if found is not None or make is None else make(world)

    return build


BUILDERS: dict[str, Callable[[World, str], Any]] = {
    "cases.case": lambda world, scope: world.cases[scope],
    "cases.resident": lambda world, scope: world.residents[scope],
    "cases.event": _case_child("cases.event"),
    "cases.suspension": _case_child("cases.suspension"),
    "cases.contactattempt": _case_child("cases.contactattempt"),
    "cases.caselink": _case_child("cases.caselink"),
    "cases.organisation": lambda world, scope: (
        world.cases["other_org" if scope == "other_org" else "own"].organisation
        if scope in ("own", "other_org")
        else None
    ),
    "cases.team": lambda world, scope: world.cases[scope].team if scope in ("own", "other_org") else None,
    "cases.teammembership": lambda world, scope: (
        TeamMembership.objects.filter(team=world.cases[scope].team).first() if scope in ("own", "other_org") else None
    ),
    "cases.category": _any_object("cases.category"),
    "cases.guidingprinciple": _any_object("cases.guidingprinciple"),
    "cases.casetypesetting": lambda world, scope: (
        _org_of(world, scope).case_type_settings.get_or_create(case_type="woo", defaults={"term_amount": 3})[0]
        if scope in ("own", "other_org")
        else None
    ),
    "cases.referencecounter": _org_object("cases.referencecounter"),
    "auth.user": lambda world, scope: {"own": world.users["behandelaar"], "other_org": world.users["elders"]}.get(
        scope
    ),
    "auth.group": _any_object("auth.group", lambda world: apps.get_model("auth.group").objects.create(name="Werk")),
}


def _org_of(world: World, scope: str) -> Any:
    return world.cases["other_org" if scope == "other_org" else "own"].organisation


def _destruction_list(world: World, scope: str) -> Any:
    """A concept destruction list of the scope's organisation with one item (a closed case)."""
    from casus.retention.models import DestructionList

    if scope not in ("own", "other_org"):
        return None
    org = _org_of(world, scope)
    found = DestructionList.objects.filter(organisation=org).first()
    if found is not None:
        return found
    found = DestructionList.objects.create(organisation=org, selected_on=timezone.localdate() - timedelta(days=1))
    case = world.cases[scope]
    found.items.create(
        case=None, reference=f"{case.reference}-oud", case_type="vraag", outcome="beantwoord",
        closed_on=date(2019, 3, 1), retention_years=1, retention_until=date(2020, 3, 1), team_name="Werk",
    )  # fmt: skip
    return found


def _data_request(world: World, scope: str) -> Any:
    from casus.privacy.models import DataRequest

    if scope not in ("own", "other_org"):
        return None
    resident = world.residents[scope]
    return DataRequest.objects.create(
        organisation=resident.organisation, resident=resident, kind="inzage",
        received_on=timezone.localdate(), due_on=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip


def _correction(world: World, scope: str) -> Any:
    from casus.privacy.models import Correction

    resident = world.residents[scope]
    return Correction.objects.create(
        resident=resident, changes=[{"veld": "telefoonnummer", "oud": "06-1", "nieuw": "06-2"}], reason="verhuisd"
    )


def _merge(world: World, scope: str) -> Any:
    from casus.privacy.models import Merge

    keep = world.residents[scope]
    duplicate = factories.resident(organisation=keep.organisation, surname="Dubbel", merged_into=keep)
    return Merge.objects.create(keep=keep, duplicate=duplicate, reason="twee keer ingeschreven")


def _optional_builders() -> None:
    """Builders for the models of apps that may be installed (two-factor, lockout, privacy, retention)."""
    optional = {
        "otp_totp.totpdevice": lambda world, scope: (
            apps.get_model("otp_totp.totpdevice").objects.create(
                user=world.users["behandelaar" if scope == "own" else "elders"], name="Telefoon"
            )
            if scope in ("own", "other_org")
            else None
        ),
        "axes.accessattempt": _any_object(
            "axes.accessattempt",
            lambda world: apps.get_model("axes.accessattempt").objects.create(
                username="onbekend", ip_address="10.0.0.9", user_agent="test", failures_since_start=1
            ),
        ),
        "axes.accesslog": _any_object(
            "axes.accesslog",
            lambda world: apps.get_model("axes.accesslog").objects.create(
                username="m_behandelaar", ip_address="10.0.0.9", user_agent="test"
            ),
        ),
        "axes.accessfailurelog": _any_object(
            "axes.accessfailurelog",
            lambda world: apps.get_model("axes.accessfailurelog").objects.create(
                username="onbekend", ip_address="10.0.0.9", user_agent="test"
            ),
        ),
    }
    optional |= {
        "retention.retentionrule": _org_object("retention.retentionrule"),
        "retention.destructionlist": _destruction_list,
        "privacy.datarequest": _data_request,
        "privacy.correction": _correction,
        "privacy.merge": _merge,
    }
    for label, builder in optional.items():
        app_label = label.split(".")[0]
        if apps.is_installed(app_label) or any(c.label == app_label for c in apps.get_app_configs()):
            BUILDERS.setdefault(label, builder)


_optional_builders()

# Extra URL keywords besides the object's: name -> function(world, scope, object) -> value.
EXTRA_KWARGS: dict[str, Callable[[World, str, Any], Any]] = {
    "grant": lambda world, scope, obj: _ensure_grant(world, scope).pk,
    "app_label": lambda world, scope, obj: "cases",
    "item": lambda world, scope, obj: obj.items.first().pk,
}
# Query strings some pages need to do their work.
QUERIES: dict[str, str] = {
    # The autocomplete answers with the remote model admin's rows: Team, a configuration table.
    "admin:autocomplete": "?app_label=cases&model_name=teammembership&field_name=team&term=W",
}
# The autocomplete's real check is the remote model admin's (Team: admin.config), not the site's.
PERM_OVERRIDES: dict[str, str] = {"admin:autocomplete": "admin.config"}
# Pages that answer 404 for a permitted user by design (no absolute URL on Casus models).
NOT_FOUND_WHEN_ALLOWED = {"admin:view_on_site"}


def _extensions() -> None:
    """Each part of Casus may add what its pages need in its own module tests/access/matrix_<part>.py:
    BUILDERS, EXTRA_KWARGS, QUERIES, PERM_OVERRIDES (dicts) and ORG_BOUND, CASE_BOUND (sets)."""
    import importlib
    import pkgutil

    import tests.access as package

    for module_info in pkgutil.iter_modules(package.__path__):
        if not module_info.name.startswith("matrix_"):
            continue
        module = importlib.import_module(f"tests.access.{module_info.name}")
        for name, target in (("BUILDERS", BUILDERS), ("EXTRA_KWARGS", EXTRA_KWARGS), ("QUERIES", QUERIES),
                             ("PERM_OVERRIDES", PERM_OVERRIDES)):  # fmt: skip
            target.update(getattr(module, name, {}))
        ORG_BOUND.update(getattr(module, "ORG_BOUND", set()))
        CASE_BOUND.update(getattr(module, "CASE_BOUND", set()))


_extensions()


def _ensure_grant(world: World, scope: str) -> CaseGrant:
    case = world.cases[scope]
    grant = CaseGrant.objects.filter(case=case).first()
    if grant is None:
        grant = CaseGrant.objects.create(case=case, user=world.users["kwaliteit"], reason="meelezen", granted_by=None)
    return grant


# --- enumerate every URL pattern -------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # namespace:name, or the route for an unnamed pattern
    route: str
    callback: Any
    keywords: tuple[str, ...]
    named: bool


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            keywords = tuple(entry.pattern.regex.groupindex)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or route)
            yield Pattern(name, route, entry.callback, keywords, bool(entry.name))


def all_patterns() -> list[Pattern]:
    seen: dict[str, Pattern] = {}
    for pattern in _walk(get_resolver().url_patterns):
        seen.setdefault(pattern.name, pattern)
    return list(seen.values())


PATTERNS = all_patterns()


def test_every_url_declares_an_access_rule() -> None:
    missing = [p.name for p in PATTERNS if rule_of(p.callback) is None]
    assert not missing, f"These URLs have no access rule (casus.access.rules.rule / public): {missing}"
    assert len(PATTERNS) > 50  # the admin alone has more: the walk reached every include


def test_every_rule_names_a_permission_of_the_table() -> None:
    perms = {rule_of(p.callback).perm for p in PATTERNS} - {None}
    assert perms <= set(EXPECTED), f"Permissions missing from the hand-written table: {perms - set(EXPECTED)}"


# --- the matrix ------------------------------------------------------------------------------------


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anoniem":
        factories.verified_login(client, world.users[role])
    return client


def _refused(response: Any) -> bool:
    """403/404, or a redirect to the login page or to the admin's index, which is itself in the matrix
    (the admin's answer to an object outside the user's rows and to a logout by someone who is not in
    the admin). A 405 is neither: the rule let the request through to a view that wants another method
    (rules run before the method check), so for a permitted user it means "served"."""
    if response.status_code in (403, 404):
        return True
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "").split("?")[0]
        return location.startswith((reverse("auth:login"), "/admin/login/")) or location == reverse("admin:index")
    return False


def _refusals(world: World, role: str) -> int:
    if role == "anoniem":
        return 0
    return AuditEntry.objects.filter(user=world.users[role], action=AuditAction.DENIED).count()


def _audited_refusal(response: Any) -> bool:
    """A 403, or the login page for someone logged in (the admin's answer to a user without access):
    the privacy officer must be able to see the attempt."""
    location = response.headers.get("Location", "")
    return response.status_code == 403 or (response.status_code == 302 and location.startswith("/inloggen/"))


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _visible_markers(world: World, role: str, perm: str = "") -> set[str]:
    """Texts `role` may legitimately see somewhere: descriptions of viewable cases, names of viewable
    residents; on an inzage page, everything about that resident (the whole file is the point)."""
    allowed = set()
    if perm == "resident.inzage":
        allowed |= {
            m for scope in SCOPES if expected(perm, role, scope, objectless=False) for m in world.markers[scope]
        }
    for scope in SCOPES:
        description, surname = world.markers[scope]
        if expected("case.view", role, scope, objectless=False):
            allowed |= {description, surname}
        if expected("resident.view", role, scope, objectless=False):
            allowed.add(surname)
    return allowed


def _forbidden_markers(world: World, role: str, perm: str = "") -> set[str]:
    every = {marker for markers in world.markers.values() for marker in markers}
    return every - _visible_markers(world, role, perm)


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p.named], ids=lambda p: p.name)
def test_the_matrix(pattern: Pattern) -> None:
    world = _make_world()
    rule: Rule = rule_of(pattern.callback)
    assert rule is not None
    if rule.perm is None:
        _check_public(world, pattern)
        return
    perm = PERM_OVERRIDES.get(pattern.name, rule.perm)
    is_admin = pattern.name.startswith("admin:")
    scopes = SCOPES if rule.subject else ["own"]
    failures = []
    for scope in scopes:
        obj = world.objects(rule.subject, scope) if rule.subject else None
        if rule.subject and obj is None:
            continue  # this kind of object has no such scope (e.g. a category has no organisation)
        url = _url(world, pattern, rule, scope, obj)
        for role in ROLES:
            allow = expected(perm, role, scope, objectless=rule.subject is None, subject=rule.subject)
            if is_admin:
                allow = allow and expected("admin.access", role, scope, objectless=True)
            client = _client(world, role)
            refusals_before = _refusals(world, role)
            response = client.get(url)
            body = _body(response)
            if allow:
                refused = _refused(response) and not (
                    pattern.name in NOT_FOUND_WHEN_ALLOWED and response.status_code == 404
                )
                if refused:
                    failures.append(f"{role}/{scope}: refused ({response.status_code}) but the table allows {perm}")
            else:
                if not (_refused(response) or response.status_code == 405):  # 405: nothing shown
                    failures.append(f"{role}/{scope}: GET answered {response.status_code}, table refuses {perm}")
                elif role != "anoniem" and _audited_refusal(response) and _refusals(world, role) == refusals_before:
                    failures.append(f"{role}/{scope}: refused ({response.status_code}) without an audit entry")
                post = client.post(url, {})
                if not (_refused(post) or post.status_code == 405):
                    failures.append(f"{role}/{scope}: POST answered {post.status_code}, table refuses {perm}")
                leaked = {marker for marker in world.markers.get(scope, []) if marker in body}
                if rule.subject and leaked - _visible_markers(world, role):
                    failures.append(f"{role}/{scope}: refused page shows {leaked}")
            if role != "anoniem":
                leaked = {marker for marker in _forbidden_markers(world, role, perm) if marker in body}
                if leaked:
                    failures.append(f"{role}/{scope}: page shows data of cases it may not see: {leaked}")
    assert not failures, f"{pattern.name} ({pattern.route}):\n" + "\n".join(failures)


def _url(world: World, pattern: Pattern, rule: Rule, scope: str, obj: Any) -> str:
    kwargs = {}
    for keyword in pattern.keywords:
        if rule.subject and keyword == rule.kwarg:
            kwargs[keyword] = obj.pk
        elif keyword in EXTRA_KWARGS:
            kwargs[keyword] = EXTRA_KWARGS[keyword](world, scope, obj)
        elif pattern.name == "admin:view_on_site":
            from django.contrib.contenttypes.models import ContentType

            kwargs = {"content_type_id": ContentType.objects.get_for_model(Case).pk, "object_id": world.cases[scope].pk}
            break
        else:
            raise AssertionError(f"{pattern.name}: no value for URL keyword {keyword!r}; add it to EXTRA_KWARGS")
    return reverse(pattern.name, kwargs=kwargs) + QUERIES.get(pattern.name, "")


def _check_public(world: World, pattern: Pattern) -> None:
    """A public page (login, resident portal) shows no dossier data to anyone. A public page with
    keywords is opened when EXTRA_KWARGS builds every one of them (a status link's token:
    tests/access/matrix_portal.py), by every persona: it must answer each of them, without dossier data."""
    if pattern.keywords:
        if not all(keyword in EXTRA_KWARGS for keyword in pattern.keywords):
            return  # public pages with other keywords (OIDC callbacks) need their own protocol tests
        _check_public_with_keywords(world, pattern)
        return
    response = Client().get(reverse(pattern.name))
    body = _body(response)
    leaked = {marker for markers in world.markers.values() for marker in markers if marker in body}
    assert not leaked, f"public page {pattern.name} shows {leaked}"


def _check_public_with_keywords(world: World, pattern: Pattern) -> None:
    failures = []
    for scope in SCOPES:
        url = reverse(pattern.name, kwargs={key: EXTRA_KWARGS[key](world, scope, None) for key in pattern.keywords})
        for role in ROLES:
            response = _client(world, role).get(url)
            if response.status_code in (403, 404, 429) or (response.status_code == 302 and _refused(response)):
                failures.append(f"{role}/{scope}: refused ({response.status_code}) a public page")
            leaked = {marker for markers in world.markers.values() for marker in markers if marker in _body(response)}
            if leaked:
                failures.append(f"{role}/{scope}: public page shows {leaked}")
    assert not failures, f"{pattern.name} ({pattern.route}):\n" + "\n".join(failures)


# --- refusals are audited ----------------------------------------------------------------------------


def test_a_refused_look_at_another_teams_case_is_in_the_audit_log() -> None:
    world = _make_world()
    client = _client(world, "beheerder_werk")
    other = world.cases["other"]
    response = client.get(reverse("admin:cases_case_change", args=[other.pk]))
    assert response.status_code == 403
    entry = AuditEntry.objects.filter(action=AuditAction.DENIED, object_id=str(other.pk)).get()
    assert entry.username == "m_beheerder"
    assert entry.object_repr == other.reference
    assert not entry.allowed


def test_an_allowed_look_at_a_dossier_is_in_the_audit_log() -> None:
    world = _make_world()
    client = _client(world, "beheerder_werk")
    own = world.cases["own"]
    before = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(own.pk)).count()
    assert client.get(reverse("admin:cases_case_change", args=[own.pk])).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(own.pk)).count() == before + 1


def test_the_admin_case_list_shows_only_own_team_cases() -> None:
    world = _make_world()
    body = _body(_client(world, "beheerder_werk").get(reverse("admin:cases_case_changelist")))
    links = {scope: reverse("admin:cases_case_change", args=[case.pk]) for scope, case in world.cases.items()}
    assert links["own"] in body
    assert links["other"] not in body
    assert links["sensitive"] not in body
    assert links["other_org"] not in body


def test_a_granted_colleague_sees_a_sensitive_case() -> None:
    world = _make_world()
    sensitive = world.cases["sensitive"]
    client = _client(world, "beheerder_werk")
    assert client.get(reverse("admin:cases_case_change", args=[sensitive.pk])).status_code == 403
    CaseGrant.objects.create(case=sensitive, user=world.users["beheerder_werk"], reason="vervanging", granted_by=None)
    assert client.get(reverse("admin:cases_case_change", args=[sensitive.pk])).status_code == 200


def test_the_table_is_complete_for_every_role() -> None:
    unknown = {role for rows in EXPECTED.values() for role in rows} - set(ROLES)
    assert not unknown, f"roles in EXPECTED that are not personas: {unknown}"


def test_every_back_office_table_of_an_organisation_is_in_org_bound() -> None:
    """A new admin table with an organisation must be listed in ORG_BOUND, so the matrix checks that a
    beheerder of one municipality cannot open another's rows."""
    from django.contrib import admin

    for model in admin.site._registry:
        fields = {field.name for field in model._meta.get_fields()}
        if "organisation" in fields and model._meta.label_lower not in CASE_BOUND:
            assert model._meta.label_lower in ORG_BOUND, f"{model._meta.label_lower} belongs to an organisation"
