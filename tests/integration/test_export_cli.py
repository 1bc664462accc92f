"""`coach export --user` on a SQLite file: the participant's CSV and clinician PDF, or one sentence why not."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from coach.cli.main import main as coach_main
from coach.store import participants
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade

NOW = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
TELEGRAM_ID = 7_123_456_789_012


def a_database_with_one_new_participant(tmp_path: Path) -> str:
    """A migrated SQLite file holding someone who has just pressed /start: no check-ins, nothing else."""
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        participants.create_participant(session=session, telegram_id=TELEGRAM_ID, chat_id=TELEGRAM_ID,
                                        first_name="Zoë 🌿", timezone="Europe/Berlin", now=NOW)
    engine.dispose()
    return url


def test_export_writes_the_csv_and_the_pdf_even_for_someone_with_no_entries(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", a_database_with_one_new_participant(tmp_path))
    monkeypatch.chdir(tmp_path)

    assert coach_main(["export", "--user", str(TELEGRAM_ID), "--out", "for-my-doctor"]) == 0

    paths = [Path(line) for line in capsys.readouterr().out.split("\n") if line]
    assert [path.parent.name for path in paths] == ["for-my-doctor", "for-my-doctor"]
    assert [path.name.startswith(f"{TELEGRAM_ID}-coach-export-") for path in paths] == [True, True]
    assert [path.stat().st_mode & 0o777 for path in paths] == [0o600, 0o600], "health data: owner only"
    assert [path.suffix for path in paths] == [".csv", ".pdf"]
    lines = list(csv.DictReader(io.StringIO(paths[0].read_bytes().decode("utf-8-sig"))))
    values = {line["column"]: line["value"] for line in lines}
    assert {line["table"] for line in lines} == {"participant"}
    assert values["telegram_id"] == str(TELEGRAM_ID) and values["first_name"] == "Zoë 🌿"
    assert values["created_at"] == "2026-11-21T17:00:00+00:00" and values["condition"] == ""
    text = " ".join(page.extract_text() for page in PdfReader(paths[1]).pages)
    assert "Coach — summary for your clinician" in text and "Zoë ?" in text  # no emoji in a core font
    assert "No check-ins yet." in text and "not medical advice" in text


def test_an_unknown_telegram_id_is_one_sentence_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", a_database_with_one_new_participant(tmp_path))
    monkeypatch.chdir(tmp_path)

    assert coach_main(["export", "--user", "999"]) == 1

    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err == "coach: no participant has the Telegram id 999.\n"
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix in (".csv", ".pdf")) == []
