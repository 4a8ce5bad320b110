"""Admin: the provisions whose category a rule assigned, for delegates to confirm.

Provisions are edited inline on their agreement, so this list links to the agreement's
editor, where "Category provisional" is unticked once the category is checked.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Provision

STATES = {
    "provisional": (_("Provisional (assigned by rule)"), {"category_provisional": True}),
    "confirmed": (_("Confirmed by a person"), {"category_provisional": False}),
    "all": (_("All"), {}),
}


def can_edit_pages(user):
    """Delegates, reviewers and the Secretariat: anyone who may change some page."""
    return PagePermissionPolicy().user_has_any_permission(user, ["change"])


def provisional_provisions():
    """The default language's provisions still carrying a rule-based category."""
    return Provision.objects.filter(
        category_provisional=True, page__locale_id=Locale.get_default().pk
    )


class ProvisionCategoriesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtailadmin/reports/provision_categories.html"
    page_title = _("Provision categories to confirm")
    header_icon = "tag"
    PER_PAGE = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": _("Reports")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "provisional")
        if state not in STATES:
            state = "provisional"
        provisions = (
            Provision.objects.filter(page__locale_id=Locale.get_default().pk, **STATES[state][1])
            .select_related("page", "category")
            .order_by("page__title", "sort_order", "pk")
        )
        context.update(
            states=[(value, label) for value, (label, _filter) in STATES.items()],
            state=state,
            provisions=Paginator(provisions, self.PER_PAGE).get_page(self.request.GET.get("p")),
        )
        return context


def provisional_categories_item(user):
    """The dashboard's count, for those who may edit agreements."""
    if not can_edit_pages(user):
        return None
    count = provisional_provisions().count()
    return {
        "count": count,
        "label": ngettext(
            "%(count)s provision with a provisional category to confirm",
            "%(count)s provisions with a provisional category to confirm",
            count,
        )
        % {"count": count},
        "url": reverse("msme_provision_categories"),
    }
