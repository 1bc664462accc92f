"""The bulk review (`coach review --all`, in worker processes) says to every participant exactly what the
admin's /review says about them — the same text, decision, reasons, change and insights — on a varied
population, on SQLite and PostgreSQL. The bulk path is tuned for speed (bench/weekly.py); this pins that
tuning can never change what anyone is told."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from coach.core.clock import FrozenClock
from coach.domain import program as program_domain
from coach.domain.progression import DECISIONS, DayScores, SessionEntry
from coach.domain.review_message import DECISION_LABELS
from coach.domain.safety import URGENT_KINDS, FlagKind
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.review import bulk as review_bulk
from coach.services.review import weekly as review
from coach.services.review.bulk import as_json_line, review_lines
from coach.store.checkins import save_checkin
from coach.store.models import CheckIn, Note, Participant, ProgramVersion, SafetyFlag, Schedule, SessionLog
from coach.store.participants import get_by_telegram_id

LAST = date(2026, 11, 29)  # a Sunday; /review on Monday 30 November reviews the week ending here
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # Monday in every zone below
ZONES = ("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "UTC", "America/New_York")
CONDITIONS = ("peripheral", "diabetic", "radiculopathy", "nerve_injury", "other", None)
SCHEDULES = ("0,2,4", "1,3,5", "0,3", "0,1,3,5", "", "6")
POPULATION = 72
NOTES = ("Slept badly, feet burning.", "Long walk today.", "Tingling worse after the bus ride.")


def at(day: date, hour: int, zone: str) -> datetime:
    return datetime.combine(day, dtime(hour, 5), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def add_person(connection, rng: random.Random, pid: int) -> None:  # noqa: ANN001, C901, PLR0912, PLR0915
    """One participant; the id's remainders pick the zone, condition and schedule, the generator the rest."""
    zone, condition = ZONES[pid % len(ZONES)], CONDITIONS[pid % len(CONDITIONS)]
    # Joined long ago (a rolling baseline), two to four weeks ago (the first 14 check-ins), during the week
    # (a shorter week), or on the review day itself.
    days_ago = (rng.randint(40, 90), rng.randint(15, 30), rng.randint(1, 6), rng.randint(7, 14), -1)[pid % 5]
    joined = at(LAST - timedelta(days=days_ago), rng.randint(7, 21), zone)
    joined_day = joined.astimezone(ZoneInfo(zone)).date()
    clearance = pid % 11 == 3
    foot_care = pid % 13 == 5
    connection.execute(insert(Participant.__table__), [{
        "id": pid, "telegram_id": 9000 + pid, "chat_id": 9000 + pid,
        "first_name": ("Ana", "Bernd-Alexander von Hohenzollern", "", "Chiara")[pid % 4], "status": "active",
        "onboarding_step": "timezone" if pid % 17 == 16 else None, "timezone": zone, "condition": condition,
        "clearance_required": clearance, "cleared_at": joined + timedelta(days=2) if clearance and pid % 2 else None,
        "foot_care_since": at(LAST - timedelta(days=3), 9, zone) if foot_care else None,
        "created_at": joined, "updated_at": joined}])
    if pid % 19 != 7:  # and a few onboarded without a schedule row
        connection.execute(insert(Schedule.__table__), [{
            "participant_id": pid, "session_days": SCHEDULES[pid % len(SCHEDULES)], "updated_at": joined}])
    weekdays = {int(d) for d in SCHEDULES[pid % len(SCHEDULES)].split(",") if d}
    steady = pid % 8 == 0  # every session done, at a moderate effort, and pain that stays put
    keeps_up = 1.0 if steady else rng.choice((1.0, 0.9, 0.7, 0.4, 0.0))
    usual = rng.randint(0, 5)
    pattern = "steady" if steady else rng.choice(("calm", "flare", "rising", "sore_after", "wild"))
    start = max(joined_day - timedelta(days=rng.choice((0, 0, 2))), LAST - timedelta(days=49))
    trained = set()
    day = start
    while day <= LAST:
        if (day.weekday() in weekdays and rng.random() < keeps_up) or (not steady and rng.random() < 0.05):
            status = "done" if steady else rng.choice(("done", "done", "partly", "skipped"))
            done = status != "skipped"
            unanswered = done and rng.random() < 0.1
            trained.update({day} if done else ())
            connection.execute(insert(SessionLog.__table__), [{
                "participant_id": pid, "local_date": day, "status": status,
                "rpe": rng.randint(3, 5) if steady else rng.randint(2, 10) if done and not unanswered else None,
                "pain": rng.randint(0, 7) if done and not unanswered else None,
                "reps": rng.choice(("fewer", "planned", "more", "more")) if done and not unanswered else None,
                "asking": "rpe" if unanswered else None, "source": rng.choice(("buttons", "command")),
                "recorded_at": at(day + timedelta(days=rng.choice((0, 0, 1))), 18, zone)}])
        day += timedelta(days=1)
    day = start
    while day <= LAST + timedelta(days=pid % 2):  # some checked in on the review's own day
        if rng.random() < keeps_up:
            extra = {"flare": 3 * (day >= LAST - timedelta(days=3)), "rising": (day - start).days // 10,
                     "sore_after": 3 * (day - timedelta(days=1) in trained), "wild": rng.randint(0, 5)}.get(pattern, 0)
            noise = 0 if steady else rng.choice((-1, 0, 1))
            scores = {"pain": min(10, usual + extra + noise if usual else extra),
                      "numbness": rng.randint(0, 7), "tingling": rng.randint(0, 7), "balance": rng.randint(0, 4)}
            recorded = at(day + timedelta(days=rng.choice((0, 0, 0, 2))), 20, zone)  # a backfill now and then
            note = rng.choice(NOTES) if rng.random() < 0.15 else None
            kwargs = {"connection": connection, "participant_id": pid, "local_date": day, "note": note,
                      "foot_problem": rng.random() < 0.1 if condition == "diabetic" else None}
            if rng.random() < 0.1:  # entered, then corrected: the first entry is kept as a revision
                save_checkin(**kwargs, scores={**scores, "pain": min(10, scores["pain"] + 3)}, source="buttons",
                             now=recorded - timedelta(hours=1))
            save_checkin(**kwargs, scores=scores, source=rng.choice(("typed", "buttons", "command")), now=recorded)
        elif rng.random() < 0.1:
            connection.execute(insert(Note.__table__), [{"participant_id": pid, "checkin_id": None, "local_date": day,
                                                         "text": rng.choice(NOTES), "created_at": at(day, 21, zone)}])
        day += timedelta(days=1)
    kinds = list(FlagKind)
    for days_before, answered in ((rng.randint(0, 6), pid % 2), (rng.randint(8, 30), 0), (rng.randint(8, 40), 1),
                                  (-1, 0)):  # in the week, open from before, settled, raised on the review day
        if (rng.random() < 0.2 and not steady) or (foot_care and days_before == 3):
            kind = FlagKind.FOOT_WOUND if foot_care else kinds[(pid + days_before) % len(kinds)]
            raised = at(LAST - timedelta(days=days_before), rng.randint(0, 23), zone)
            connection.execute(insert(SafetyFlag.__table__), [{
                "participant_id": pid, "kind": str(kind), "urgent": kind in URGENT_KINDS, "source": "free_text",
                "excerpt": "words", "raised_at": raised,
                "acknowledged_at": raised + timedelta(hours=2) if answered else None,
                "acknowledged_by": 42 if answered else None}])
    if pid % 3 == 1 or foot_care:
        program, versions = program_domain.STARTER_PROGRAM, [(program_domain.STARTER_PROGRAM, "starter")]
        for turn in range(rng.randint(1, 14 if pid % 9 == 1 else 4)):  # some far up the ranges
            if rng.random() < 0.8 and (step := program_domain.progression_step(program, start=turn)) is not None:
                program, reason = step[0], "progress"
            else:
                program, reason = program_domain.deload_step(program)[0], "deload"
            versions.append((program, reason))
        if foot_care:
            versions.append((program_domain.NON_WEIGHT_BEARING_PROGRAM, "foot_wound"))
        connection.execute(insert(ProgramVersion.__table__), [
            {"participant_id": pid, "version": number, "exercises": program_domain.to_json(exercises),
             "reason": reason, "created_at": joined + timedelta(days=number)}
            for number, (exercises, reason) in enumerate(versions, start=1)])


