import base64

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .auth import ConfirmDeviceForm, confirmed_device, two_factor_required
from .provenance import edit_url, provenance_models, stale_cutoff, stale_records


class TwoFactorView(WagtailAdminTemplateMixin, FormView):
    """Set up two-factor sign-in, or confirm a code for a session that needs it."""

    template_name = "wagtailadmin/two_factor.html"
    form_class = ConfirmDeviceForm
    page_title = _("Two-factor sign-in")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.device = confirmed_device(request.user)
        self.setting_up = self.device is None
        if self.setting_up:
            self.device, _created = TOTPDevice.objects.get_or_create(
                user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["setting_up"] = self.setting_up
        context["required"] = two_factor_required(self.request.user)
        context["verified"] = self.request.user.is_verified()
        if self.setting_up:
            context["secret"] = base64.b32encode(self.device.bin_key).decode()
            context["qr_svg"] = mark_safe(
                segno.make(self.device.config_url, error="m").svg_inline(scale=4, dark="#000")
            )
        return context

    def form_valid(self, form):
        if self.setting_up:
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=self.request.user, confirmed=False).delete()
            messages.success(self.request, _("Two-factor sign-in is on for your account."))
        otp_login(self.request, self.device)
        return redirect(reverse("wagtailadmin_home"))


class StaleRecordsView(WagtailAdminTemplateMixin, TemplateView):
    """Records not checked against their source for a year, or never: a to-do list."""

    template_name = "wagtailadmin/reports/stale_records.html"
    page_title = _("Records to check")
    header_icon = "time"
    PER_PAGE = 50

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": _("Reports")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = {m._meta.label_lower: m._meta.verbose_name_plural for m in provenance_models()}
        kind = self.request.GET.get("kind", "")
        if kind not in kinds:
            kind = ""
        records = Paginator(stale_records(kind or None), self.PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        context.update(
            kinds=sorted(kinds.items(), key=lambda item: str(item[1])),
            kind=kind,
            cutoff=stale_cutoff(),
            records=records,
            rows=[
                {
                    "kind": kinds[row[0]],
                    "label": row[2],
                    "last_verified": row[3],
                    "edit_url": edit_url(row[0], row[1]),
                }
                for row in records
            ],
        )
        return context


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """How to add the records delegates add most, in plain steps."""

    template_name = "wagtailadmin/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]
