"""Helpers the whole suite shares."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def assert_constant_queries(func, grow, limit):
    """``func`` runs within ``limit`` queries, and ``grow()`` (more data) does not raise it.

    Returns the count so a test can report it.
    """
    func()  # warm caches that live for the whole process (content types, site root paths)
    before = count_queries(func)
    grow()
    after = count_queries(func)
    assert before <= limit, f"{before} queries, budget {limit}"
    assert after == before, f"{before} queries before growing the data, {after} after"
    return before


PASSWORD = "a long and unusual passphrase 42"


def sign_in(client, user, password=PASSWORD):
    """Sign ``user`` in through the admin login form, with a real two-factor code.

    Secretariat staff and reviewers cannot use the admin without a verified code, so
    tests sign them in the way a person does rather than with ``force_login``.
    """
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.set_password(password)
    user.save()
    device = TOTPDevice.objects.create(user=user, name="test app", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(
        "/admin/login/", {"username": user.get_username(), "password": password, "otp_token": code}
    )
    assert response.status_code == 302, "sign-in failed"
