"""Controlled values for surveys and forums: stored as codes, shown in the visitor's language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    NEW = "new", _("New")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("Micro enterprise")
    SMALL = "small", _("Small enterprise")
    MEDIUM = "medium", _("Medium-sized enterprise")
    LARGE = "large", _("Large enterprise")
    OTHER = "other", _("Other organisation (association, support agency, researcher)")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture, forestry and fishing")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    TRADE = "trade", _("Wholesale and retail trade")
    SERVICES = "services", _("Other services")
    DIGITAL = "digital", _("Information and communication")
    TOURISM = "tourism", _("Tourism and hospitality")
    OTHER = "other", _("Other")


class SurveyFieldType(models.TextChoices):
    SINGLELINE = "singleline", _("Short text")
    MULTILINE = "multiline", _("Long text")
    EMAIL = "email", _("E-mail address")
    RADIO = "radio", _("One choice (radio buttons)")
    DROPDOWN = "dropdown", _("One choice (drop-down list)")
    CHECKBOXES = "checkboxes", _("Several choices (check boxes)")
    SCALE = "scale", _("Scale from 1 to 5")
    COUNTRY = "country", _("Country")
    ENTERPRISE_SIZE = "enterprise_size", _("Enterprise size")
    SECTOR = "sector", _("Sector")


# Answers of these types are counted on the public results page; free text never is.
AGGREGATED_TYPES = {
    SurveyFieldType.RADIO,
    SurveyFieldType.DROPDOWN,
    SurveyFieldType.CHECKBOXES,
    SurveyFieldType.SCALE,
    SurveyFieldType.COUNTRY,
    SurveyFieldType.ENTERPRISE_SIZE,
    SurveyFieldType.SECTOR,
}
# Answers of these types may identify a person: removed when a response is anonymised.
FREE_TEXT_TYPES = {SurveyFieldType.SINGLELINE, SurveyFieldType.MULTILINE, SurveyFieldType.EMAIL}
