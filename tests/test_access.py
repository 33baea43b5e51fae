"""Who may change the store from the dashboard (timeline.access)."""

from __future__ import annotations

import pytest

from timeline.access import check_password, decide, hosted

PASSWORD = {"timeline": {"editor_password": "s3cret"}}
OIDC = {"auth": {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "c", "client_id": "id",
                 "client_secret": "s", "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"}}


@pytest.mark.parametrize(("env", "secrets", "expected"), [
    ({}, {}, False),
    ({"TIMELINE_HOSTED": "1"}, {}, True),
    ({"TIMELINE_HOSTED": "0"}, {}, False),
    ({}, PASSWORD, True),
    ({}, OIDC, True),
    ({}, {"auth": {"google": {"client_id": "id"}}}, True),  # a named provider
    ({}, {"timeline": {"editor_password": ""}}, False),
])
def test_a_dashboard_is_hosted_when_told_or_when_a_sign_in_is_configured(env: dict, secrets: dict,
                                                                        expected: bool) -> None:
    assert hosted(env, secrets) is expected


def test_on_ones_own_machine_the_user_writes_under_their_name() -> None:
    acc = decide({"TIMELINE_USER": "ana"}, {}, None)
    assert (acc.can_write, acc.who, acc.hosted) == (True, "ana", False)


def test_a_hosted_app_lets_anonymous_visitors_read_only() -> None:
    anonymous = decide({}, PASSWORD, None)
    assert (anonymous.can_write, anonymous.who) == (False, "")
    assert "Sign in" in anonymous.refusal("correct events")
    editor = decide({}, PASSWORD, "Bob")
    assert (editor.can_write, editor.who) == (True, "Bob")


def test_a_hosted_app_without_a_sign_in_is_read_only_and_says_how_to_configure_one() -> None:
    acc = decide({"TIMELINE_HOSTED": "1"}, {}, None)
    assert not acc.can_write and "secrets.toml" in acc.refusal("ingest articles")


@pytest.mark.parametrize(("given", "ok"), [("s3cret", True), ("s3cre", False), ("", False), ("S3CRET", False)])
def test_the_shared_password(given: str, ok: bool) -> None:
    assert check_password(PASSWORD, given) is ok
    assert check_password({}, given) is False  # no password configured: nobody signs in with one
