"""Staff accounts: invitations and resets through one-time links, roles, deactivation, passwords."""
from __future__ import annotations

import re
import secrets
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.security import generate_password_hash

from meetings import clock, i18n, languages
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import AccountToken, Membership, Role, Secretariat, TokenPurpose, User
from meetings.services import outbox, tokens
from meetings.services.audit import Actor, record

MIN_PASSWORD_LENGTH = 12
LINK_LIFETIME = {TokenPurpose.WELCOME: timedelta(hours=72), TokenPurpose.RESET: timedelta(hours=2)}
RESETS_PER_HOUR = 3
COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common_passwords.txt"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why a password is refused, or None: length and known-common lists, no composition rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Use at least %(count)s characters; a few words in a row are easy to "
                 "remember.", count=MIN_PASSWORD_LENGTH)
    folded = password.strip().lower()
    if folded in _common() or len(set(folded)) <= 2:
        return _("This password is among the most common ones; choose another.")
    if email and folded in {email.lower(), email.split("@")[0].lower()}:
        return _("The password cannot be your e-mail address.")
    return None


def email_problem(email: str) -> str | None:
    if not EMAIL.match(email or "") or len(email) > 254:
        return _("Give an e-mail address such as name@example.org.")
    return None


def unusable_password() -> str:
    """A hash nobody knows the password of: the account waits for its one-time link."""
    return generate_password_hash(secrets.token_urlsafe(32))


def issue_link(user: User, purpose: TokenPurpose) -> str:
    """A new one-time secret for the user; earlier unused links of that purpose stop working."""
    now = clock.now()
    db.session.execute(
        sa.update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose,
               AccountToken.used_at.is_(None))
        .values(used_at=now))
    secret, digest = tokens.new_secret()
    db.session.add(AccountToken(user=user, purpose=purpose, token_hash=digest,
                                created_at=now, expires_at=now + LINK_LIFETIME[purpose]))
    return secret


def token_for(secret: str) -> AccountToken | None:
    """The unused, unexpired link of an active account, or None (unknown, used, expired alike)."""
    if not tokens.well_formed(secret):
        return None
    token = db.session.scalar(
        sa.select(AccountToken).where(AccountToken.token_hash == tokens.digest(secret)))
    if token is None or token.used_at is not None or token.expires_at <= clock.now():
        return None
    if not token.user.active:
        return None
    return token


def set_password_with_link(token: AccountToken, password: str) -> User:
    """The link is spent whatever happens next; the password follows the rules."""
    user = token.user
    problem = password_problem(password, user.email)
    if problem:
        raise RuleBroken({"password": problem})
    user.set_password(password)
    token.used_at = clock.now()
    record(Actor.staff(user), "password set through a one-time link", user,
           {"purpose": token.purpose.value})
    return user


def change_password(user: User, old: str, new: str) -> None:
    if not user.check_password(old):
        raise RuleBroken({"old_password": _("This is not your current password.")})
    problem = password_problem(new, user.email)
    if problem:
        raise RuleBroken({"new_password": problem})
    user.set_password(new)
    record(Actor.staff(user), "password changed", user, {})


def request_reset(email: str, base_url: str) -> None:
    """Mail a reset link if the address is an active account; callers answer the same either way.

    At most RESETS_PER_HOUR links an hour per account, so the form cannot flood a mailbox.
    """
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active:
        return
    recent = db.session.scalar(
        sa.select(sa.func.count(AccountToken.id)).where(
            AccountToken.user_id == user.id, AccountToken.purpose == TokenPurpose.RESET,
            AccountToken.created_at > clock.now() - timedelta(hours=1)))
    if (recent or 0) >= RESETS_PER_HOUR:
        return
    secret = issue_link(user, TokenPurpose.RESET)
    with i18n.speaking(mail_language(user)):
        outbox.enqueue(
            [user.email], _("Reset your password"),
            _("Someone (we hope you) asked to reset the password of %(email)s.\n\n"
              "Choose a new password here within %(hours)s hours; the link works once:\n\n"
              "%(link)s\n\nIf you did not ask, ignore this message: your password stays as it "
              "is.\n", email=user.email, hours=_hours(TokenPurpose.RESET),
              link=link_url(base_url, secret)))


def mail_language(user: User) -> str:
    """An e-mail to a colleague speaks the workspace language they chose, else the page's that
    sent it (the form they filled in, the inviting officer's workspace)."""
    if user.workspace_language in languages.WORKSPACE_LANGUAGES:
        return str(user.workspace_language)
    return i18n.page_language() if i18n.page_language() in languages.WORKSPACE_LANGUAGES \
        else languages.BASE


def link_url(base_url: str, secret: str) -> str:
    return f"{base_url.rstrip('/')}/secretariat/account/link/{secret}"


