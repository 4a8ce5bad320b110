"""Signing in to the admin: lockout, two-factor codes, session length."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from msme_platform.core import roles

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
WITH_AXES = override_settings(
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
)


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username, password=PASSWORD, code="", address="203.0.113.5"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "otp_token": code},
        REMOTE_ADDR=address,
    )


@WITH_AXES
def test_five_wrong_passwords_pause_sign_in_from_that_address(client, make_user):
    make_user("delegate", roles.DELEGATES)
    for _attempt in range(4):
        assert sign_in(client, "delegate", password="wrong").status_code == 200
    assert sign_in(client, "delegate", password="wrong").status_code == 429
    locked = sign_in(client, "delegate")  # even the right password, for now
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    # Someone else's failures elsewhere cannot lock the delegate out.
    assert sign_in(client, "delegate", address="198.51.100.7").status_code == 302


# Without throttling, so a wrong code and then the right one can follow each other here;
# test_wrong_codes_slow_down_the_next_try covers the throttle.
NO_THROTTLE = override_settings(OTP_TOTP_THROTTLE_FACTOR=0)


@NO_THROTTLE
def test_secretariat_must_set_up_two_factor_before_using_the_admin(client, make_user):
    make_user("sec", roles.SECRETARIAT)
    assert sign_in(client, "sec").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/"
    setup = client.get("/admin/two-factor/").content.decode()
    assert "<svg" in setup and "Turn on two-factor sign-in" in setup

    device = TOTPDevice.objects.get(user__username="sec", confirmed=False)
    wrong = client.post("/admin/two-factor/", {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert client.post("/admin/two-factor/", {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


@NO_THROTTLE
def test_once_set_up_the_code_is_asked_at_sign_in(client, make_user):
    user = make_user("reviewer", roles.REVIEWERS)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    missing = sign_in(client, "reviewer").content.decode()
    assert "Enter the six-digit code from your authenticator app." in missing
    assert "That code is not right" in sign_in(client, "reviewer", code="123456").content.decode()
    assert sign_in(client, "reviewer", code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_slow_down_the_next_try(client, make_user):
    user = make_user("reviewer", roles.REVIEWERS)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "reviewer", code="123456")
    throttled = sign_in(client, "reviewer", code=current_code(device)).content.decode()
    assert "Too many wrong codes" in throttled


def test_two_factor_is_optional_for_delegates(client, make_user):
    make_user("delegate", roles.DELEGATES)
    assert sign_in(client, "delegate").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_sessions_expire_within_a_working_day(client, make_user):
    make_user("delegate", roles.DELEGATES)
    sign_in(client, "delegate")
    assert client.session.get_expiry_age() <= 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()
