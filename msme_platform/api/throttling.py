"""A rate limit per client on the API, counted where the surveys count theirs.

``API_RATE_LIMIT`` (``(requests, seconds)``, or ``None`` for none) per client, told
apart by the same keyed hash of its address as the survey limit (``core/protection.py``):
in Redis when ``REDIS_URL`` is set, so shared by every app server; per process otherwise.
A client over the limit gets 429 with ``Retry-After`` (Django REST framework's own answer
to a throttle). The limit is counted before the response cache is read, so cached
answers count too.
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from msme_platform.core import protection


def api_rate_limit():
    return getattr(settings, "API_RATE_LIMIT", (300, 60))


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        limit = api_rate_limit()
        if not limit:
            return True
        client = protection.client_hash(request)
        return not protection.over_rate_limit("api", client, limit)

    def wait(self):
        limit = api_rate_limit()
        return protection.seconds_until_reset(limit) if limit else None