def _hours(purpose: TokenPurpose) -> int:
    return int(LINK_LIFETIME[purpose].total_seconds() // 3600)


def add_account(secretariat: Secretariat, email: str, name: str, role: Role,
                actor: Actor) -> User:
    """A staff member of the secretariat: a new account waiting for its link, or an existing one
    given a role here too."""
    email = (email or "").strip().lower()
    problems: dict[str, str] = {}
    problem = email_problem(email)
    if problem:
        problems["email"] = problem
    if not (name or "").strip():
        problems["name"] = _("Give the person's name as colleagues know it.")
    if problems:
        raise RuleBroken(problems)
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name.strip(), password_hash=unusable_password())
        db.session.add(user)
        record(actor, "account created", user, {"email": email})
    elif user.role_in(secretariat) is not None:
        raise RuleBroken({"email": _("%(email)s already works for this secretariat.",
                                     email=email)})
    membership = Membership(user=user, secretariat=secretariat, role=role)
    db.session.add(membership)
    db.session.flush()
    record(actor, "staff member added", membership, {"email": email, "role": role.value},
           secretariat_id=secretariat.id)
    return user


def invite(secretariat: Secretariat, email: str, name: str, role: Role, actor: Actor,
           base_url: str) -> User:
    """Add the colleague and mail them a one-time link to set their password."""
    existing = db.session.scalar(sa.select(User.id).where(User.email == email.strip().lower()))
    user = add_account(secretariat, email, name, role, actor)
    secret = None if existing is not None else issue_link(user, TokenPurpose.WELCOME)
    with i18n.speaking(mail_language(user)):
        given = _("%(who)s has given you the role of %(role)s at %(secretariat)s.",
                  who=actor.label, role=_(role.value), secretariat=secretariat.name)
        if secret is None:  # already has a password (for another secretariat): no link
            body = _("Sign in with %(email)s and your usual password.", email=user.email)
        else:
            body = _("Choose your password here within %(hours)s hours; the link works once:"
                     "\n\n%(link)s\n\nThen sign in with %(email)s.",
                     hours=_hours(TokenPurpose.WELCOME), link=link_url(base_url, secret),
                     email=user.email)
        outbox.enqueue([user.email], _("Your account at %(secretariat)s",
                                       secretariat=secretariat.name),
                       f"{given}\n\n{body}\n", reply_to=secretariat.reply_to or secretariat.email)
    return user


def staff_of(secretariat: Secretariat) -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership).join(User).where(Membership.secretariat_id == secretariat.id)
        .options(selectinload(Membership.user)).order_by(User.name)))


def membership_in(secretariat: Secretariat, membership_id: int) -> Membership | None:
    return db.session.scalar(sa.select(Membership).where(
        Membership.id == membership_id, Membership.secretariat_id == secretariat.id))


def _other_active_admins(membership: Membership) -> int:
    return db.session.scalar(  # type: ignore[return-value]  # a count is never NULL
        sa.select(sa.func.count(Membership.id)).join(User).where(
            Membership.secretariat_id == membership.secretariat_id, Membership.role == Role.ADMIN,
            Membership.id != membership.id, User.active.is_(True)))


def change_role(membership: Membership, role: Role, actor: Actor) -> None:
    if membership.role == Role.ADMIN and role != Role.ADMIN \
            and not _other_active_admins(membership):
        raise RuleBroken({"role": _("The secretariat would have no administrator left.")})
    if membership.role != role:
        record(actor, "role changed", membership,
               {"role": [membership.role.value, role.value], "email": membership.user.email},
               secretariat_id=membership.secretariat_id)
        membership.role = role


def deactivate(membership: Membership, actor: Actor) -> str:
    """The person leaves: an account of this secretariat alone is switched off (its sessions end
    at the next request); an account shared with another secretariat just loses its role here."""
    user = membership.user
    if actor.user is not None and actor.user.id == user.id:
        raise RuleBroken({"account": _("You cannot deactivate your own account.")})
    if membership.role == Role.ADMIN and not _other_active_admins(membership):
        raise RuleBroken({"account": _("The secretariat would have no administrator left.")})
    if len(user.memberships) > 1:
        record(actor, "staff member removed", membership, {"email": user.email},
               secretariat_id=membership.secretariat_id)
        db.session.delete(membership)
        return "removed"
    user.active = False
    record(actor, "account deactivated", user, {"active": [True, False], "email": user.email},
           secretariat_id=membership.secretariat_id)
    return "deactivated"


def reactivate(membership: Membership, actor: Actor) -> None:
    membership.user.active = True
    record(actor, "account reactivated", membership.user, {"active": [False, True]},
           secretariat_id=membership.secretariat_id)


def choose_workspace_language(user: User, language: str | None, actor: Actor) -> None:
    """The workspace speaks `language` to this person from now on (None: their browser decides)."""
    if language is not None and language not in languages.WORKSPACE_LANGUAGES:
        raise RuleBroken({"language": _("The workspace does not speak this language.")})
    if user.workspace_language == language:
        return
    record(actor, "workspace language chosen", user,
           {"workspace_language": [user.workspace_language, language]})
    user.workspace_language = language
