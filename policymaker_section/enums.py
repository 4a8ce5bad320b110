from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementType(models.TextChoices):
    """WTO RTA-IS types: FTA covers goods, EIA services; many agreements are both."""

    FTA = "FTA", _("Free trade agreement (FTA)")
    EIA = "EIA", _("Economic integration agreement (EIA)")
    FTA_EIA = "FTA & EIA", _("FTA and EIA")
    CU = "CU", _("Customs union (CU)")
    CU_EIA = "CU & EIA", _("CU and EIA")
    PSA = "PSA", _("Partial scope agreement (PSA)")
    PSA_EIA = "PSA & EIA", _("PSA and EIA")


class LegalIntensity(models.TextChoices):
    BINDING = "binding", _("binding")
    BEST_ENDEAVOUR = "best-endeavour", _("best endeavour")
    HORTATORY = "hortatory", _("hortatory")
    NOT_ASSESSED = "", _("not assessed")


class CategoryGroup(models.TextChoices):
    GENERAL = "general", _("General statements and objectives")
    COOPERATION = "cooperation", _("Cooperation")
    TRANSPARENCY = "transparency", _("Transparency and information sharing")
    INSTITUTIONAL = "institutional", _("Institutional arrangements")
    OTHER_CHAPTERS = "other chapters", _("SME language in other chapters")
    OTHER = "other", _("Other")


class CoverageVerified(models.TextChoices):
    YES = "yes", _("MSME coverage confirmed by a source")
    PLANNED = "planned", _("MSME section announced; report content not checked")
    NO = "no", _("MSME content not verified")
