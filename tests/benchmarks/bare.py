"""The stack's own ceiling: a bare Flask endpoint, served exactly as the service is in `make bench`."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "ok"
