"""Logging filters used by ``LOGGING`` in the settings."""

import logging


class WithoutTraceback(logging.Filter):
    """Keep a record's message, drop its traceback.

    Django logs a request with a Host header outside ``ALLOWED_HOSTS`` (a scanner, a
    spoofed header) with the exception attached. The 400 answer is the whole story: one
    line per request is enough, where a traceback each time would bury the real errors.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
