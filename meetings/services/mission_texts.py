"""What the secretariat writes to a Permanent Mission, by kind of message: the English source
of each subject and body, which the message catalogs (meetings/translations) give in the six UN
languages and Kazakh; any other language falls back to English. Placeholders: %(meeting)s,
%(deadline)s, %(comment)s, %(link)s. The e-mail puts the meeting and the party above the text and
the secretariat's name under it (mission_mail.py).
"""
from __future__ import annotations

from meetings import languages

KINDS = ("reminder", "confirmed", "late_accepted", "returned", "new_link")
# The languages in which the catalogs hold these e-mails (Kazakh too, unlike the page).
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh", "kk")


def N_(text: str) -> str:
    """Marks a text for `pybabel extract`; mission_mail.py translates it."""
    return text


TEXTS: dict[str, tuple[str, str]] = {
    'reminder': (
        N_('Reminder: registration of the delegation — %(meeting)s'),
        N_("The secretariat wishes to recall that the composition of the Government's delegation has not yet been registered. The deadline for registration is %(deadline)s.\n\nThe delegation may be registered through the following private link, which is meant for the Government only:\n%(link)s\n\nShould the Government not intend to be represented, it may indicate so on the same page.")),
    'confirmed': (
        N_('Delegation confirmed — %(meeting)s'),
        N_("The secretariat confirms the registration of the Government's delegation.")),
    'late_accepted': (
        N_('Late registration accepted — %(meeting)s'),
        N_("The registration of the Government's delegation, received after the deadline, has been accepted. The secretariat confirms the registration of the delegation.")),
    'returned': (
        N_('Registration returned for correction — %(meeting)s'),
        N_("The secretariat returns the registration of the Government's delegation for correction, with the following comment:\n\n%(comment)s\n\nThe registration may be corrected and submitted again through the Government's private link:\n%(link)s")),
    'new_link': (
        N_('New private link for registration — %(meeting)s'),
        N_("A new private link has been issued for the registration of the Government's delegation. The previous link no longer works.\n\n%(link)s\n\nThe link is meant for the Government only.")),
}


def language_for(language: str | None) -> str:
    """The invitation's language when the catalogs write these e-mails in it, else English."""
    return language if language in LANGUAGES else languages.BASE
