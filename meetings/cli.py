"""Commands for operators and scripts: flask --app wsgi <command>."""
from __future__ import annotations

import sys

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup

from meetings.extensions import db
from meetings.models import Membership, Role, Secretariat, TokenPurpose, User

registry_cli = AppGroup("registry", help="The registry of States and organizations.")


@registry_cli.command("load")
def registry_load() -> None:
    """Load or update the shipped States and organizations; hand edits are reported, not undone."""
    from meetings.services.registry import load_registry

    report = load_registry()
    db.session.commit()
    for line in report.lines():
        click.echo(line)


def _base_url() -> str:
    """Links printed by commands: the public address when configured, else the local one."""
    return current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000"


@click.command("create-user")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input instead of printing a one-time link.")
@click.option("--secretariat", "secretariat_slug", help="Slug of the secretariat the user works for.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ADMIN.value,
              show_default=True)
@click.option("--service-admin", is_flag=True,
              help="May create secretariats in the workspace (runs the service).")
def create_user(email: str, name: str, password_stdin: bool, secretariat_slug: str | None,
                role: str, service_admin: bool) -> None:
    """Create a staff account; prints a one-time link where its owner sets a password."""
    from meetings.services import staff

    email = email.strip().lower()
    problem = staff.email_problem(email)
    if problem:
        raise click.UsageError(problem)
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise click.UsageError(f"{email} already has an account.")
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    weak = staff.password_problem(password, email) if password is not None else None
    if weak:
        raise click.UsageError(weak)
    user = User(email=email, name=name.strip(), password_hash=staff.unusable_password(),
                is_service_admin=service_admin)
    if password is not None:
        user.set_password(password)
    db.session.add(user)
    secretariats = list(db.session.scalars(sa.select(Secretariat).order_by(Secretariat.id)))
    if secretariat_slug:
        secretariats = [s for s in secretariats if s.slug == secretariat_slug]
        if not secretariats:
            raise click.UsageError(f"No secretariat has the slug {secretariat_slug!r}.")
    for secretariat in secretariats:
        db.session.add(Membership(user=user, secretariat=secretariat, role=Role(role)))
    db.session.flush()
    secret = None if password is not None else staff.issue_link(user, TokenPurpose.WELCOME)
    db.session.commit()
    where = ", ".join(s.slug for s in secretariats) or "no secretariat yet"
    click.echo(f"Created {email} ({role}; {where}).")
    if secret:
        click.echo(f"One-time link to set the password (valid {_welcome_hours()} hours, "
                   "works once):")
        click.echo(staff.link_url(_base_url(), secret))


