"""The benchmark settings for the survey load test.

Every request comes from 127.0.0.1, so the per-client rate limit would refuse all but the
first few: it is off here, and so is the minimum fill time (a load generator fills a form
in microseconds). Everything else (token, honeypot, transaction) runs as in production.
"""

from benchmarks.settings import *  # noqa: F403

SURVEYS_RATE_LIMIT = None
SURVEYS_MIN_FILL_SECONDS = 0
