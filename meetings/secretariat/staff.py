"""Staff and accounts: invitations, roles, deactivation, one-time links, passwords."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from meetings import i18n, languages
from meetings.access import administered_secretariat, current_actor
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Role
from meetings.secretariat.blueprint import bp
from meetings.secretariat.forms import ServiceRulesForm
from meetings.services import staff as service
from meetings.urls import public_base_url

ROLE_CHOICES = [(Role.ADMIN.value, _l("Administrator")), (Role.OFFICER.value, _l("Officer")),
                (Role.VIEWER.value, _l("Read-only"))]
PASSWORD_HINT = _l("At least %(count)s characters; a few unrelated words make a good one. Very "
                   "common passwords are refused.", count=service.MIN_PASSWORD_LENGTH)


class InviteForm(ServiceRulesForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=Role.OFFICER.value)


class RoleForm(ServiceRulesForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)


class SetPasswordForm(ServiceRulesForm):
    password = PasswordField(_l("New password"), validators=[DataRequired()], description=PASSWORD_HINT)


class ChangePasswordForm(ServiceRulesForm):
    old_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired()],
                                 description=PASSWORD_HINT)


class WorkspaceLanguageForm(ServiceRulesForm):
    language = SelectField(_l("Language of the workspace"), choices=[
        ("", _l("As my browser asks")),
        *[(code, languages.BY_CODE[code].own_name) for code in languages.WORKSPACE_LANGUAGES]])


class ForgotForm(ServiceRulesForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


def _page(secretariat, invite_form: InviteForm, status: int = 200):
    return render_template("secretariat/account/staff.html", secretariat=secretariat,
                           members=service.staff_of(secretariat), form=invite_form,
                           roles=ROLE_CHOICES), status


@bp.get("/secretariats/<slug>/staff")
@login_required
def staff_list(slug: str):
    return _page(administered_secretariat(slug), InviteForm(formdata=None))


@bp.post("/secretariats/<slug>/staff")
@login_required
def invite_staff(slug: str):
    secretariat = administered_secretariat(slug)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = service.invite(secretariat, form.email.data, form.name.data,
                                  Role(form.role.data), current_actor(), public_base_url())
        except RuleBroken as broken:
            form.attach(broken.problems)
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("%(email)s is invited: a one-time link to set a password is on its way.",
                    email=user.email), "success")
            return redirect(url_for(".staff_list", slug=slug))
    return _page(secretariat, form, 422)


def _membership(slug: str):
    secretariat = administered_secretariat(slug)
    membership = service.membership_in(secretariat, (request.view_args or {})["membership_id"])
    if membership is None:
        abort(404)
    return membership


@bp.post("/secretariats/<slug>/staff/<int:membership_id>/role")
@login_required
def change_role(slug: str, membership_id: int):
    membership = _membership(slug)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            service.change_role(membership, Role(form.role.data), current_actor())
        except RuleBroken as broken:
            flash(next(iter(broken.problems.values())), "error")
            return _page(membership.secretariat, InviteForm(formdata=None), 409)
        db.session.commit()
        flash(_("%(email)s is now %(role)s.", email=membership.user.email,
                role=dict(ROLE_CHOICES)[form.role.data]), "success")
    return redirect(url_for(".staff_list", slug=slug))


@bp.post("/secretariats/<slug>/staff/<int:membership_id>/deactivate")
@login_required
def deactivate_staff(slug: str, membership_id: int):
    membership = _membership(slug)
    email = membership.user.email
    try:
        outcome = service.deactivate(membership, current_actor())
    except RuleBroken as broken:
        flash(next(iter(broken.problems.values())), "error")
        return _page(membership.secretariat, InviteForm(formdata=None), 409)
    db.session.commit()
    flash(_("%(email)s is deactivated: the account's sessions have ended.", email=email)
          if outcome == "deactivated" else
          _("%(email)s no longer works for this secretariat (the account serves another one).",
            email=email), "success")
    return redirect(url_for(".staff_list", slug=slug))


@bp.post("/secretariats/<slug>/staff/<int:membership_id>/reactivate")
@login_required
def reactivate_staff(slug: str, membership_id: int):
    membership = _membership(slug)
    service.reactivate(membership, current_actor())
    db.session.commit()
    flash(_("%(email)s can sign in again.", email=membership.user.email), "success")
    return redirect(url_for(".staff_list", slug=slug))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            service.change_password(current_user, form.old_password.data, form.new_password.data)
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(url_for(".meetings"))
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/account/password.html", form=form), status


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """One's own account: the workspace's language (the header's switch posts here too)."""
    form = WorkspaceLanguageForm(data={"language": current_user.workspace_language or ""})
    if form.validate_on_submit():
        user = current_user._get_current_object()  # the audit names the User, not the proxy
        service.choose_workspace_language(user, form.language.data or None, current_actor())
        db.session.commit()
        i18n.use(i18n.workspace_language(current_user))
        flash(_("The workspace now speaks %(language)s.",
                language=i18n.language_name(i18n.select_locale())), "success")
        back = request.form.get("back") or ""
        safe = back.startswith("/secretariat/") and "//" not in back and "\\" not in back
        return redirect(back if safe else url_for(".account"))
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/account/account.html", form=form,
                           speaking=i18n.select_locale()), status


@bp.route("/account/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotForm()
    if form.validate_on_submit():
        service.request_reset(form.email.data, public_base_url())
        db.session.commit()
        return render_template("secretariat/account/forgot_sent.html")
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/account/forgot.html", form=form), status


@bp.route("/account/link/<secret>", methods=["GET", "POST"])
def account_link(secret: str):
    """Unknown, used and expired links get one and the same answer."""
    token = service.token_for(secret)
    if token is None:
        return render_template("secretariat/account/invalid_link.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = service.set_password_with_link(token, form.password.data)
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Your password is set. Sign in with %(email)s.", email=user.email), "success")
            return redirect(url_for(".login"))
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/account/set_password.html", form=form,
                           user=token.user, purpose=token.purpose.value), status
