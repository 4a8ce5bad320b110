"""A copy of the test database that can be put back in milliseconds.

Browser tests run against a live server, so pytest-django empties the database after each of
them. Loading the starter content again costs many seconds per test; copying it back from a
snapshot taken once costs a fraction of one. SQLite copies the whole database with its backup
API; PostgreSQL keeps a copy of every table in a schema of its own.
"""

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

SCHEMA = "test_snapshot"


class DatabaseSnapshot:
    def __init__(self):
        self.taken = False
        self._sqlite_copy = None
        self._tables = []

    def take(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite_copy)
        elif connection.vendor == "postgresql":
            self._take_postgresql()
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)
        self.taken = True

    def restore(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite_copy.backup(connection.connection)
        else:
            self._restore_postgresql()

    def _take_postgresql(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position)"
                " FROM information_schema.columns c JOIN information_schema.tables t"
                " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
                " AND c.is_generated = 'NEVER' GROUP BY c.table_name"
            )
            self._tables = cursor.fetchall()
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
            for table, _columns in self._tables:
                cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')

    def _restore_postgresql(self):
        tables = ", ".join(f'public."{table}"' for table, _ in self._tables)
        models = apps.get_models(include_auto_created=True)
        with connection.cursor() as cursor:
            # Rows go back in any order: foreign-key triggers are off for this session only.
            cursor.execute("SET session_replication_role = replica")
            try:
                cursor.execute(f"TRUNCATE {tables}")
                for table, columns in self._tables:
                    names = ", ".join(f'"{column}"' for column in columns)
                    cursor.execute(
                        f'INSERT INTO public."{table}" ({names})'
                        f' SELECT {names} FROM {SCHEMA}."{table}"'
                    )
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
