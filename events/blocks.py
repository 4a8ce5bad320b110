"""Speakers, recordings and documents of an event: stream blocks stored in the page row,
so an event page reads them without a query per kind (documents chosen from the library
cost one query for all of them)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=255)
    role = blocks.CharBlock(
        label=_("Role"),
        max_length=255,
        required=False,
        help_text=_("Position and organisation, e.g. “Coordinator, Informal Working Group”."),
    )

    class Meta:
        icon = "user"
        label = _("Speaker")
        preview_value = {"name": "A. Delegate", "role": "Coordinator"}


class RecordingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    url = blocks.URLBlock(
        label=_("Link"),
        help_text=_(
            "The recording's page. YouTube and Vimeo links are offered as a player that "
            "loads only when the visitor asks; other links are shown as links."
        ),
    )
    captions_url = blocks.URLBlock(
        label=_("Captions file"),
        required=False,
        help_text=_("A WebVTT or SRT file, or a page with the captions."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=settings.RICH_TEXT_BASIC
    )

    class Meta:
        icon = "media"
        label = _("Recording")
        preview_value = {"title": "Full recording", "url": "https://vimeo.com/1"}


class DocumentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255, help_text=_("e.g. “Slides”."))
    document = DocumentChooserBlock(label=_("File"), required=False)
    url = blocks.URLBlock(
        label=_("Link"), required=False, help_text=_("Or a link to the document online.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("document") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a file or give a link."))}
            )
        return value
