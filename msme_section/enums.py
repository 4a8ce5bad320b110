from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeType(models.TextChoices):
    FINANCE = "finance", _("Finance")
    EXPORT_PROMOTION = "export-promotion", _("Export promotion")
    TRAINING = "training-advice", _("Training and advice")
    DIGITALISATION = "digitalisation", _("Digitalisation")
    PROCUREMENT = "public-procurement", _("Public procurement")
    INNOVATION = "innovation", _("Innovation")
    FORMALISATION = "formalisation", _("Formalisation")
    OTHER = "other", _("Other support")


# What a business owner needs, in their words, for the programme finder.
NEED_LABELS = {
    ProgrammeType.FINANCE: _("money (loans, guarantees or grants)"),
    ProgrammeType.EXPORT_PROMOTION: _("help to sell abroad"),
    ProgrammeType.TRAINING: _("training or advice"),
    ProgrammeType.DIGITALISATION: _("help to go digital"),
    ProgrammeType.PROCUREMENT: _("help to sell to the government"),
    ProgrammeType.INNOVATION: _("help with new products or technology"),
    ProgrammeType.FORMALISATION: _("help to register the business formally"),
    ProgrammeType.OTHER: _("other kinds of support"),
}


class FirmSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")


SIZE_WORDS = {
    FirmSize.MICRO: _("micro firms"),
    FirmSize.SMALL: _("small firms"),
    FirmSize.MEDIUM: _("medium-sized firms"),
}


class StudyType(models.TextChoices):
    REPORT = "report", _("Report")
    WORKING_PAPER = "working-paper", _("Working paper")
    DATABASE = "database", _("Database")
    STATISTICS = "statistics", _("Statistics")
    GUIDE = "guide", _("Guide")


class Audience(models.TextChoices):
    MSME = "msme", _("Small businesses")
    POLICYMAKER = "policymaker", _("Policymakers")
    BOTH = "both", _("Small businesses and policymakers")


class ResourceNeed(models.TextChoices):
    MARKETS = "markets", _("Find markets, tariffs and buyers")
    REQUIREMENTS = "requirements", _("Know the product rules of a market")
    LEARN = "learn", _("Learn how to trade")
    AGREEMENTS = "agreements", _("Use trade agreements")
    SUPPORT = "support", _("Find partners and support")
    DATA = "data", _("Data and research")
