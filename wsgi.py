"""What `flask --app wsgi ...` and a WSGI server (gunicorn wsgi:app) load."""
from meetings import create_app

app = create_app()
