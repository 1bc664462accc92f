"""What a use case asks the bot layer to say: framework-free, so services test without Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.services.reports.chart import ChartData


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data: short, versioned, re-checked for ownership when pressed


@dataclass(frozen=True)
class Document:
    """A file sent as a Telegram document (the participant's export, for one)."""

    filename: str
    content: bytes
    caption: str | None = None


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    location_button: str | None = None  # label of a one-time "share my location" key
    remove_keyboard: bool = False
    edit: bool = False  # replace the message whose button was pressed instead of sending anew
    chart: ChartData | None = None  # a chart sent as a photo just before the text
    documents: tuple[Document, ...] = ()  # files sent just before the text, after any chart


@dataclass(frozen=True)
class AdminAlert:
    chat_id: int
    text: str


@dataclass(frozen=True)
class Notice:
    """A message to someone other than the sender (the participant an admin acted for)."""

    chat_id: int
    text: str


@dataclass
class Outcome:
    replies: list[Reply] = field(default_factory=list)
    admin_alerts: list[AdminAlert] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    toast: str | None = None  # the short notice shown when a button press is answered
    # The replies end an erasure: sent, then forgotten (nothing about the person stays, not even the goodbye).
    farewell: bool = False

    def say(self, text: str, **kwargs: object) -> Outcome:
        self.replies.append(Reply(text, **kwargs))  # type: ignore[arg-type]
        return self

    def extend(self, other: Outcome) -> Outcome:
        self.replies.extend(other.replies)
        self.admin_alerts.extend(other.admin_alerts)
        self.notices.extend(other.notices)
        self.toast = self.toast or other.toast
        self.farewell = self.farewell or other.farewell
        return self


def button_rows(*rows: list[tuple[str, str]]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(Button(label, data) for label, data in row) for row in rows)
