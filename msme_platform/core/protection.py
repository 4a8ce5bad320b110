"""What stands between a public form and abuse, without a third-party CAPTCHA.

- A one-time form token, signed, carrying a random nonce and the time the form was shown.
  The nonce is stored (unique) with what it produced, so a double submit finds the first
  record instead of creating a second; the time gives a minimum fill time.
- A honeypot field that people never see and bots fill in.
- A rate limit per client. The client is identified by a keyed hash of its address
  (``salted_hmac`` with the site's secret): the address itself is never stored.

Rate limits live in Django's cache. With ``REDIS_URL`` set that is Redis, shared by every
app server, so the limit holds across the whole site. Without Redis the cache is local
memory: each worker process counts on its own, so a client may get up to the limit once
per worker. That is a deliberate choice: the site keeps accepting submissions (the
honeypot, the fill time and moderation still apply) rather than refusing them or
pretending to a guarantee it cannot keep (django-ratelimit refuses such a cache outright).
If Redis is configured but unreachable, the limit is skipped and a warning logged: losing
a respondent's answers would be worse than letting a few extra through to moderation.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

TOKEN_SALT = "surveys.form-token"


def min_fill_seconds():
    return getattr(settings, "SURVEYS_MIN_FILL_SECONDS", 3)


def token_max_age():
    return getattr(settings, "SURVEYS_TOKEN_MAX_AGE", 24 * 3600)


def rate_limit():
    """``(submissions, seconds)`` allowed per client and form, or ``None`` for no limit."""
    return getattr(settings, "SURVEYS_RATE_LIMIT", (10, 3600))


def make_token(issued_at=None):
    issued = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"n": secrets.token_hex(16), "t": issued}, salt=TOKEN_SALT)


def read_token(token):
    """``(nonce, issued_at)`` from a token, or ``None`` when it is forged or too old."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        nonce, issued = str(data["n"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    age = time.time() - issued
    if age > token_max_age() or age < -60 or len(nonce) != 32:
        return None
    return nonce, issued


def filled_too_fast(issued_at):
    return time.time() - issued_at < min_fill_seconds()


def client_address(request):
    """The address the request came from. Behind a proxy, set ``SURVEYS_CLIENT_IP_HEADER``
    (e.g. ``HTTP_X_REAL_IP``) to the header the proxy sets: never trust one by default."""
    header = getattr(settings, "SURVEYS_CLIENT_IP_HEADER", "")
    address = request.META.get(header, "") if header else ""
    return address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def client_hash(request):
    return salted_hmac("surveys.client", client_address(request)).hexdigest()[:40]


def over_rate_limit(scope, client, limit=None):
    """Count one submission by ``client`` to ``scope``; ``True`` when past the limit
    (``(allowed, seconds)``; the surveys' limit unless given)."""
    limit = rate_limit() if limit is None else limit
    if not limit:
        return False
    allowed, window = limit
    bucket = int(time.time() // window)
    key = f"surveys:rl:{scope}:{client}:{bucket}"
    try:
        cache.add(key, 0, timeout=window + 5)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    except Exception:  # the cache server is down: keep the site answering
        logger.warning("Rate limit skipped: the cache is unreachable", exc_info=True)
        return False
    return count > allowed


def seconds_until_reset(limit):
    """Seconds until the window of ``limit`` (``(allowed, seconds)``) starts again."""
    _allowed, window = limit
    return max(1, int(window - time.time() % window))
