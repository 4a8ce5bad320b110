from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """A friendly 503 with Retry-After while the database cannot be reached.

    Without it a lost database connection is an ordinary 500. The page comes from a
    template that needs no database, and Django reconnects on the next request, so the
    site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