def seed(engine) -> None:  # noqa: ANN001
    rng = random.Random(2026)
    with engine.begin() as connection:
        for pid in range(1, POPULATION + 1):
            add_person(connection, rng, pid)


def everything(prepared: review.PreparedReview) -> str:
    """The review as `coach review --all --json` prints it, and every value it was made from (module level,
    so a worker process can be handed it)."""
    return as_json_line(prepared) + "\n" + repr((prepared.facts, prepared.baseline, prepared.insights,
                                                  prepared.recent_checkins, prepared.result, prepared.base_version))


def one_by_one(engine) -> dict[int, tuple[str, str, str]]:  # noqa: ANN001
    """Each onboarded participant as the admin's /review shows them: (header, text, everything())."""
    runner = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="Europe/Berlin", admin_ids=(1,))
    shown = {}
    try:
        for pid in range(1, POPULATION + 1):
            def use_case(ctx, pid=pid):  # noqa: ANN001, ANN202
                participant = get_by_telegram_id(session=ctx.session, telegram_id=9000 + pid)
                outcome = review.admin_preview(ctx, participant)
                prepared = review.prepare_one(ctx.connection, participant.id, last=LAST, can_apply=False)
                return outcome, prepared

            outcome, prepared = runner.run(use_case)
            if prepared is None:
                assert len(outcome.replies) == 1 and "finished setting up" in outcome.replies[0].text
                continue
            header, text = (reply.text for reply in outcome.replies)
            shown[9000 + pid] = (header, text, everything(prepared))
    finally:
        runner.close()
    return shown


