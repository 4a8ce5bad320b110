"""Check every external link the section shows and report the dead ones.

Resources, programme websites and study links are requested one by one (HEAD, then GET
when a server refuses HEAD). A link is dead when the server answers 4xx/5xx or cannot be
reached. Each resource keeps the result of its last check for editors to see.
"""

import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from msme_section.models import NationalProgrammePage, Resource, StudyPage

USER_AGENT = "MSME-Platform-link-checker/1.0"


def check_url(url, timeout):
    """``(ok, status text)`` for one address."""
    last_error = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return True, f"{response.status}"
        except urllib.error.HTTPError as error:
            last_error = f"{error.code} {error.reason}"
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return False, last_error
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return False, f"unreachable ({reason})"
    return False, last_error


def links_to_check():
    """``(what, url, resource or None)`` for every distinct external link shown."""

    seen = set()
    for resource in Resource.objects.exclude(url="").order_by("name"):
        seen.add(resource.url)
        yield f"resource {resource.name!r}", resource.url, resource
    for model, field in ((NationalProgrammePage, "link"), (StudyPage, "link")):
        for title, url in (
            model.objects.live()
            .exclude(**{field: ""})
            .order_by("title")
            .values_list("title", field)
            .distinct()
        ):
            if url not in seen:
                seen.add(url)
                yield f"{model._meta.verbose_name} {title!r}", url, None


class Command(BaseCommand):
    help = "Check the external links of resources, programmes and studies; report dead ones."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request.")
        parser.add_argument(
            "--fail", action="store_true", help="Exit with an error when a link is dead."
        )

    def handle(self, *args, timeout, fail, **options):
        dead, checked = [], 0
        now = timezone.now()
        for what, url, resource in links_to_check():
            ok, status = check_url(url, timeout)
            checked += 1
            if resource is not None:
                resource.last_checked, resource.last_status = now, status[:120]
                resource.save(update_fields=["last_checked", "last_status"])
            if not ok:
                dead.append((what, url, status))
                self.stdout.write(f"DEAD {what}: {url} ({status})")
        self.stdout.write(f"{checked} link(s) checked, {len(dead)} dead.")
        if dead and fail:
            raise CommandError(f"{len(dead)} dead link(s)")
