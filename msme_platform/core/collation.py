"""Names in alphabetical order in every language, the same on SQLite and PostgreSQL.

Databases sort text by code point (SQLite) or by the server's collation (PostgreSQL), so
"Égypte" came after "Zimbabwe" in French. Every list of names a visitor reads (countries,
regions, topics, agreements, programmes) is sorted here, in Python, by a key that ignores
accents and case: NFKD, combining marks dropped, a few letters spelled out (œ, æ, ß, ø),
casefolded, then the name itself to keep equal keys in a fixed order. For the Latin-script
names of English, French and Spanish this is the order of Unicode's collation at its
primary level, without PyICU: ICU wheels weigh 16-18 MB and exist only for some platforms,
and building ICU needs a compiler and libicu-dev, which ``make run`` must not ask for.
"""

import unicodedata

from django.db.models import Case, IntegerField, Value, When

_SPELLED_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l"}
)


def name_key(name):
    """The sort key of one name: ``sorted(names, key=name_key)``."""
    text = str(name or "")
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (bare.casefold(), text)


def sorted_by_name(items, name=lambda item: item, reverse=False):
    """``items`` in alphabetical order of ``name(item)``."""
    return sorted(items, key=lambda item: name_key(name(item)), reverse=reverse)


def name_rank(field, names):
    """An expression ordering a queryset by ``field`` in the order of ``names`` sorted here,
    for lists the database paginates (``order_by(name_rank("country__name", names), ...)``)."""
    ordered = sorted_by_name(set(names))
    if not ordered:
        return Value(0, output_field=IntegerField())
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, value in enumerate(ordered)],
        default=Value(len(ordered)),
        output_field=IntegerField(),
    )
