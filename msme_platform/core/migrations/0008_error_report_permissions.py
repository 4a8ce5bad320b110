"""Only the Secretariat handles error reports: they may hold a visitor's e-mail address."""

from django.db import migrations

CODENAMES = ("view_errorreport", "change_errorreport", "delete_errorreport")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="errorreport")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )[0]
        for codename in CODENAMES
    ]
    Group.objects.get(name="Secretariat").permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_provenance_and_error_reports")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
