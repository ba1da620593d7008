"""Sending a file kept in the database, the same way from every blueprint."""
from __future__ import annotations

import io

from flask import Response, send_file

from meetings.models import StoredFile


def send_stored(stored: StoredFile) -> Response:
    """Always as an attachment, in a sandbox: an uploaded HTML or SVG file must never run as a
    page of this site."""
    response = send_file(io.BytesIO(stored.data), mimetype=stored.content_type,
                         download_name=stored.filename, as_attachment=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
