"""What a use case decided to say, written as outbox rows in the use case's own transaction.

Nothing the bot decides is said from memory after the commit: the rows are committed with the change they
report, and coach/bot/outbound.py sends them (at once, from the process that committed; or, if that process
died, from another after the lease).
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field

from coach.core.clock import wall_seconds
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, Reply
from coach.store import outbox as store
from coach.store.outbox import OutboxRow


@dataclass(frozen=True)
class Target:
    """Whom the replies go to: the chat the update came from, and the message whose button was pressed."""

    chat_id: int | None
    pressed_message_id: int | None = None


@dataclass
class Recorded:
    """The rows stored for one outcome (claimed by this worker, to send right after the commit)."""

    rows: list[OutboxRow] = field(default_factory=list)
    toast: str | None = None
    begun: bool = False  # stored as already being sent: nothing stands in their way (see record)


def text_body(text: str, *, buttons: tuple = (), location_button: str | None = None, remove_keyboard: bool = False,
              edit: int | None = None) -> str:
    body: dict = {"send": "text", "text": text}
    if buttons:
        body["buttons"] = [[[b.label, b.data] for b in row] for row in buttons]
    if location_button:
        body["location_button"] = location_button
    if remove_keyboard:
        body["remove_keyboard"] = True
    if edit is not None:
        body["edit"] = edit
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def reply_rows(reply: Reply, *, chat_id: int, kind: str, about: int | None,
               pressed_message_id: int | None = None) -> list[dict]:
    """One reply as rows, in the order they are sent: its chart, its documents, then its words."""
    rows = []
    if reply.chart is not None:
        # The chart's data, not the picture: rendering takes a tenth of a second and never runs in a transaction.
        rows.append({"chat_id": chat_id, "about_chat_id": about, "kind": kind, "body": '{"send":"chart"}',
                     "media": pickle.dumps(reply.chart)})
    for document in reply.documents:
        rows.append({"chat_id": chat_id, "about_chat_id": about, "kind": kind, "media": document.content,
                     "body": json.dumps({"send": "document", "filename": document.filename,
                                         "caption": document.caption}, ensure_ascii=False)})
    rows.append({"chat_id": chat_id, "about_chat_id": about, "kind": kind, "body": text_body(
        reply.text, buttons=reply.buttons, location_button=reply.location_button,
        remove_keyboard=reply.remove_keyboard, edit=pressed_message_id if reply.edit else None)})
    return rows


def store_reply(ctx: UseCaseContext, reply: Reply, *, chat_id: int, kind: str, about: int | None, worker: str,
                reminder_id: int | None = None) -> list[OutboxRow]:
    """One reply's rows, stored unbegun in the use case's transaction and claimed by `worker`, who sends them at
    the bot's rate after the commit (see Outbound.send_rows); `reminder_id` links them to the reminder they say."""
    rows = [{**row, "reminder_id": reminder_id} for row in reply_rows(reply, chat_id=chat_id, kind=kind, about=about)]
    return _as_stored(store.add(connection=ctx.connection, rows=rows, worker=worker, now=ctx.now), rows)


def _as_stored(ids: list[int], rows: list[dict]) -> list[OutboxRow]:
    """The rows just stored, as the sender takes them."""
    return [OutboxRow(row_id, row["chat_id"], row["kind"], row["body"], row.get("media"), row.get("reminder_id"))
            for row_id, row in zip(ids, rows, strict=True)]


def outcome_rows(outcome: Outcome, target: Target) -> list[dict]:
    """Safety alerts first, then the notices an admin's change sends, then the replies (as the bot always did)."""
    about = target.chat_id
    rows = [{"chat_id": alert.chat_id, "about_chat_id": about, "kind": "alert", "body": text_body(alert.text)}
            for alert in outcome.admin_alerts]
    rows += [{"chat_id": notice.chat_id, "about_chat_id": notice.chat_id, "kind": "notice",
              "body": text_body(notice.text)} for notice in outcome.notices]
    if target.chat_id is not None:
        kind = "farewell" if outcome.farewell else "reply"
        for reply in outcome.replies:
            rows += reply_rows(reply, chat_id=target.chat_id, kind=kind, about=about,
                               pressed_message_id=target.pressed_message_id)
    return rows


def record(ctx: UseCaseContext, outcome: Outcome, target: Target, *, worker: str | None) -> Recorded:
    """Store the outcome's messages in the use case's transaction, claimed by `worker` to send after the commit."""
    rows = outcome_rows(outcome, target)
    if not rows:
        return Recorded([], outcome.toast)
    # The common case costs no second transaction: with no pause in force and no earlier message to these chats
    # still in another worker's hands, the rows are stored as being sent, and the send follows the commit at once.
    # (A worker dying in that instant leaves them "uncertain", as one dying mid-send would; rows held back by a
    # pause or by a chat's order are stored unbegun, and a dead worker's are sent by the sweep.)
    begun = worker is not None and store.free_to_send(connection=ctx.connection, worker=worker, wall=wall_seconds(),
                                                      chat_ids={row["chat_id"] for row in rows})
    ids = store.add(connection=ctx.connection, rows=rows, worker=worker, now=ctx.now, begun=begun)
    return Recorded(_as_stored(ids, rows), outcome.toast, begun)
