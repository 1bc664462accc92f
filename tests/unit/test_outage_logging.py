"""An outage (Telegram or the database away) is one log line with the error's class, never a traceback; a bug
keeps its traceback."""

from __future__ import annotations

import logging

from telegram.error import NetworkError

from coach.core.logs import OneLineForOutages


def _formatted(exc: BaseException) -> str:
    logger = logging.getLogger("test.outage")
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "reminder tick failed", (),
                                   exc_info=__import__("sys").exc_info())
    OneLineForOutages().filter(record)
    return logging.Formatter("%(levelname)s %(message)s").format(record)


def test_a_network_outage_is_one_line():
    assert _formatted(NetworkError("httpx.ConnectError: All connection attempts failed")) == \
        "ERROR reminder tick failed (NetworkError: httpx.ConnectError: All connection attempts failed)"


def test_a_bug_keeps_its_traceback():
    text = _formatted(KeyError("oops"))
    assert "Traceback" in text and "KeyError" in text


def test_a_locked_database_says_why_on_its_one_line():
    import sqlite3

    from sqlalchemy.exc import OperationalError

    locked = OperationalError("UPDATE checkin SET pain=?", {"pain": 7}, sqlite3.OperationalError("database is locked"))
    text = _formatted(locked)
    assert text == "ERROR reminder tick failed (OperationalError: database is locked)"
    assert "7" not in text and "Traceback" not in text
