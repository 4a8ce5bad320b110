"""Terms that mean the same to a visitor, curated by editors for site search."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class SearchSynonym(TranslatableMixin, models.Model):
    """A group of interchangeable search terms in one language ("e-commerce", "electronic
    commerce", "digital trade"): a search naming one also finds the pages naming another.

    Each language keeps its own terms; a group's French and Spanish versions are its
    translations in the admin.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the terms have in common, for editors (for example 'Online trade')."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One term per line, in this group's language: two or more words or phrases that "
            "visitors use for the same thing. Hyphens and capitals do not matter."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("terms")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def term_list(self):
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if len(self.term_list()) < 2:
            message = _("Give at least two terms, one per line: a group of one changes nothing.")
            raise ValidationError({"terms": message})
