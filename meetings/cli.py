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
def create_user(email: str, name: str, password: str, secretariat_slug: str | None,
                role: str) -> None:
    """Create a secretariat staff account (the first one, or another)."""
    email = email.strip().lower()
    if len(password) < 10:
        raise click.UsageError("Use a password of at least 10 characters.")
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise click.UsageError(f"{email} already has an account.")
    user = User(email=email, name=name.strip())
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
    click.echo(f"Created {email} ({role}; {where}).")


@click.command("demo")
def demo() -> None:
    """Load the UNODC 2012 and CICA 2024 demo scenarios; running it again changes nothing."""
    from meetings.services.demo import load_demo

    summary = load_demo()
    db.session.commit()
    for line in summary:
        click.echo(line)


def register(app: Flask) -> None:
    app.cli.add_command(registry_cli)
    app.cli.add_command(create_user)
    app.cli.add_command(demo)
