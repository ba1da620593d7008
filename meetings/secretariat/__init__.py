"""The secretariat's workspace: one blueprint, its views split by noun."""
from flask import Blueprint

bp = Blueprint("secretariat", __name__)

from meetings.secretariat import delegations, invitations, notes, registry, views  # noqa: E402,F401