def _welcome_hours() -> int:
    from meetings.services.staff import LINK_LIFETIME

    return int(LINK_LIFETIME[TokenPurpose.WELCOME].total_seconds() // 3600)


secretariat_cli = AppGroup("secretariat", help="Secretariats using the service.")


@secretariat_cli.command("create")
@click.option("--slug", required=True, help="Short address name, e.g. ots.")
@click.option("--name", required=True, help="Full name, e.g. Secretariat of the Organization of "
                                            "Turkic States.")
@click.option("--timezone", "zone", required=True, help="IANA time zone, e.g. Europe/Istanbul.")
@click.option("--admin-email", required=True, help="E-mail of its first administrator.")
@click.option("--language", default="en", show_default=True,
              help="The language it works in (more can be added in its settings).")
def secretariat_create(slug: str, name: str, zone: str, admin_email: str, language: str) -> None:
    """Create a secretariat and its first administrator, who sets a password through a link."""
    from meetings.errors import RuleBroken
    from meetings.services import staff
    from meetings.services.audit import Actor
    from meetings.services.secretariats import create_secretariat

    try:
        created = create_secretariat(slug, name, zone, admin_email,
                                     Actor.system("flask secretariat create"), language=language)
    except RuleBroken as broken:
        db.session.rollback()
        raise click.UsageError("\n".join(f"--{field.replace('_', '-')}: {message}"
                                         for field, message in broken.problems.items())) from None
    db.session.commit()
    secretariat = created.secretariat
    click.echo(f"Created the secretariat {secretariat.slug} ({secretariat.name}, "
               f"{secretariat.timezone}).")
    click.echo(f"Its administrator {admin_email.strip().lower()} sets a password here "
               f"(valid {_welcome_hours()} hours, works once):")
    click.echo(staff.link_url(_base_url(), created.secret))
    click.echo("Then sign in and open Secretariats > Settings to fill in the letterhead, address "
               "and reference pattern.")


@click.command("demo")
def demo() -> None:
    """Load the UNODC 2012 and CICA 2024 demo scenarios; running it again changes nothing."""
    from meetings.services.demo import load_demo

    # The demo's e-mails to missions link to the service `make demo` serves, unless configured.
    base = current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000"
    with current_app.test_request_context("/", base_url=base):
        summary = load_demo()
    db.session.commit()
    for line in summary:
        click.echo(line)


@click.command("note")
@click.option("--meeting", "slug", required=True, help="Slug of the meeting.")
@click.option("--party", "code", required=True, help="ISO 3166 alpha-3 code or registry key.")
@click.option("--lang", "language", help="Language of the note (default: the invitation's).")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "docx", "pdf"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def note(slug: str, code: str, language: str | None, fmt: str, output: str | None) -> None:
    """Write the note verbale of an invitation (a preview: no number is taken)."""
    from meetings.models import Invitation, Meeting, Party
    from meetings.services.notes import NoteProblem, draft

    invitation = db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party)
        .where(Meeting.slug == slug,
               sa.or_(Party.iso3 == code.upper(), Party.registry_key == code))
    )
    if invitation is None:
        raise click.UsageError(f"No invitation of {code} to a meeting {slug!r}.")
    try:
        written = draft(invitation, language)
    except NoteProblem as problem:
        raise click.ClickException("\n".join(problem.problems)) from problem
    for warning in written.warnings:
        click.echo(f"Note: {warning}", err=True)
    data = written.as_format(fmt)
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {output} ({len(data)} bytes).", err=True)
    elif fmt in {"docx", "pdf"}:
        raise click.UsageError(f"A .{fmt} needs -o FILE.")
    else:
        click.echo(data.decode("utf-8"), nl=False)


@click.command("participants")
@click.option("--meeting", "slug", required=True, help="Slug of the meeting.")
@click.option("--group", is_flag=True, help="The whole linked group, one part per meeting.")
@click.option("--lang", "language", default="en", show_default=True,
              help="Language of the list (names, headings, UN order).")
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "pdf", "csv", "xlsx"]),
              default="html", show_default=True)
@click.option("--symbol", default="", help="Document symbol, e.g. CAC/COSP/EG.1/2012/INF/1.")
@click.option("--final", is_flag=True, help="The final list (default: provisional).")
@click.option("--include-submitted", is_flag=True,
              help="Also delegations submitted but not yet confirmed, marked as such.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def participants(slug: str, group: bool, language: str, fmt: str, symbol: str, final: bool,
                 include_submitted: bool, output: str | None) -> None:
    """Write the list of participants of a meeting or of its linked group."""
    from meetings.errors import RuleBroken
    from meetings.lists import render
    from meetings.models import Meeting
    from meetings.services import participants as service

    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
    if meeting is None:
        raise click.UsageError(f"No meeting {slug!r}.")
    if fmt in {"docx", "pdf", "xlsx"} and not output:
        raise click.UsageError(f"A .{fmt} needs -o FILE.")
    try:
        built = service.build(meeting, language=language, group=group, symbol=symbol,
                              status="final" if final else "provisional",
                              include_submitted=include_submitted)
        data = render.as_format(built, fmt)
    except RuleBroken as broken:
        raise click.UsageError("; ".join(broken.problems.values())) from broken
    except render.ConverterMissing as missing:
        raise click.ClickException(str(missing)) from missing
    for warning in built.warnings:
        click.echo(f"Note: {warning}", err=True)
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {output} ({len(data)} bytes).", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


outbox_cli = AppGroup("outbox", help="E-mail waiting to be sent.")


@outbox_cli.command("send")
@click.option("--limit", default=200, show_default=True)
def outbox_send(limit: int) -> None:
    """Send the messages that are due; safe to run from several machines at once."""
    from meetings.services.outbox import deliver

    counts = deliver(limit)
    click.echo(f"{counts['sent']} sent, {counts['retry']} to retry, {counts['failed']} failed.")


