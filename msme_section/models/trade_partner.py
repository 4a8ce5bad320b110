"""My trade partner: an exporter picks their economy and a market, and sees the
agreements in force between the two with MSME provisions, whom to contact, the programmes
of their own economy and the next events (``msme_section/trade_partner.py``).

A page rather than a plain view: delegates write its introduction, it has its address in
every language and its place under the MSME section, as the programme finder does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from msme_platform.core.models import BasePage


class TradePartnerPage(BasePage):
    template = "pages/msme_section/trade_partner_page.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = []
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence above the two questions, addressed to an exporter."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("trade partner page")

    def form(self, request):
        # imported here: the forms module reads the choices' models, loaded with this one
        from ..forms import TradePartnerForm

        if "market" not in request.GET:
            # Linked from a country profile with the exporter chosen: a question, not an error.
            exporter = request.GET.get("exporter", "").strip().upper()
            return TradePartnerForm(initial={"exporter": exporter}, locale_id=self.locale_id)
        return TradePartnerForm(request.GET, locale_id=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        # imported here: trade_partner reads the events and policymaker models, which
        # must not load while this app's models do
        from .. import trade_partner

        context = super().get_context(request, *args, **kwargs)
        form = self.form(request)
        context["form"] = form
        if form.is_bound and form.is_valid():
            exporter, market = form.pair()
            context["answer"] = trade_partner.answer(self.locale_id, exporter, market, request)
        return context
