"""Who may change the store from the dashboard: anyone on a machine of one's own, only people
signed in on a hosted app.

A dashboard is *hosted* when ``TIMELINE_HOSTED=1`` is set or a way to sign in is configured in
Streamlit's ``secrets.toml``: an OpenID Connect provider under ``[auth]`` (``st.login``), or a
shared password for editors under ``[timeline]`` as ``editor_password``. Anonymous visitors of a
hosted app read and filter; ingesting, correcting and deleting need a signed-in person, whose name
is the "who" of the audit trail. Unhosted (``streamlit run app.py`` on one's own machine), the
person is the machine's user (``TIMELINE_USER``, else the login name).

>>> decide({}, {}, None).can_write, decide({"TIMELINE_HOSTED": "1"}, {}, None).can_write
(True, False)
"""

from __future__ import annotations

import getpass
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Access:
    """What the person at the dashboard may do, and how to say it."""

    can_write: bool
    who: str  # the audit trail's "who"; "" for an anonymous visitor
    hosted: bool
    password: bool  # editors sign in with the shared password
    oidc: bool  # editors sign in with the configured provider (st.login)

    def refusal(self, what: str) -> str:
        """Why ``what`` ("ingest articles") is not offered, and how to get it."""
        if not (self.password or self.oidc):
            return (f"This shared dashboard is read-only: to {what}, its owner configures a sign-in in "
                    "secrets.toml ([auth] or [timeline] editor_password), see the README.")
        return f"Sign in (in the sidebar) to {what}. Anyone can read and filter."


def hosted(env: Mapping[str, str], secrets: Mapping[str, Any]) -> bool:
    """Whether the dashboard is shared: ``TIMELINE_HOSTED=1``, or a sign-in is configured."""
    return env.get("TIMELINE_HOSTED", "").strip() in ("1", "true", "yes") or _oidc(secrets) or _password(secrets) != ""


def _oidc(secrets: Mapping[str, Any]) -> bool:
    auth = secrets.get("auth")
    return isinstance(auth, Mapping) and bool(auth.get("client_id") or any(isinstance(v, Mapping) for v in auth.values()))


def _password(secrets: Mapping[str, Any]) -> str:
    section = secrets.get("timeline")
    return str(section.get("editor_password", "")) if isinstance(section, Mapping) else ""


def decide(env: Mapping[str, str], secrets: Mapping[str, Any], signed_in: str | None) -> Access:
    """The access of the person at the dashboard: ``signed_in`` is their name when they signed in
    (by the provider or the shared password), else None."""
    password, oidc = _password(secrets) != "", _oidc(secrets)
    if not hosted(env, secrets):
        return Access(True, env.get("TIMELINE_USER") or _login(), False, password, oidc)
    return Access(bool(signed_in), signed_in or "", True, password, oidc)


def check_password(secrets: Mapping[str, Any], given: str) -> bool:
    """Whether ``given`` is the editors' shared password (compared in constant time)."""
    expected = _password(secrets)
    return expected != "" and hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on this machine (a container with a bare uid)
        return "local user"
