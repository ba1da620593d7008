"""How long the service takes to write notes: python -m tests.benchmarks.notes [count].

Loads the demo into a temporary SQLite database, then times text, HTML and Word output for
`count` notes of the UNODC demo meeting (the model note), and one full issue of them.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time


def main(count: int = 200) -> None:
    folder = tempfile.mkdtemp()
    os.environ["MEETINGS_INSTANCE_PATH"] = folder
    from flask_migrate import upgrade

    from meetings import create_app
    from meetings.extensions import db

    app = create_app({"SECRET_KEY": "bench", "OUTBOX_WORKER": False,
                      "PUBLIC_BASE_URL": "http://127.0.0.1"})
    with app.app_context():
        upgrade()
        from meetings.services.demo import SLUGS, load_demo

        load_demo()
        db.session.commit()
        import sqlalchemy as sa

        from meetings.models import Invitation, Meeting
        from meetings.services import notes

        invitation = db.session.scalar(sa.select(Invitation).join(Meeting).where(
            Meeting.slug == SLUGS["uncac_expert_meeting"]).order_by(Invitation.id))
        group = notes._group(invitation.meeting)
        print(f"{count} notes of the model note ({invitation.party.short_name()}, English):")
        for fmt in ("text", "html", "docx"):
            started = time.perf_counter()
            for _ in range(count):
                notes.draft(invitation, "en", group=group).as_format(fmt)
            elapsed = time.perf_counter() - started
            print(f"  {fmt:5} {elapsed:6.2f} s  ({elapsed / count * 1000:5.1f} ms a note)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
