"""Trigram indexes for the provisions explorer's text search, on PostgreSQL only.

The explorer matches each word as a case-insensitive substring (Django's ``icontains``,
which PostgreSQL runs as ``UPPER(column::text) LIKE UPPER('%word%')``). A GIN index of
trigrams on exactly that expression lets PostgreSQL answer it without reading every
provision, and keeps the same results as SQLite, which has no such index and scans.
``pg_trgm`` is a trusted extension: a database owner may create it without superuser.
"""

from django.db import migrations

TABLE = "policymaker_section_provision"
COLUMNS = ["summary", "excerpt", "article", "chapter"]


def _name(column):
    return f"pm_provision_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_name(column)}" ON "{TABLE}" '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [("policymaker_section", "0003_category_permissions")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
