"""The staff workspace's blueprint; its view modules add their routes to it."""
from flask import Blueprint
from flask_login import current_user

from meetings import i18n, languages

bp = Blueprint("secretariat", __name__)


@bp.before_request
def speak_the_workspace_language() -> None:
    """Every staff page speaks the officer's workspace language (README, "Translating")."""
    i18n.use(i18n.workspace_language(current_user))


@bp.context_processor
def workspace_switch() -> dict:
    """The page's language for dates and deadlines, and the header's switch to the others."""
    speaking = i18n.select_locale()
    return {"workspace_lang": speaking, "page_lang": speaking, "other_workspace_languages": [
        (code, languages.BY_CODE[code].own_name)
        for code in languages.WORKSPACE_LANGUAGES if code != speaking]}
