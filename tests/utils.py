"""Helpers the whole suite shares."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def assert_constant_queries(func, grow, limit):
    """``func`` runs within ``limit`` queries, and ``grow()`` (more data) does not raise it.

    Counted twice at each size: cold (the first request after a change, with the process
    memo empty) and warm (the next one, what nearly every visitor gets). Returns
    ``(cold, warm)`` so a test can report them.
    """
    from msme_platform.core.caching import memo

    func()  # warm caches that live for the whole process (content types)
    memo.forget()
    cold_before = count_queries(func)
    warm_before = count_queries(func)
    grow()
    memo.forget()
    cold_after = count_queries(func)
    warm_after = count_queries(func)
    assert cold_before <= limit, f"{cold_before} queries, budget {limit}"
    assert warm_before <= cold_before
    assert cold_after == cold_before, (
        f"cold: {cold_before} queries before growing the data, {cold_after} after"
    )
    assert warm_after == warm_before, (
        f"warm: {warm_before} queries before growing the data, {warm_after} after"
    )
    return cold_before, warm_before


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
