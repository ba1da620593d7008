"""What an officer reads about a note before issuing it: its problems and warnings, and the
secretariat's choices about notes, in the workspace's language (README, "Translating the
service"). Apart from notes.py so that a government's catalogs need none of them."""
from __future__ import annotations

from flask_babel import ngettext

from meetings.languages import N_

# Files attached to a note's e-mail, and ways of numbering a mailing (the secretariat's settings).
NOTE_FILES = {"docx": N_("Word (.docx)"), "pdf": N_("PDF"), "both": N_("Word (.docx) and PDF")}
NUMBERINGS = {
    "individual": N_("One note and one number per addressee"),
    "category_mark": N_("One number for the mailing, the category's mark in the reference"),
    "circular": N_("One circular note to all addressees, their private links in the e-mails"),
}
# The case a Russian example of a title in running text stands in.
RUNNING_TEXT_CASES = {"ru": N_("in the genitive")}


NO_TEMPLATE = N_("There is no note template in %(language)s: write one for this meeting or the "
                 "secretariat before issuing notes in %(language)s.")
NO_COLLECTIVE_ADDRESSEE = N_("Circular note: the collective addressee in %(language)s is missing "
                             "(Settings: “Collective addressee”).")
CIRCULAR_NOTE = N_("Circular note")
NO_NAME_IN_RUNNING_TEXT = N_("“%(title)s” has no name in running text in %(language)s: the note "
                             "uses its title as it stands. Write it on the translation page as a "
                             "sentence needs it (%(example)s).")

ADDRESSEE_MISSING = N_("the addressee (write it on the invitation in this language)")
ADDRESSEE_IN_TEXT_MISSING = N_("the addressee as the opening formula writes it (“%(block)s” in "
                               "the right case): edit the invitation")
MISSING_IN = N_("%(who)s: missing in %(language)s: %(text)s.")
TEMPLATE_PROBLEM = N_("The %(origin)s template in %(language)s: %(problem)s")

TO_BE_REVIEWED = N_("This wording is to be reviewed by the secretariat: it was not taken from an "
                    "authoritative source.")
DRAFT_LINKS = N_("The meeting is a draft: the addresses the note gives for documents on its "
                 "public page work once the meeting is announced.")

UNKNOWN_NUMBERING = N_("Unknown way of numbering %(numbering)s.")
PATTERN_PROBLEM = N_("The secretariat's reference pattern cannot number notes: %(problem)s")
NO_CATEGORY_MARK_IN_PATTERN = N_("The reference pattern has no {category_mark}: add it (e.g. CU "
                                 "{year}/{seq}({category_mark})/DTA/CEB/CSS) or number the notes "
                                 "individually.")
NO_CATEGORY_MARK = N_("No mark for the category “%(category)s”: set the category marks in the "
                      "secretariat's settings.")
WITHDRAWN = N_("%(party)s: the invitation is withdrawn.")
BAD_ADDRESS = N_("%(party)s: the e-mail address %(address)s cannot be written in an e-mail "
                 "header.")


def enclosure_pages_left_out(pages: int) -> str:
    return ngettext("The meeting counts %(num)s enclosed page, but no document's file goes with "
                    "the note: the enclosure line is left out.",
                    "The meeting counts %(num)s enclosed pages, but no document's file goes "
                    "with the note: the enclosure line is left out.", pages)

