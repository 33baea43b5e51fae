"""The analyst's workbench on every page: who is signed in, and the forms that correct an event.
Streamlit glue only: who may write is decided by timeline.access, every change is checked and kept
by timeline.corrections."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from timeline.access import Access, check_password, decide
from timeline.corrections import Corrector
from timeline.display import md_literal
from timeline.errors import CorrectionError
from timeline.model import PRECISIONS
from timeline.events.vocabulary import CAMEO_ROOTS


def _secrets() -> dict[str, object]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises FileNotFoundError (or its own error) on reading
        return {}


def _signed_in(secrets: dict[str, object]) -> str | None:
    editor = st.session_state.get("editor")
    if editor:
        return str(editor)
    try:
        if st.user.is_logged_in:
            return str(st.user.get("name") or st.user.get("email") or "signed-in user")
    except Exception:  # no [auth] section: st.user has nothing to say
        return None
    return None


def access() -> Access:
    """What the person at the dashboard may do (timeline.access)."""
    secrets = _secrets()
    return decide(os.environ, secrets, _signed_in(secrets))


def sign_in_box() -> Access:
    """In the sidebar of a hosted app: who is signed in, or how to sign in to change things."""
    acc, secrets = access(), _secrets()
    if not acc.hosted:
        return acc
    with st.sidebar:
        st.divider()
        if acc.can_write:
            st.caption(md_literal(f"Signed in as {acc.who}: you can ingest and correct."))
            if st.button("Sign out", key="sign_out"):
                st.session_state.pop("editor", None)
                if acc.oidc and st.user.is_logged_in:
                    st.logout()
                st.rerun()
        elif acc.oidc:
            st.button("Sign in to edit", key="sign_in", on_click=st.login)
        elif acc.password:
            with st.form("sign_in_form"):
                st.caption("Sign in to ingest and correct. Anyone can read and filter.")
                name = st.text_input("Your name", key="sign_in_name")
                word = st.text_input("Editors' password", type="password", key="sign_in_password")
                if st.form_submit_button("Sign in"):
                    if name.strip() and check_password(secrets, word):
                        st.session_state["editor"] = name.strip()
                        st.rerun()
                    st.error("Wrong password, or no name: both are needed to sign in.")
        else:
            st.caption("Read-only: this shared dashboard has no sign-in configured.")
    return acc


def _type_options() -> list[str]:
    return [f"{code} {name}" for code, name in CAMEO_ROOTS.items()]


def correction_panel(row: pd.Series, view: pd.DataFrame, store: object) -> None:
    """Correct the selected event, hide it, split or merge it: each change one edit in its history."""
    acc = access()
    if not acc.can_write:
        st.caption(md_literal(acc.refusal("correct events")))
        return
    event_id = str(row["event_id"])
    corrector = Corrector(store, acc.who)  # type: ignore[arg-type]
    seen_key = f"seen:{event_id}"
    if seen_key not in st.session_state:  # what this person read: a save after someone else's is refused
        st.session_state[seen_key] = len(corrector.store.edits([event_id]))
    with st.expander("Correct this event", icon=":material/edit:"):
        with st.form(f"edit:{event_id}"):
            when = row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']}..{row['date_end']}"
            date_text = st.text_input("Date", value=str(when) if pd.notna(row["date_start"]) else "",
                                      help="YYYY-MM-DD, or a span YYYY-MM-DD..YYYY-MM-DD")
            precisions = [p for p in PRECISIONS if p != "undated"]
            precision = st.selectbox("Precision", precisions, index=precisions.index(row["precision"])
                                     if row["precision"] in precisions else 0)
            types = _type_options()
            current = next((t for t in types if t[:2] == str(row["event_type"])[:2]), None)
            kind = st.selectbox("Type", types, index=types.index(current) if current else None,
                                placeholder="Unclassified: pick a CAMEO root")
            source = st.text_input("Who acted", value=str(row["source_actors"] or ""), help="names separated by ';'")
            target = st.text_input("Acted on", value=str(row["target_actors"] or ""), help="names separated by ';'")
            label = st.text_input("Label", value=str(row["label"] or ""))
            location = st.text_input("Where", value=str(row["location"] or ""))
            note = st.text_input("Note (why)", value="")
            if st.form_submit_button("Save corrections", type="primary"):
                changes = {"label": label, "location": location}
                if date_text.strip():
                    changes["date"] = date_text
                if kind and (not current or kind[:2] != current[:2]):
                    changes["type"] = kind.split(" ", 1)[0]
                if source.strip() or str(row["source_actors"] or ""):
                    changes["source"] = source
                if target.strip() or str(row["target_actors"] or ""):
                    changes["target"] = target
                _save(lambda: corrector.edit(event_id, changes, precision, note, seen=st.session_state[seen_key]),
                      seen_key)
        hide, split, merge = st.columns(3)
        if hide.button("Hide this event", key=f"hide:{event_id}", help="It leaves the table and exports; "
                       "`timeline unhide` shows it again."):
            _save(lambda: [corrector.hide(event_id, seen=st.session_state[seen_key])], seen_key)
        if int(row["mentions"]) > 1 and split.button("Split into its mentions", key=f"split:{event_id}"):
            _save(lambda: [corrector.split(event_id)], seen_key)
        others = view[view["event_id"] != event_id]
        labels = {f"{d or 'undated'} · {lab} · {i}": str(i)
                  for d, lab, i in zip(others["date_start"], others["label"], others["event_id"])}
        other = merge.selectbox("Same happening as", list(labels), index=None, key=f"merge:{event_id}",
                                placeholder="merge another event into this one")
        if other and merge.button("Merge", key=f"merge_go:{event_id}"):
            _save(lambda: [corrector.merge(event_id, labels[other])], seen_key)


def _save(action: object, seen_key: str) -> None:
    try:
        done = action()  # type: ignore[operator]
    except CorrectionError as exc:
        st.error(md_literal(exc))
        return
    st.session_state.pop(seen_key, None)
    st.toast(md_literal(f"Saved {len(done)} change(s)."))
    st.rerun()
