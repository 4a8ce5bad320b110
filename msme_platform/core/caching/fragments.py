"""Rendered template fragments kept in the memo: the node behind ``{% remember %}``
(registered in ``core_tags``)."""

from collections.abc import Sequence

from django import template
from django.template.base import FilterExpression, NodeList
from django.template.context import Context
from django.utils import translation

from . import memo
from .routing import site_for_request


class RememberNode(template.Node):
    """The fragment rendered once per content generation, site, language and ``vary_on``
    values, then kept as HTML (never in a preview: a draft shows what it has now)."""

    def __init__(self, nodelist: NodeList, name: str, vary_on: Sequence[FilterExpression]) -> None:
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context: Context) -> str:
        request = context["request"]
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        site = site_for_request(request)
        key = (
            "fragment",
            self.name,
            site.pk if site else None,
            translation.get_language(),
            *(var.resolve(context) for var in self.vary_on),
        )
        return memo.remember(key, lambda: self.nodelist.render(context))
