"""Helpers the whole suite shares."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def assert_constant_queries(func, grow, limit):
    """``func`` runs within ``limit`` queries, and ``grow()`` (more data) does not raise it.

    Returns the count so a test can report it.
    """
    func()  # warm caches that live for the whole process (content types, site root paths)
    before = count_queries(func)
    grow()
    after = count_queries(func)
    assert before <= limit, f"{before} queries, budget {limit}"
    assert after == before, f"{before} queries before growing the data, {after} after"
    return before
