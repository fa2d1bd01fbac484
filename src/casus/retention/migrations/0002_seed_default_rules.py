"""Give every existing organisation the built-in retention rules (casus.retention.defaults).

Organisations made later get them from a post_save signal (casus.retention.signals). Rows an
organisation already has are kept, so running this again adds nothing.
"""

from django.db import migrations

from casus.retention.defaults import DEFAULT_RULES


def seed(apps, schema_editor):
    Organisation = apps.get_model("cases", "Organisation")
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for organisation in Organisation.objects.all():
        existing = set(
            RetentionRule.objects.filter(organisation=organisation).values_list("case_type", "outcome", "condition")
        )
        RetentionRule.objects.bulk_create(
            RetentionRule(organisation=organisation, case_type=t, outcome=o, condition=c, years=y)
            for t, o, c, y in DEFAULT_RULES
            if (t, o, c) not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
