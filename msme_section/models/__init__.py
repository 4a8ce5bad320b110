"""What the MSME section owns, including the records policymakers see.

Programmes, studies, best practices and challenges are Wagtail pages: each has its own
address, goes through the publishing workflow and appears in site search. A record has
one home (programmes under the Policymaker section's programme index, studies under the
MSME section's study index) and is shown elsewhere by a filtered view, never copied.
Resources are plain snippets: a link and a sentence, with no page of their own.
"""

from .best_practices import BestPracticeIndexPage, BestPracticePage, BestPracticeSource
from .challenges import ChallengeIndexPage, ChallengePage
from .programmes import NationalProgrammePage, ProgrammeFinderPage, ProgrammeIndexPage
from .resources import Resource, ResourcesPage
from .section import MSMESectionPage
from .studies import StudyIndexPage, StudyKeyFigure, StudyPage, StudyTag
from .trade_partner import TradePartnerPage

__all__ = [
    "BestPracticeIndexPage",
    "BestPracticePage",
    "BestPracticeSource",
    "ChallengeIndexPage",
    "ChallengePage",
    "MSMESectionPage",
    "NationalProgrammePage",
    "ProgrammeFinderPage",
    "ProgrammeIndexPage",
    "Resource",
    "ResourcesPage",
    "StudyIndexPage",
    "StudyKeyFigure",
    "StudyPage",
    "StudyTag",
    "TradePartnerPage",
]
