"""The blueprint a government reaches through its private link."""
from flask import Blueprint

bp = Blueprint("registration", __name__)
