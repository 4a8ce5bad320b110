"""The section's derived content: filter choices, related records, profiles.

A public page already spends most of its query budget on routing and navigation, so
what every request of a page would query again (the list of countries for a filter, a
study's topics) is kept in the process memo (``msme_platform/core/memo.py``), which any
change to content empties: a change is visible on the next request, on every server.
"""

from msme_platform.core import memo


def cached(name, compute, *parts):
    """``compute()`` (plain values only), kept until content changes."""
    return memo.remember(("msme_section", name, *parts), compute)