def test_everyone_in_bulk_is_told_exactly_what_their_own_review_says(engine, monkeypatch):
    seed(engine)
    alone = one_by_one(engine)
    monkeypatch.setattr(review_bulk, "SHARE_SIZE", 9)  # several shares, in two worker processes
    url = engine.url.render_as_string(hide_password=False)
    lines = list(review_lines(url, last=LAST, render=everything, workers=2))
    in_bulk = [json.loads(line.split("\n", 1)[0]) for line in lines]

    assert [printed["user"] for printed in in_bulk] == sorted(alone), "everyone onboarded, once, in id order"
    for line, printed in zip(lines, in_bulk, strict=True):
        header, text, own = alone[printed["user"]]
        assert line == own, printed["user"]
        assert printed["message"] == text, printed["user"]
        assert f": {DECISION_LABELS[printed['decision']]}, Mon 23 Nov – Sun 29 Nov. Nothing was sent to them" in header
        assert printed["week"] == {"first": "2026-11-23", "last": "2026-11-29", "iso": "2026-W48"}

    # The population is varied enough to mean something: every decision, insights and their absence,
    # warning signs, proposed changes and a first week.
    decisions = {printed["decision"] for printed in in_bulk}
    assert decisions == set(DECISIONS)
    assert sum(bool(printed["insights"]) for printed in in_bulk) >= 10
    assert any(not printed["insights"] for printed in in_bulk)
    assert any(printed["changes"] for printed in in_bulk)
    assert any("Watch for:" in printed["message"] for printed in in_bulk)
    assert any("Usual level:" in printed["message"] for printed in in_bulk)
    rules = {rule for printed in in_bulk for rule in printed["rules"]}
    assert {"red_flag", "safety_hold", "not_enough_data", "pain_not_settled", "painful_days"} <= rules


def test_the_bulk_review_in_one_process_matches_each_prepared_alone(engine):
    """Field by field, beyond the words: the week's facts, the baseline, the insights and the decision."""
    seed(engine)
    with engine.connect() as connection:
        everyone = {p.participant_id: p for p in review.prepare_everyone(connection, last=LAST)}
        for pid, prepared in everyone.items():
            alone = review.prepare_one(connection, pid, last=LAST, can_apply=False)
            assert (prepared.facts, prepared.baseline, prepared.insights, prepared.recent_checkins) == (
                alone.facts, alone.baseline, alone.insights, alone.recent_checkins), pid
            assert prepared.result == alone.result and prepared.base_version == alone.base_version, pid
        # And what they were made from is what was stored: the week's check-ins (and the day after) and
        # sessions, read plainly.
        stored = connection.execute(
            select(CheckIn.participant_id, CheckIn.local_date, CheckIn.pain, CheckIn.numbness, CheckIn.tingling,
                   CheckIn.balance).where(CheckIn.local_date >= LAST - timedelta(days=6),
                                          CheckIn.local_date <= LAST + timedelta(days=1))).all()
        logged = connection.execute(
            select(SessionLog.participant_id, SessionLog.local_date, SessionLog.status, SessionLog.rpe,
                   SessionLog.pain, SessionLog.reps).where(SessionLog.local_date >= LAST - timedelta(days=6),
                                                           SessionLog.local_date <= LAST)).all()
    for pid, prepared in everyone.items():
        week = [DayScores(*row[1:]) for row in sorted(stored) if row[0] == pid]
        next_day = week.pop() if week and week[-1].day > LAST else None
        assert (list(prepared.facts.checkins), prepared.facts.next_day) == (week, next_day), pid
        sessions = [SessionEntry(*row[1:]) for row in sorted(logged, key=lambda row: row[:2]) if row[0] == pid]
        assert list(prepared.facts.sessions) == sessions, pid
    assert len(everyone) == POPULATION - POPULATION // 17
    bases = {prepared.baseline.basis.split()[1] if prepared.baseline else None for prepared in everyone.values()}
    assert bases == {"first", "28", None}, "both kinds of baseline, and none yet"
