"""Operations that several apps' migrations share. They use only the historical models that
Django passes in, so they stay valid as the models change."""

import uuid

from django.db import migrations


def make_child_rows_translatable(app_label, model_name):
    """A ``RunPython`` operation for a page's inline rows that gain ``TranslatableMixin``.

    Each row takes its page's locale. A row of a translated page or an alias shares the
    translation key of the source row in the same position, so wagtail-localize updates it
    in place; every other row gets a key of its own.
    """

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        page_model = apps.get_model("wagtailcore", "Page")
        rows = list(model.objects.order_by("page_id", "sort_order", "pk"))
        by_page = {}
        for row in rows:
            by_page.setdefault(row.page_id, []).append(row)
        pages = page_model.objects.filter(pk__in=by_page).values(
            "id", "locale_id", "translation_key", "alias_of_id"
        )
        # The source of each translation group: its first page that is not an alias.
        sources = {}
        for page in sorted(pages, key=lambda page: page["id"]):
            if page["alias_of_id"] is None:
                sources.setdefault(page["translation_key"], page["id"])
        keys = {}  # (source page id, position) -> translation key
        for page in sorted(pages, key=lambda page: page["id"] not in sources.values()):
            source_id = page["alias_of_id"] or sources.get(page["translation_key"], page["id"])
            for position, row in enumerate(by_page[page["id"]]):
                row.locale_id = page["locale_id"]
                row.translation_key = keys.setdefault((source_id, position), uuid.uuid4())
        model.objects.bulk_update(rows, ["locale_id", "translation_key"], batch_size=500)

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def grant_model_permissions(app_label, model_name, codenames, groups):
    """A ``RunPython`` operation giving the named groups (``core.roles``) a model's
    permissions, creating them if ``post_migrate`` has not yet. For the permission data
    migrations of apps to come; the existing ones stay as they were written."""

    def forwards(apps, schema_editor):
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
        content_type_model = apps.get_model("contenttypes", "ContentType")
        content_type, _ = content_type_model.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        permissions = [
            permission_model.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )[0]
            for codename in codenames
        ]
        for group in group_model.objects.filter(name__in=groups):
            group.permissions.add(*permissions)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
