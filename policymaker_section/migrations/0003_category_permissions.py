from django.db import migrations

EDITORS = ["Group delegates", "Secretariat"]
CODENAMES = ["add_provisioncategory", "change_provisioncategory", "view_provisioncategory"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after all migrations; create these now, by name.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="policymaker_section", model="provisioncategory"
    )
    permissions = []
    for codename in CODENAMES:
        action = codename.split("_")[0]
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} provision category"},
        )
        permissions.append(permission)
    for name in EDITORS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=EDITORS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="policymaker_section", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("policymaker_section", "0002_agreementindexpage_tprindexpage_agreementpage_and_more"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
