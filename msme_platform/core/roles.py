"""The people who run the site, as Django groups (created by a data migration).

Apps give these groups their own permissions in their own migrations, by name.
"""

DELEGATES = "Group delegates"
REVIEWERS = "Group reviewers"
SECRETARIAT = "Secretariat"
OBSERVERS = "Observers"

ALL_ROLES = [DELEGATES, REVIEWERS, SECRETARIAT, OBSERVERS]
