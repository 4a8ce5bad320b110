"""Observers may look at the taxonomy (read-only views); the Secretariat may change the
site settings (contact address) for the site."""

from django.db import migrations

TAXONOMY = ("country", "region", "topic")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Site = apps.get_model("wagtailcore", "Site")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )[0]

    observers = Group.objects.get(name="Observers")
    observers.permissions.add(*[permission("core", model, f"view_{model}") for model in TAXONOMY])

    secretariat = Group.objects.get(name="Secretariat")
    change_settings = permission("core", "sitesettings", "change_sitesettings")
    for site in Site.objects.all():
        GroupSitePermission.objects.get_or_create(
            group=secretariat, site=site, permission=change_settings
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_import_record")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
