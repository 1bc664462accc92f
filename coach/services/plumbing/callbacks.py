"""Button data as small typed values: each feature declares its own beside the use cases that read it.

A value is a frozen dataclass with a short versioned PREFIX and fields of type int, bool, str or a StrEnum;
`encode()` writes "prefix:field:field" (Telegram allows 64 bytes) and `parse()` reads it back or returns
None for anything forged, malformed or retired. Data naming a participant's row carries that participant's
id as `owner`, so an old button can never act on someone else even if a row id were ever seen again."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import ClassVar, Self, get_type_hints

MAX_BYTES = 64  # Telegram's limit for callback_data
_NUMBER = re.compile(r"\d{1,15}")
_WORD = re.compile(r"[A-Za-z0-9_]{1,24}")


@dataclass(frozen=True)
class ButtonData:
    """Base class; subclasses set PREFIX and declare their fields in the order they are written."""

    PREFIX: ClassVar[str]

    def encode(self) -> str:
        data = ":".join([self.PREFIX, *(_write(getattr(self, f.name)) for f in fields(self))])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"{type(self).__name__} data is longer than Telegram's {MAX_BYTES} bytes")
        return data

    @classmethod
    def parse(cls, data: object) -> Self | None:
        if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
            return None
        head = cls.PREFIX.split(":")
        parts = data.split(":")
        declared = fields(cls)
        if parts[: len(head)] != head or len(parts) != len(head) + len(declared):
            return None
        hints = get_type_hints(cls)
        values = []
        for field, raw in zip(declared, parts[len(head):], strict=True):
            value = _read(hints[field.name], raw)
            if value is None:
                return None
            values.append(value)
        try:
            return cls(*values)
        except ValueError:  # a subclass's own check (__post_init__) refused the values
            return None

    @classmethod
    def matches(cls, data: object) -> bool:
        """For a handler's pattern: does this press carry this kind of data?"""
        return cls.parse(data) is not None


@dataclass(frozen=True)
class OwnedButtonData(ButtonData):
    """Button data naming a participant's row: `owner` is the participant it was made for."""

    owner: int


def _write(value: object) -> str:
    if isinstance(value, bool):
        return "y" if value else "n"
    return str(value)


def _read(kind: type, raw: str) -> object | None:
    if kind is bool:
        return {"y": True, "n": False}.get(raw)
    if kind is int:
        return int(raw) if _NUMBER.fullmatch(raw) else None
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return kind(raw) if raw in kind._value2member_map_ else None
    if kind is str:
        return raw if _WORD.fullmatch(raw) else None
    raise TypeError(f"button data cannot hold {kind!r}")
