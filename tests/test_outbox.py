"""The outbox sends each message once, whatever another message or the SMTP server does."""
import socket
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import OutboxMessage, OutboxStatus
from meetings.models.types import utcnow
from meetings.services import outbox
from meetings.services.outbox import deliver


def queued(count: int) -> list[OutboxMessage]:
    messages = [outbox.enqueue([f"mission{n}@example.org"], f"Message {n}", f"Body {n}",
                               reply_to="secretariat@example.org") for n in range(count)]
    db.session.commit()
    return messages


def due_again() -> None:
    """Move every retry's time to now, as if its back-off had passed."""
    db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()


def test_one_poisoned_message_among_ten_never_makes_the_others_go_twice(mailbox):
    messages = queued(10)
    # Written straight into the table, as a bug or an old version could have left them:
    poisoned, injected = messages[3], messages[6]
    poisoned.to = ["victim@example.org\r\nBcc: everyone@example.org"]
    injected.subject = "Note verbale\r\nBcc: everyone@example.org"
    db.session.commit()
    for _ in range(3):
        deliver()
    arrived = sorted(m["To"] for m in mailbox.messages)
    assert len(arrived) == 9 and len(set(arrived)) == 9  # nine, each exactly once
    assert "victim@example.org" not in " ".join(arrived)
    assert all(m["Bcc"] is None for m in mailbox.messages)
    [stripped] = [m for m in mailbox.messages if m["To"] == "mission6@example.org"]
    assert stripped["Subject"] == "Note verbale Bcc: everyone@example.org"  # one line, no header
    db.session.expire_all()
    failed = db.session.get(OutboxMessage, poisoned.id)
    assert failed.status == OutboxStatus.FAILED and failed.attempts == 1
    assert "not a single e-mail address" in failed.last_error
    assert db.session.scalar(sa.select(sa.func.count()).where(
        OutboxMessage.status == OutboxStatus.SENT)) == 9


def test_any_error_building_a_message_fails_that_message_with_its_reason_and_a_back_off(
    mailbox
):
    first, broken, last = queued(3)
    broken.to = 42  # a row no code writes (edited by hand, an old version): anything may raise
    db.session.commit()
    assert deliver() == {"sent": 2, "retry": 1, "failed": 0}
    db.session.expire_all()
    broken = db.session.get(OutboxMessage, broken.id)
    assert broken.status == OutboxStatus.QUEUED and broken.attempts == 1
    assert broken.next_attempt_at > utcnow() + timedelta(minutes=1)
    assert "TypeError" in broken.last_error
    assert deliver() == {"sent": 0, "retry": 0, "failed": 0}  # not due yet; the others went once
    assert len(mailbox.messages) == 2


def test_line_breaks_in_headers_are_refused_when_the_message_is_queued(app):
    with pytest.raises(RuleBroken) as refused:
        outbox.enqueue(["a@example.org\nBcc: b@example.org"], "Subject\r\nX-Evil: 1", "Body",
                       reply_to="c@example.org\r\n")
    assert set(refused.value.problems) == {"to", "subject", "reply_to"}
    with pytest.raises(RuleBroken):
        outbox.enqueue(["a@example.org, b@example.org"], "Subject", "Body")  # two in one
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


@pytest.fixture
def refusing_server(app):
    """A real SMTP server (aiosmtpd) that answers 554 to every message until told to accept."""
    from aiosmtpd.controller import Controller

    class Refusing:
        def __init__(self):
            self.refuse, self.messages = True, []

        async def handle_DATA(self, server, session, envelope):
            if self.refuse:
                return "554 5.7.1 Message refused by policy"
            self.messages.append(envelope.content)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield handler
    controller.stop()
    app.config.update(saved)


def test_a_server_refusing_with_5xx_loses_nothing_and_the_messages_go_later(refusing_server):
    queued(3)
    assert deliver() == {"sent": 0, "retry": 3, "failed": 0}
    errors = db.session.scalars(sa.select(OutboxMessage.last_error)).all()
    assert all("554" in error and "refused by policy" in error for error in errors)
    refusing_server.refuse = False
    due_again()
    assert deliver() == {"sent": 3, "retry": 0, "failed": 0}
    assert len(refusing_server.messages) == 3
    due_again()
    assert deliver() == {"sent": 0, "retry": 0, "failed": 0}


def test_a_server_that_is_down_loses_nothing_and_costs_one_attempt_per_round(app, mailbox):
    queued(3)
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    assert deliver() == {"sent": 0, "retry": 1, "failed": 0}
    assert deliver() == {"sent": 0, "retry": 1, "failed": 0}
    statuses = db.session.scalars(sa.select(OutboxMessage.status)).all()
    assert statuses == [OutboxStatus.QUEUED] * 3
    app.config["MAIL_PORT"] = port
    due_again()
    assert deliver() == {"sent": 3, "retry": 0, "failed": 0}
    assert sorted(m["To"] for m in mailbox.messages) == [
        "mission0@example.org", "mission1@example.org", "mission2@example.org"]
