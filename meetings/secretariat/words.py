"""The one-word states the workspace shows (an invitation "issued", a delegation "submitted"),
in the page's language; the stored values stay English (README, "Translating the service")."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

WORDS = {
    # invitations
    "listed": _l("listed"), "issued": _l("issued"), "withdrawn": _l("withdrawn"),
    # delegations
    "draft": _l("draft"), "submitted": _l("submitted"), "returned": _l("returned"),
    "confirmed": _l("confirmed"),
    # sittings
    "scheduled": _l("scheduled"), "tentative": _l("tentative"), "cancelled": _l("cancelled"),
    # delegates' functions
    "head": _l("head"), "alternate": _l("alternate"), "adviser": _l("adviser"),
    "expert": _l("expert"),
    # ways of numbering a mailing (services/notes.py NUMBERINGS, whose texts a government never reads)
    "individual": _l("One note and one number per addressee"),
    "category_mark": _l("One number for the mailing, the category's mark in the reference"),
    "circular": _l("One circular note to all addressees, their private links in the e-mails"),
    # roles in a secretariat
    "admin": _l("admin"), "officer": _l("officer"), "viewer": _l("viewer"),
    # parties in the registry
    "state": _l("state"), "organization": _l("organization"), "un_entity": _l("un entity"),
    # where a note's wording comes from
    "shipped": _l("shipped"), "meeting": _l("meeting"), "secretariat": _l("secretariat"),
    # e-mails in the outbox
    "queued": _l("queued"), "sent": _l("sent"), "failed": _l("failed"),
    "retrying": _l("retrying"), "failing": _l("failing"),
}


def state_word(value: object) -> str:
    """The word for a stored state, or the value itself when it has none."""
    key = str(getattr(value, "value", value))
    return str(WORDS.get(key, key))