reminders_cli = AppGroup("reminders", help="Reminders to governments that have not registered.")


@reminders_cli.command("send")
@click.option("--meeting", "slug", required=True, help="Slug of the meeting.")
@click.option("--days-before", "days_before", type=click.IntRange(min=0),
              help="Send only when the deadline is exactly N days away (the secretariat's "
                   "day); a daily scheduler line per N gives reminders N days before.")
def reminders_send(slug: str, days_before: int | None) -> None:
    """Remind the governments that have neither submitted nor declined; never twice a day."""
    from meetings import clock
    from meetings.deadline import Deadline
    from meetings.errors import RuleBroken
    from meetings.models import Meeting
    from meetings.services import reminders
    from meetings.services.audit import Actor

    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
    if meeting is None:
        raise click.UsageError(f"No meeting has the slug {slug!r}.")
    now = clock.now()
    if days_before is not None:
        deadline = Deadline.of(meeting)
        today = reminders.today_for(meeting, now)
        if deadline is None or (deadline.day - today).days != days_before:
            click.echo(f"Nothing sent: today ({today}) is not {days_before} days before the "
                       f"deadline ({deadline.day if deadline else 'none'}).")
            return
    try:
        sent = reminders.send(meeting, Actor.system("flask reminders send"), now,
                              base_url=_base_url())
    except RuleBroken as broken:
        raise click.ClickException(" ".join(broken.problems.values())) from broken
    db.session.commit()
    click.echo(f"{len(sent)} reminders queued for {slug}"
               + (f": {', '.join(i.party.short_name() for i in sent)}." if sent else
                  " (nobody due, or all reminded today)."))


delegates_cli = AppGroup("delegates", help="Delegates' personal data.")


@delegates_cli.command("erase")
@click.option("--meeting", "slug", required=True, help="Slug of the meeting.")
@click.option("--older-than-days", "days", type=int,
              help="Days after the meeting's last day (default: PERSONAL_DATA_RETENTION_DAYS).")
def delegates_erase(slug: str, days: int | None) -> None:
    """Erase delegates' e-mail, telephone, gender and scanned notes; names and functions stay."""
    from flask import current_app

    from meetings import clock
    from meetings.models import Meeting
    from meetings.services import retention
    from meetings.services.audit import Actor

    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
    if meeting is None:
        raise click.UsageError(f"No meeting has the slug {slug!r}.")
    days = current_app.config["PERSONAL_DATA_RETENTION_DAYS"] if days is None else days
    if not retention.erasable(meeting, clock.now().date(), days):
        raise click.ClickException(
            f"{slug} ended on {meeting.last_day}; with {days} days of retention its personal "
            f"data may be erased after {retention.retention_ends_on(meeting, days)}. "
            "Nothing was erased.")
    counts = retention.erase_personal_data(meeting, Actor.system("flask delegates erase"))
    db.session.commit()
    click.echo(f"Erased the e-mail, telephone and gender of {counts['delegates']} delegates and "
               f"the contact details of {counts['delegations']} focal points, and "
               f"{counts['scans']} scanned notes verbales, from {slug}. Names, functions and "
               "meetings attended are kept.")


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (default: instance/backups/meetings-<UTC time>.<sqlite|dump>).")
def backup(output: str | None) -> None:
    """Write a consistent copy of the database, stored files included (they live in it)."""
    from pathlib import Path

    from flask import current_app

    from meetings.services import backups

    target = Path(output) if output else backups.default_path(current_app.instance_path)
    try:
        backups.backup(target)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {target} ({target.stat().st_size} bytes).")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that holds data.")
def restore(source: str, force: bool) -> None:
    """Bring back a backup written by `backup` (refuses to overwrite data without --force)."""
    from pathlib import Path

    from meetings.services import backups

    try:
        backups.restore(Path(source), force=force)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {source}.")


def register(app: Flask) -> None:
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(note)
    app.cli.add_command(participants)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(registry_cli)
    app.cli.add_command(create_user)
    app.cli.add_command(secretariat_cli)
    app.cli.add_command(demo)
    app.cli.add_command(delegates_cli)
    app.cli.add_command(reminders_cli)
