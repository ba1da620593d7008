"""Word to the Permanent Mission at each step: written in the invitation's language, queued in
the outbox with the step itself (so it leaves only if the step commits), and audited.

Recipients are the focal point the delegation names and the mission's addresses on the
invitation. The private link goes in as a marker that the outbox fills when the e-mail leaves.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext

from meetings import i18n
from meetings.deadline import Deadline
from meetings.models import Invitation, OutboxMessage
from meetings.services import outbox, private_links
from meetings.services.audit import Actor, record
from meetings.services.mission_texts import TEXTS, language_for
from meetings.urls import registration_url

LABELS = {
    "reminder": "reminder",
    "confirmed": "delegation confirmed",
    "late_accepted": "late registration accepted",
    "returned": "delegation returned",
    "new_link": "new private link",
}
PREVIEW_LINK = "[the Government's private link]"


@dataclass(frozen=True)
class Letter:
    language: str
    subject: str
    body: str


def recipients(invitation: Invitation) -> list[str]:
    """The focal point first, then the mission's addresses; each once, only usable ones."""
    delegation = invitation.delegation
    candidates = [delegation.focal_point_email] if delegation is not None else []
    candidates += list(invitation.emails or [])
    found: list[str] = []
    for address in candidates:
        address = (address or "").strip()
        if address and outbox.address_ok(address) and \
                address.casefold() not in {a.casefold() for a in found}:
            found.append(address)
    return found


def compose(invitation: Invitation, kind: str, *, comment: str | None = None,
            base_url: str | None = None, preview: bool = False) -> Letter:
    """Subject and body in the invitation's language (English when there are no texts in it)."""
    language = language_for(invitation.language)
    subject, text = TEXTS[kind]
    meeting = invitation.meeting
    secretariat = meeting.secretariat
    deadline = Deadline.of(meeting)
    link = ""
    if "%(link)s" in text:
        link = PREVIEW_LINK if preview else \
            registration_url(private_links.REGISTRATION_MARKER, base_url)
    values = {"meeting": meeting.text_in(language), "comment": comment or "", "link": link,
              "deadline": deadline.words(language) if deadline else ""}
    signature = ((secretariat.localized or {}).get(language, {}).get("name")
                 or secretariat.name)
    party = invitation.party.short_name(language)
    with i18n.speaking(language):
        text, subject = gettext(text, **values), gettext(subject, **values)
    body = f"{values['meeting']}\n{party}\n\n{text}\n\n{signature}\n"
    return Letter(language, outbox.one_line(subject), body)


def send(invitation: Invitation, kind: str, actor: Actor, *, comment: str | None = None,
         base_url: str | None = None) -> OutboxMessage | None:
    """Queue the e-mail of this step and audit it; None when the mission has no usable address."""
    to = recipients(invitation)
    if not to:
        return None
    letter = compose(invitation, kind, comment=comment, base_url=base_url)
    secretariat = invitation.meeting.secretariat
    reply_to = next((a for a in (secretariat.reply_to, secretariat.email)
                     if a and outbox.address_ok(a)), None)
    message = outbox.enqueue(to, letter.subject, letter.body, reply_to=reply_to,
                             invitation_id=invitation.id)
    # The addresses stay in the outbox, not in the audit trail (retention erases them there).
    record(actor, f"e-mail to the mission: {LABELS[kind]}", invitation,
           {"recipients": len(to), "language": letter.language, "subject": letter.subject},
           meeting_id=invitation.meeting_id, secretariat_id=secretariat.id)
    return message
