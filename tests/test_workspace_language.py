"""An officer works in French: the workspace speaks the language the officer chose, or the one
the browser asks for, while every government keeps reading its invitation's language."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import AuditEvent, InvitationCategory, MeetingStatus, Role, User
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)  # end of 24 September in Vienna
FRENCH = "fr-FR,fr;q=0.9,en;q=0.5"


@pytest.fixture
def setting(app, registry, make_secretariat, make_user, make_meeting):
    """Four days before the deadline; Austria (English) and France (French) on the list."""
    secretariat = make_secretariat("unodc")
    officer = make_user(secretariat, Role.OFFICER)
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.ANNOUNCED)
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR,
                     language="en")
    invite(meeting, party_by_iso3("FRA"), InvitationCategory.STATE_PARTY, ACTOR, language="fr")
    link = private_links.issue_link(austria, ACTOR, CLOSES)
    db.session.commit()
    app.config["FIXED_NOW"] = CLOSES - timedelta(days=4)
    yield {"officer": officer, "meeting": meeting, "austria": austria, "austria_link": link}
    app.config.pop("FIXED_NOW", None)


def choose(client, language, back=None):
    data = {"language": language, **({"back": back} if back else {})}
    return client.post("/secretariat/account", data=data)


def english_left(text: str, words: list[str]) -> list[str]:
    return [word for word in words if word in text]


def test_an_officer_who_chose_french_reads_the_workspace_in_french(client, setting, login_as):
    login_as(setting["officer"])
    response = choose(client, "fr")
    assert response.status_code == 302
    account = text_of(client.get(response.location))
    assert "L'espace de travail est désormais en français." in account
    assert "Langue de l'espace de travail" in account

    meetings = text_of(client.get("/secretariat/"))
    assert "Nouvelle réunion" in meetings
    assert "22–23 octobre 2012" in meetings  # dates in French too
    assert "24 septembre 2012" in meetings  # the deadline
    assert "Inscriptions ouvertes" in meetings
    assert english_left(meetings, ["New meeting", "Registration open", "October", "September",
                                   "Sign out", "Deadline", "Outbox", "Venue"]) == []

    page = text_of(client.get("/secretariat/meetings/em"))
    for french in ("Date limite d'inscription", "Séances", "Aucune séance : la réunion",
                   "Liste des invitations", "Dernières modifications", "Se déconnecter",
                   "Réunion : Titre", "anglais"):
        assert french in page
    # French typography: a non-breaking space before the colon (text_of folds it to a space)
    assert "Aucune séance\u00a0: la réunion" in client.get("/secretariat/meetings/em").get_data(
        as_text=True)
    assert english_left(page, ["Registration deadline", "Sittings", "Invitation list",
                               "Latest changes", "No documents yet", "Linked meetings",
                               "at the venue", "Meeting: Title"]) == []

    invitations = text_of(client.get("/secretariat/meetings/em/invitations"))
    for french in ("État partie", "2 invité(s)", "Ajouter un groupe", "Destinataire",
                   "Télécharger la liste des invitations :"):
        assert french in invitations
    assert english_left(invitations, ["State party", "invited,", "Add a group", "Addressee",
                                      "Download the invitation list", "Remove…",
                                      "Nobody is invited"]) == []

    dashboard = text_of(client.get("/secretariat/meetings/em/dashboard"))
    for french in ("Tableau de bord", "Reste 4 jours", "Femmes parmi les délégués",
                   "Invitations par état", "Inscrites, sans note", "Heure actuelle sur le lieu"):
        assert french in dashboard
    assert english_left(dashboard, ["Dashboard", "days left", "Women among delegates",
                                    "Invitations by state", "Listed, no note yet", "Search",
                                    "Sep 2012"]) == []

    notes = text_of(client.get("/secretariat/meetings/em/notes"))
    for french in ("2 invitations de la liste n'ont pas encore de note.", "Date des notes",
                   "Émettre les 2 notes", "Aucune note émise pour l'instant."):
        assert french in notes
    assert english_left(notes, ["have no note yet", "Date of the notes", "Issue all",
                                "No note issued yet", "Reference"]) == []


def test_a_form_refused_in_french_says_why_in_french(client, setting, login_as):
    login_as(setting["officer"])
    choose(client, "fr")
    response = client.post("/secretariat/meetings/new", data={
        "secretariat": setting["meeting"].secretariat_id, "title": "", "slug": "new",
        "city": "Vienne", "country": "Autriche", "timezone": "Europe/Vienna",
        "first_day": "2012-22-10", "last_day": "2012-10-23", "late_policy": "close",
        "status": "draft", "languages": ["en"]})
    assert response.status_code == 422
    text = text_of(response)
    for french in ("Veuillez corriger ce qui est signalé ci-dessous", "Ce champ est requis.",
                   "Indiquez la date sous la forme AAAA-MM-JJ", "Titre", "Fuseau horaire du lieu"):
        assert french in text
    assert english_left(text, ["Please correct", "This field is required",
                               "Give the date as", "Venue time zone", "First day"]) == []
    refused = text_of(client.post("/secretariat/meetings/new", data={
        "secretariat": setting["meeting"].secretariat_id, "title": "Réunion", "slug": "new",
        "city": "Vienne", "country": "Autriche", "timezone": "Europe/Vienna",
        "first_day": "2012-10-23", "last_day": "2012-10-22", "late_policy": "close",
        "status": "draft", "languages": ["en"]}))  # a rule of the service, not of the form
    assert "Le dernier jour ne peut pas précéder le premier jour." in refused
    assert "cannot be before" not in refused


def test_a_flash_message_follows_the_officer_in_french(client, setting, login_as):
    login_as(setting["officer"])
    choose(client, "fr")
    response = client.post("/secretariat/meetings/em/sittings/new", data={
        "day": "2012-10-22", "starts_at": "10:00", "ends_at": "13:00", "status": "scheduled"})
    assert response.status_code == 302
    page = text_of(client.get(response.location))
    assert "Séance ajoutée." in page
    assert "22 octobre 2012" in page
    assert english_left(page, ["Sitting added", "scheduled", "October"]) == []


def test_the_choice_is_stored_on_the_account_and_audited(client, setting, login_as):
    officer = setting["officer"]
    login_as(officer)
    choose(client, "fr")
    choose(client, "fr")  # the same choice again records nothing new
    assert db.session.get(User, officer.id).workspace_language == "fr"
    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.object_type == "User", AuditEvent.action == "workspace language chosen")
        .order_by(AuditEvent.id)).all()
    assert [e.changes for e in events] == [{"workspace_language": [None, "fr"]}]
    assert choose(client, "de").status_code == 422  # not a workspace language
    assert db.session.get(User, officer.id).workspace_language == "fr"


def test_the_header_switch_brings_the_officer_back_to_the_same_page(client, setting, login_as):
    login_as(setting["officer"])
    page = client.get("/secretariat/meetings/em").get_data(as_text=True)
    assert 'lang="fr">Français</button>' in page  # offered in its own name
    assert page.startswith('<!doctype html>\n<html lang="en"')
    response = choose(client, "fr", back="/secretariat/meetings/em?x=1")
    assert response.location.endswith("/secretariat/meetings/em?x=1")
    french = client.get(response.location).get_data(as_text=True)
    assert '<html lang="fr"' in french and "Séances" in text_of(french)
    elsewhere = choose(client, "en", back="//evil.example.org/secretariat/")
    assert elsewhere.location.endswith("/secretariat/account")
    assert "Sittings" in text_of(client.get("/secretariat/meetings/em"))


def test_a_browser_asking_for_french_gets_french_until_the_officer_chooses(
    client, setting, login_as
):
    login_as(setting["officer"])
    french = text_of(client.get("/secretariat/", headers={"Accept-Language": FRENCH}))
    assert "Nouvelle réunion" in french and "New meeting" not in french
    german = text_of(client.get("/secretariat/", headers={"Accept-Language": "de-DE,de"}))
    assert "New meeting" in german
    assert "Réunions" in text_of(client.get("/secretariat/login",
                                            headers={"Accept-Language": FRENCH}))
    choose(client, "en")  # the officer's own choice wins over the browser
    english = text_of(client.get("/secretariat/", headers={"Accept-Language": FRENCH}))
    assert "New meeting" in english and "Nouvelle réunion" not in english
    choose(client, "")  # back to "as my browser asks"
    assert "Nouvelle réunion" in text_of(client.get("/secretariat/",
                                                    headers={"Accept-Language": FRENCH}))


def test_an_officer_without_a_choice_or_a_browser_language_reads_english(
    client, setting, login_as
):
    login_as(setting["officer"])
    text = text_of(client.get("/secretariat/meetings/em"))
    assert "Registration deadline" in text and "24 September 2012" in text
    assert "Date limite" not in text


def test_an_english_invitation_stays_english_for_a_french_speaking_officer(
    client, setting, login_as
):
    login_as(setting["officer"])
    choose(client, "fr")
    html = client.get(f"/register/{setting['austria_link']}",
                      headers={"Accept-Language": FRENCH}).get_data(as_text=True)
    assert '<html lang="en"' in html
    text = text_of(html)
    assert "Deadline" in text and "24 September 2012" in text
    assert "Date limite" not in text and "septembre" not in text


def test_the_rest_of_the_workspace_reads_french_too(client, setting, login_as):
    login_as(setting["officer"])
    choose(client, "fr")
    pages = {
        "/secretariat/parties": ["Registre des États et des organisations", "Coordonnées"],
        "/secretariat/groups": ["Nouveau groupe", "Aucun groupe pour l'instant."],
        "/secretariat/outbox": ["Boîte d'envoi", "Aucun message."],
        "/secretariat/meetings/em/reminders": ["Relancer ceux qui ne se sont pas inscrits",
                                               "Déjà relancés aujourd'hui :"],
        "/secretariat/meetings/em/history": ["Historique", "Tout"],
    }
    for path, french in pages.items():
        text = text_of(client.get(path))
        assert [f for f in french if f not in text] == [], path
        assert english_left(text, ["Registry of States", "New group", "No message",
                                   "Reminded already today", "Everything"]) == [], path


def test_registering_on_a_government_s_behalf_reads_in_the_officer_s_language(
    client, setting, login_as
):
    login_as(setting["officer"])
    choose(client, "fr")
    invitation_id = setting["austria"].id
    html = client.get(f"/secretariat/invitations/{invitation_id}/delegation").get_data(
        as_text=True)
    assert '<html lang="fr"' in html
    assert "Date limite" in text_of(html)


def test_the_secretariat_settings_read_in_french_and_refuse_in_french(
    client, setting, login_as, make_user
):
    """The settings page: its labels, its hints and a value the service refuses, all in French."""
    secretariat = setting["meeting"].secretariat
    login_as(make_user(secretariat, Role.ADMIN))
    choose(client, "fr")
    page = client.get("/secretariat/secretariats/unodc/settings").get_data(as_text=True)
    text = text_of(page)
    for french in ("Paramètres de Secretariat unodc", "Nom et expéditeur", "Formule de l'expéditeur",
                   "Seconde langue de l'en-tête", "L'Union européenne dans les listes",
                   "Documents joints au courriel d'une note, au maximum (Mo)",
                   "Parmi les parties, dans l'ordre alphabétique",  # a choice of the service
                   "Comment une note y renvoie", "Enregistrer les paramètres"):
        assert french in text
    assert "Les notes déjà émises ne changent jamais</strong>\u00a0: elles conservent" in page
    assert english_left(text, ["Name and sender", "Second language of the letterhead",
                               "The European Union in lists", "How a note refers back",
                               "Among the parties", "Save the settings", "Reference pattern",
                               "Masculine"]) == []

    from tests.test_secretariat_settings import settings_form
    refused = client.post("/secretariat/secretariats/unodc/settings",
                          data=settings_form(secretariat, timezone="Vienne/Autriche"))
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    error = "Indiquez un fuseau horaire IANA, tel que Europe/Istanbul."
    assert error in text_of(html) and "Write an IANA time zone" not in text_of(html)
    # beside its field, not only at the top of the form
    assert html.index('for="timezone"') < html.index(error) < html.index('for="phone"')


def test_a_group_import_line_is_refused_in_french(client, setting, login_as):
    from meetings.models import PartyGroup

    group = PartyGroup(secretariat=setting["meeting"].secretariat, name="Groupe d'Europe")
    db.session.add(group)
    db.session.commit()
    login_as(setting["officer"])
    choose(client, "fr")
    refused = client.post(f"/secretariat/groups/{group.id}/members",
                          data={"lines": "Autriche\nFra\u0007nce"})
    assert refused.status_code == 422
    text = text_of(refused)
    assert ("La ligne 2 contient des caractères de contrôle\u00a0; envoyez un fichier CSV "
            "(texte) ou XLSX.") in refused.get_data(as_text=True)
    assert "holds control characters" not in text
    unmatched = text_of(client.post(f"/secretariat/groups/{group.id}/members",
                                    data={"lines": "Autriche\nAtlantide"}))
    assert "ligne 2 : « Atlantide » ne correspond à aucun État ni à aucune organisation" \
        in unmatched


def test_a_reminder_refused_in_french_says_why(app, client, setting, login_as):
    app.config["FIXED_NOW"] = CLOSES + timedelta(days=2)  # past the deadline
    login_as(setting["officer"])
    choose(client, "fr")
    page = text_of(client.post("/secretariat/meetings/em/reminders", follow_redirects=True))
    assert "Les inscriptions ne sont plus ouvertes avant la date limite : aucun rappel n'est " \
        "envoyé." in page
    assert "no reminder is sent" not in page


def test_the_note_preview_says_in_french_what_is_missing_in_french(client, setting, login_as):
    meeting = setting["meeting"]
    from meetings.models import Invitation

    france = db.session.scalar(sa.select(Invitation).where(Invitation.meeting_id == meeting.id,
                                                           Invitation.language == "fr"))
    meeting.localized = {**(meeting.localized or {}), "fr": {}}  # no French title, city, country
    db.session.commit()
    login_as(setting["officer"])
    choose(client, "fr")
    html = client.get(f"/secretariat/invitations/{france.id}/note").get_data(as_text=True)
    title = meeting.title
    assert (f"France\u00a0: manque en français\u00a0: le titre de «\u00a0{title}\u00a0».") in html
    assert f"la ville de «\u00a0{title}\u00a0»" in html
    assert english_left(text_of(html), ["missing in", "the title of", "the city of"]) == []


def test_the_translation_page_heads_a_sitting_in_french(client, setting, login_as):
    login_as(setting["officer"])
    choose(client, "fr")
    client.post("/secretariat/meetings/em/sittings/new", data={
        "day": "2012-10-22", "starts_at": "10:00", "ends_at": "13:00", "status": "scheduled",
        "title": "Opening"})
    page = text_of(client.get("/secretariat/meetings/em/translations/fr"))
    assert "Séance du 2012-10-22, 10:00" in page and "Sitting of" not in page


def test_a_staff_password_reset_mail_speaks_the_officer_s_chosen_language(
    app, client, setting, mailbox
):
    from meetings.services import outbox

    officer = setting["officer"]
    officer.workspace_language = "fr"
    db.session.commit()
    assert client.post("/secretariat/account/forgot",
                       data={"email": officer.email}).status_code in (200, 302)
    assert outbox.deliver()["sent"] == 1
    [message] = mailbox.messages
    assert message["Subject"] == "Réinitialisation de votre mot de passe"
    body = message.get_body(("plain",)).get_content()
    assert f"a demandé la réinitialisation du mot de passe de {officer.email}." in body
    assert "le lien ne fonctionne qu'une fois\u00a0:" in body
    assert "/secretariat/account/link/" in body
    assert "Someone" not in body and "Choose a new password" not in body


def test_a_page_not_found_in_the_workspace_is_headed_in_french(client, setting, login_as):
    login_as(setting["officer"])
    choose(client, "fr")
    response = client.get("/secretariat/meetings/no-such-meeting")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "<h1>Page introuvable</h1>" in html and "Il n'y a rien à cette adresse." in html
    assert "Not Found" not in html
