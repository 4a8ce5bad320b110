"""Migration 0006 let the Secretariat change the site settings of the sites that existed
then; the starter content replaces Wagtail's placeholder site afterwards, so databases set
up that way had no such permission. Grant it on every site (new sites: see starter.py)."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Site = apps.get_model("wagtailcore", "Site")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="sitesettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_sitesettings",
        defaults={"name": "Can change site settings"},
    )
    secretariat = Group.objects.get(name="Secretariat")
    for site in Site.objects.all():
        GroupSitePermission.objects.get_or_create(
            group=secretariat, site=site, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0008_error_report_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
