"""Give the roles their permissions and put every page under the "Group review" workflow.

Delegates write and submit; reviewers (and the Secretariat, who help keep content current)
publish; observers only look. Wagtail's own starter groups and workflow ("Editors",
"Moderators", "Moderators approval") are replaced by these.
"""

from django.db import migrations

DELEGATES, REVIEWERS, SECRETARIAT, OBSERVERS = (
    "Group delegates",
    "Group reviewers",
    "Secretariat",
    "Observers",
)
PAGE_PERMISSIONS = {
    DELEGATES: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    SECRETARIAT: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    role: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ]
    for role in (DELEGATES, REVIEWERS, SECRETARIAT)
}
TAXONOMY = [("core", model) for model in ("country", "region", "topic")]
MODEL_PERMISSIONS = {
    DELEGATES: [(app, model, ["add", "change"]) for app, model in TAXONOMY],
    REVIEWERS: [(app, model, ["add", "change"]) for app, model in TAXONOMY],
    SECRETARIAT: [(app, model, ["add", "change", "delete"]) for app, model in TAXONOMY],
}


def setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission(app_label, model, codename):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        return found

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (
        DELEGATES, REVIEWERS, SECRETARIAT, OBSERVERS
    )}
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for role, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[role], page=root, permission=permission("wagtailcore", "page", codename)
                )
    root_collection = Collection.objects.filter(depth=1).first()
    for role, entries in COLLECTION_PERMISSIONS.items():
        for app_label, model, actions in entries:
            for action in actions:
                if root_collection is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[role],
                        collection=root_collection,
                        permission=permission(app_label, model, f"{action}_{model}"),
                    )
    for role, entries in MODEL_PERMISSIONS.items():
        for app_label, model, actions in entries:
            groups[role].permissions.add(
                *[permission(app_label, model, f"{action}_{model}") for action in actions]
            )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, created = GroupApprovalTask.objects.get_or_create(
        name="Group review", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups[REVIEWERS], groups[SECRETARIAT]])
    workflow, _ = Workflow.objects.get_or_create(name="Group review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    Workflow.objects.filter(name="Moderators approval").update(active=False)
    GroupApprovalTask.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
