"""Delegates and the Secretariat see aggregated results of every survey in the admin,
published or not. Aggregates only: personal data stays with the Secretariat (0002)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Group delegates", "Secretariat"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="surveys", codename="view_results")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="surveys", codename="view_results").delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_secretariat_permissions")]

    operations = [migrations.RunPython(grant, revoke)]
