"""Put the useful resources under the "Group review" workflow and let only reviewers and the
Secretariat publish them.

Existing rows stay live: ``live`` defaults to true in the previous migration, so every row
already shown to visitors stays shown (published, no pending changes). Delegates may write
and submit (add/change) but hold no ``publish_resource`` permission, so their changes wait
for a reviewer; reviewers and the Secretariat approve and publish.
"""

from django.db import migrations

APP, MODEL = "msme_section", "resource"
DELEGATES, REVIEWERS, SECRETARIAT, OBSERVERS = (
    "Group delegates",
    "Group reviewers",
    "Secretariat",
    "Observers",
)
ACTIONS = {
    DELEGATES: ["add", "change", "view"],
    REVIEWERS: ["add", "change", "view", "publish"],
    SECRETARIAT: ["add", "change", "delete", "view", "publish"],
    OBSERVERS: ["view"],
}


def setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    # Permissions are normally created after all migrations; create these now, by name.
    content_type, _created = ContentType.objects.get_or_create(app_label=APP, model=MODEL)
    for role, actions in ACTIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *[
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{MODEL}",
                    defaults={"name": f"Can {action} resource"},
                )[0]
                for action in actions
            ]
        )
    workflow = Workflow.objects.filter(name="Group review").first()
    if workflow is not None:
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def undo(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType.objects.filter(
        content_type__app_label=APP, content_type__model=MODEL
    ).delete()
    Permission.objects.filter(
        content_type__in=ContentType.objects.filter(app_label=APP, model=MODEL),
        codename=f"publish_{MODEL}",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        (APP, "0004_draft_state_and_workflow"),
        ("core", "0004_editorial_roles_and_review_workflow"),
    ]

    operations = [migrations.RunPython(setup, undo)]
