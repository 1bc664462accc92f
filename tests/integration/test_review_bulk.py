"""Everyone's review at once (`coach review --all`), on SQLite and PostgreSQL: worker processes give the
same lines as the review done in one process, in the same order, and a database that cannot be read gets
one sentence rather than a traceback or half a list."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from sqlalchemy import text

from coach.cli.main import main as coach_main
from coach.domain.review_message import CLINICIAN_PROMPT
from coach.services.review import bulk as review_bulk
from coach.services.review import weekly as review
from coach.services.review.bulk import as_json_line, as_line, review_lines
from tests.integration.test_weekly_review_store import add_participant, add_week

LAST = date(2026, 11, 29)  # the Sunday ending ISO week 2026-W48
DECISIONS = ["progress", "deload", "hold", "progress", "deload", "progress", "progress"]


def seed(engine) -> None:  # noqa: ANN001
    """Seven onboarded participants with weeks that decide differently, and one still setting up."""
    with engine.begin() as connection:
        for pid in range(1, 9):
            add_participant(connection, pid)
        add_week(connection, 1, LAST, [2] * 7, history_pain=2)
        add_week(connection, 2, LAST, [3, 6, 3, 7, 3, 3, 3])  # two days above 5
        add_week(connection, 3, LAST, [2, 2, 2])  # too few check-ins
        add_week(connection, 4, LAST, [2] * 7, reps="planned")
        add_week(connection, 5, LAST, [4] * 7, history_pain=2)  # mean 2 above the usual
        add_week(connection, 7, LAST, [1] * 7)
        add_week(connection, 8, LAST, [1] * 7)
        connection.execute(text("UPDATE participant SET onboarding_step = 'timezone' WHERE id = 6"))


def url_of(engine) -> str:  # noqa: ANN001
    return engine.url.render_as_string(hide_password=False)


def with_pid(prepared: review.PreparedReview) -> str:
    """A line saying which process reviewed it (module level, so a worker can be handed it)."""
    return f"{os.getpid()}\t{as_line(prepared)}"


def test_worker_processes_give_the_lines_one_process_gives_in_the_same_order(engine, monkeypatch):
    seed(engine)
    monkeypatch.setattr(review_bulk, "SHARE_SIZE", 2)  # four shares for seven participants
    with engine.connect() as connection:
        expected = [as_line(prepared) for prepared in review.prepare_everyone(connection, last=LAST)]

    in_workers = list(review_lines(url_of(engine), last=LAST, render=with_pid, workers=2))
    here = list(review_lines(url_of(engine), last=LAST, workers=1))

    assert [line.split("\t", 1)[1] for line in in_workers] == here == expected
    assert [line.split("\t")[0] for line in here] == [str(7000 + pid) for pid in (1, 2, 3, 4, 5, 7, 8)], \
        "everyone onboarded, once each, in the order they joined; not the one still setting up"
    assert [line.split("\t")[1] for line in here] == DECISIONS
    reviewers = {int(line.split("\t")[0]) for line in in_workers}
    assert os.getpid() not in reviewers and 1 <= len(reviewers) <= 2, "the reviews ran in the two workers"


def test_each_json_line_is_the_whole_review_with_the_clinician_prompt(engine, monkeypatch):
    seed(engine)
    monkeypatch.setattr(review_bulk, "SHARE_SIZE", 3)
    printed = [json.loads(line) for line in review_lines(url_of(engine), last=LAST, render=as_json_line, workers=2)]
    assert [p["decision"] for p in printed] == DECISIONS
    assert {p["week"]["iso"] for p in printed} == {"2026-W48"}
    for p in printed:
        assert p["message"].startswith(f"Your weekly review, P{p['user'] - 7000}")
        assert p["message"].endswith(CLINICIAN_PROMPT)
        assert p["reasons"], "every decision gives its reasons"


def test_coach_review_all_prints_one_line_per_participant(engine, monkeypatch, capsys):
    seed(engine)
    monkeypatch.setenv("DATABASE_URL", url_of(engine))
    assert coach_main(["review", "--all", "--week", "2026-W48"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        [str(7000 + pid), decision] for pid, decision in zip((1, 2, 3, 4, 5, 7, 8), DECISIONS, strict=True)]
    assert lines[1].split("\t")[2] == "painful_days,pain_not_settled", "the rules that decided it"

    assert coach_main(["review", "--all", "--week", "2026-W48", "--json"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["user"] for p in printed] == [7000 + pid for pid in (1, 2, 3, 4, 5, 7, 8)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_database_that_cannot_be_read_gets_one_sentence_and_no_lines(tmp_path, monkeypatch, capsys, workers):
    from coach.store.db import make_engine
    from coach.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'broken.db'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE checkin"))  # a damaged database, as an operator might meet one
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(review_bulk, "SHARE_SIZE", 4 if workers == 2 else 100)
    assert coach_main(["review", "--all", "--week", "2026-W48"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("coach: the database could not be read (OperationalError); "
                            "nothing more was reviewed.\n")


def die_in_a_worker(prepared: review.PreparedReview) -> str:
    """A worker process killed mid-review (out of memory, say); harmless in the test's own process."""
    if str(os.getpid()) != os.environ["COACH_TEST_PARENT_PID"]:
        os._exit(3)
    return as_line(prepared)


def test_a_worker_that_dies_gets_one_sentence(tmp_path, monkeypatch, capsys):
    from coach.store.db import make_engine
    from coach.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade(url)
    engine = make_engine(url)
    seed(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("COACH_TEST_PARENT_PID", str(os.getpid()))
    monkeypatch.setattr(review_bulk, "SHARE_SIZE", 2)
    monkeypatch.setattr(review_bulk, "as_line", die_in_a_worker)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert coach_main(["review", "--all", "--week", "2026-W48"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("coach: a review worker process stopped unexpectedly (out of memory?); "
                            "nothing more was reviewed.\n")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`coach review --all --json | head -1`: the rest is not wanted, and that is not an error."""
    import subprocess
    import sys

    from coach.store.db import make_engine
    from coach.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        for pid in range(1, 301):  # far more than a pipe holds, as JSON
            add_participant(connection, pid)
            add_week(connection, pid, LAST, [2] * 7)
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": url}
    reader = subprocess.Popen([sys.executable, "-m", "coach", "review", "--all", "--json", "--week", "2026-W48"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    first = json.loads(reader.stdout.readline())
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""
    assert first["user"] == 7001 and first["message"].endswith(CLINICIAN_PROMPT)
