"""The staff workspace's blueprint; its view modules add their routes to it."""
from flask import Blueprint

bp = Blueprint("secretariat", __name__)
