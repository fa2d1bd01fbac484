"""Seed data from shared/DOMAIN.md §3: subjects, complaint natures, social domains, the seven
guiding principles, and a first organisation with the five W&I teams. All editable in the admin."""

from django.db import migrations

SUBJECTS = [
    "energietoeslag", "bijzondere bijstand", "terugvordering", "afwijzing levensonderhoud", "woonlastenfonds",
    "boete", "maatregel", "beëindiging", "buiten behandeling", "Tozo", "overig",
]  # fmt: skip
DOMAINS = ["Wmo", "Jeugd", "Werk en Inkomen", "beschermd en begeleid wonen", "schulden"]
NATURES = [
    "bereikbaarheid en geen reactie", "bejegening", "onjuiste of onvolledige informatie", "duurt lang",
    "niet eens met de uitkomst", "overig",
]  # fmt: skip
PRINCIPLES = [
    ("gastvrijheid", "Inwoners voelen zich welkom en gehoord."),
    ("verantwoordelijkheid", "We nemen eigenaarschap voor de vraag van de inwoner."),
    ("betrouwbaarheid", "We doen wat we zeggen, op tijd."),
    ("luisteren", "We vragen door en begrijpen wat de inwoner nodig heeft."),
    ("vakmanschap", "We kennen ons vak en leren van onze zaken."),
    ("gelijkwaardigheid", "We behandelen de inwoner als gelijke."),
    ("ervaringsdeskundigheid", "We gebruiken de kennis van mensen die het zelf hebben meegemaakt."),
]
TEAMS = ["Beheer", "Werk", "Inkomen", "Handhaving", "BBK"]


def seed(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    GuidingPrinciple = apps.get_model("cases", "GuidingPrinciple")
    Organisation = apps.get_model("cases", "Organisation")
    Team = apps.get_model("cases", "Team")
    domain_wi = None
    for name in DOMAINS:
        category, _ = Category.objects.get_or_create(kind="domain", name=name)
        if name == "Werk en Inkomen":
            domain_wi = category
    for name in SUBJECTS:
        Category.objects.get_or_create(kind="subject", name=name, defaults={"parent": domain_wi})
    for name in NATURES:
        Category.objects.get_or_create(kind="nature", name=name)
    for order, (name, description) in enumerate(PRINCIPLES, start=1):
        GuidingPrinciple.objects.get_or_create(name=name, defaults={"description": description, "order": order})
    organisation, _ = Organisation.objects.get_or_create(
        slug="almere", defaults={"name": "Gemeente Almere"}
    )
    for name in TEAMS:
        Team.objects.get_or_create(organisation=organisation, name=name)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_event_append_only_guard")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
