"""Bulk import in the admin: upload, preview, confirm. The same import layer as the
``import_csv`` command, so a file behaves the same way wherever it is loaded."""

import base64
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .importing import IMPORTERS, ImportFileError
from .models import ImportRecord

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SESSION_KEY = "msme_pending_import"
PREVIEW_ROWS = 200


def importers_for(user):
    """The data sets ``user`` may import, as ``{kind: importer class}``."""
    return {
        kind: importer
        for kind, importer in sorted(IMPORTERS.items())
        if importer.user_can_import(user)
    }


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Data set"))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with a header row, in the format of the starter data. Nothing is "
            "written until you have seen the preview and confirmed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, importer.label or kind) for kind, importer in kinds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ImportView(WagtailAdminTemplateMixin, View):
    template_name = "wagtailadmin/imports/import.html"
    page_title = _("Import data")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.kinds = importers_for(request.user)
        if not self.kinds:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]

    def render(self, **context):
        context = self.get_context_data(**context)
        return TemplateResponse(self.request, self.template_name, context)

    def upload_form(self, data=None, files=None):
        return UploadForm(data, files, kinds=self.kinds.items())

    def get(self, request):
        return self.render(form=self.upload_form(), history=ImportRecord.objects.all()[:10])

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = self.upload_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = self.kinds[kind]().read(data, name=upload.name)
        except ImportFileError as error:
            return self.render(form=form, errors=error.errors, file_name=upload.name)
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "token": token,
            "kind": kind,
            "name": upload.name,
            "data": base64.b64encode(data).decode(),
        }
        return self.render(plan=plan, rows=plan.rows[:PREVIEW_ROWS], token=token, kind=kind)

    def confirm(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token"):
            messages.error(request, _("That preview has expired. Upload the file again."))
            return redirect("msme_import")
        importer = self.kinds.get(pending["kind"])
        if importer is None:
            raise PermissionDenied
        try:
            plan = importer().read(base64.b64decode(pending["data"]), name=pending["name"])
        except ImportFileError as error:
            # The database changed since the preview in a way that makes the file invalid.
            return self.render(
                form=self.upload_form(), errors=error.errors, file_name=pending["name"]
            )
        summary = plan.apply()
        del request.session[SESSION_KEY]
        record = ImportRecord.objects.create(
            kind=pending["kind"],
            file_name=pending["name"],
            imported_by=request.user,
            created=summary["create"],
            updated=summary["update"],
            unchanged=summary["unchanged"],
        )
        log(record, "msme.import", user=request.user, data=summary)
        messages.success(
            request,
            _("%(file)s imported: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
            % {"file": pending["name"], **summary},
        )
        return redirect("msme_import")
