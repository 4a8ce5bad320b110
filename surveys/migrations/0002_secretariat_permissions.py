"""Only the Secretariat moderates and sees respondents' personal data.

It gets view, change (moderate) and delete on survey responses and forum posts. No other
role gets any of these: delegates see aggregated results only (the public results view).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
CODENAMES = [
    f"{action}_{model}"
    for model in ("surveyresponse", "forumpost")
    for action in ("view", "change", "delete")
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now.
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="surveys", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=SECRETARIAT):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="surveys", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
