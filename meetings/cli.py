"""Commands for operators and scripts: flask --app wsgi <command>."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from meetings.extensions import db
from meetings.models import Membership, Role, Secretariat, User

registry_cli = AppGroup("registry", help="The registry of States and organizations.")


@registry_cli.command("load")
def registry_load() -> None:
    """Load or update the shipped States and organizations; hand edits are reported, not undone."""
    from meetings.services.registry import load_registry

    report = load_registry()
    db.session.commit()
    for line in report.lines():
        click.echo(line)


@click.command("create-user")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--secretariat", "secretariat_slug", help="Slug of the secretariat the user works for.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ADMIN.value,
              show_default=True)
@click.option("--service-admin", is_flag=True,
              help="Also an administrator of the service: edits the shared registry's UN names.")
def create_user(email: str, name: str, password: str, secretariat_slug: str | None,
                role: str, service_admin: bool) -> None:
    """Create a secretariat staff account (the first one, or another)."""
    email = email.strip().lower()
    if len(password) < 10:
        raise click.UsageError("Use a password of at least 10 characters.")
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise click.UsageError(f"{email} already has an account.")
    user = User(email=email, name=name.strip(), is_service_admin=service_admin)
    user.set_password(password)
    db.session.add(user)
    secretariats = list(db.session.scalars(sa.select(Secretariat).order_by(Secretariat.id)))
    if secretariat_slug:
        secretariats = [s for s in secretariats if s.slug == secretariat_slug]
        if not secretariats:
            raise click.UsageError(f"No secretariat has the slug {secretariat_slug!r}.")
    for secretariat in secretariats:
        db.session.add(Membership(user=user, secretariat=secretariat, role=Role(role)))
    db.session.commit()
    where = ", ".join(s.slug for s in secretariats) or "no secretariat yet"
    admin = "; administrator of the service" if service_admin else ""
    click.echo(f"Created {email} ({role}; {where}{admin}).")


@click.command("demo")
def demo() -> None:
    """Load the UNODC 2012 and CICA 2024 demo scenarios; running it again changes nothing."""
    from meetings.services.demo import load_demo

    summary = load_demo()
    db.session.commit()
    for line in summary:
        click.echo(line)


@click.command("note")
@click.option("--meeting", "slug", required=True, help="Slug of the meeting.")
@click.option("--party", "code", required=True, help="ISO 3166 alpha-3 code or registry key.")
@click.option("--lang", "language", help="Language of the note (default: the invitation's).")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "docx"]), default="text",
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
    elif fmt == "docx":
        raise click.UsageError("A .docx needs -o FILE.")
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


def register(app: Flask) -> None:
    app.cli.add_command(note)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(registry_cli)
    app.cli.add_command(create_user)
    app.cli.add_command(demo)
