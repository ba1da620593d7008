"""Sending a file kept in the database, the same way from every blueprint."""
from __future__ import annotations

import io

from flask import Response, send_file

from meetings.models import StoredFile


def send_stored(stored: StoredFile, as_attachment: bool = True) -> Response:
    return send_file(io.BytesIO(stored.data), mimetype=stored.content_type,
                     download_name=stored.filename, as_attachment=as_attachment)
