"""The public blueprint: announced meetings and their calendar feeds."""
from flask import Blueprint

bp = Blueprint("public", __name__)
