"""Everything the site keeps of what it derived from content, and the one rule for it.

See ``README.md`` here: derived data is valid for one content generation, or until a
moment in time (``memo.remember_until``), and nothing else.
"""
