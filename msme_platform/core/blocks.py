"""Blocks every content page shares. Each renders through its own template."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .enums import NoticeKind


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a section heading first; sub-headings go under it."),
    )

    class Meta:
        template = "components/blocks/heading_block.html"
        icon = "title"
        label = _("Heading")
        description = _("A heading that starts a new part of the page")
        preview_value = {"text": "Why it matters", "level": "h2"}


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=NoticeKind.choices, default=NoticeKind.INFO)
    text = blocks.RichTextBlock(features=settings.RICH_TEXT_BASIC)

    class Meta:
        template = "components/blocks/notice_block.html"
        icon = "warning"
        label = _("Notice")
        description = _("A highlighted message, such as a deadline or a caveat")
        preview_value = {"kind": "info", "text": "<p>Registration closes on Friday.</p>"}


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=30, help_text=_("The figure as it should read, e.g. 95%."))
    label = blocks.CharBlock(max_length=160, help_text=_("What the figure measures."))
    source_title = blocks.CharBlock(max_length=160, required=False)
    source_url = blocks.URLBlock(help_text=_("Where a reader can check the figure."))

    class Meta:
        icon = "table"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    figures = blocks.ListBlock(KeyFigureBlock())

    class Meta:
        template = "components/blocks/key_figures_block.html"
        icon = "table"
        label = _("Key figures")
        description = _("Two to four headline numbers, each with its source")
        preview_value = {
            "heading": "MSMEs in numbers",
            "figures": [
                {"value": "95%", "label": "of firms", "source_url": "https://example.org"},
            ],
        }


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    url = blocks.URLBlock()
    description = blocks.TextBlock(required=False, help_text=_("One sentence: what is it for?"))

    class Meta:
        icon = "link"
        label = _("Link")


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        template = "components/blocks/link_list_block.html"
        icon = "list-ul"
        label = _("List of links")
        description = _("External resources, each with a line on what it is for")
        preview_value = {
            "heading": "Where to find help",
            "links": [{"title": "Global Trade Helpdesk", "url": "https://globaltradehelpdesk.org"}],
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=settings.RICH_TEXT_FULL,
        template="components/blocks/paragraph_block.html",
        icon="pilcrow",
        label=_("Text"),
        description=_("Paragraphs, lists and links"),
        preview_value="<p>MSMEs make up most firms in every economy.</p>",
    )
    notice = NoticeBlock()
    key_figures = KeyFiguresBlock()
    links = LinkListBlock()
