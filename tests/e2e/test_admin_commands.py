"""Admin commands end to end: who may use them, what they change, and that every change is audited and told.

/users, /user and /stats read; /setschedule, /pauseuser, /resumeuser and /program <id> … change one participant,
write an audit row (who, when, what, before → after) and tell the participant; /ack and the foot-cleared button
are audited too. Anyone who is not an admin learns nothing — not even that the commands exist.
The clock is frozen; each test moves it and runs each reminders tick itself.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import select

from coach.bot import flood
from coach.devtools.person import texts_of
from coach.domain.program import STARTER_PROGRAM, to_json
from coach.services import texts
from coach.store.db import session_scope
from coach.store.models import AuditEntry, Participant, ProgramVersion, Reminder, SafetyFlag, Schedule
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, START, onboard, texts_since

BERLIN = ZoneInfo("Europe/Berlin")
# START is Sat 21 Nov 2026, 18:00 Berlin (17:00 UTC); the default check-in is at 20:00 Berlin.
CHECKIN_DUE = START + timedelta(hours=2)
BLISTER_CHECKIN = "/checkin pain 3 numbness 2 tingling 1 balance 1 I have a new blister on my foot"


@pytest.fixture(autouse=True)
def _unhurried(world):
    """Each reading of the flood guard's clock is 100 s after the last, so a test's commands in quick
    succession are all answered (flood control has its own tests, in test_flood.py)."""
    seconds = itertools.count(step=100.0)
    flood.installed_limiter(world.application).clock = lambda: next(seconds)


# --- reading the store --------------------------------------------------------------------------------------


def _participant(session, telegram_id: int) -> Participant:
    return session.exec(select(Participant).where(Participant.telegram_id == telegram_id)).one()


def _participant_id(world, telegram_id: int) -> int:
    with session_scope(world.engine) as session:
        return _participant(session, telegram_id).id


def _audit(world, telegram_id: int | None = None) -> list[tuple[int, str, str | None, str | None, datetime]]:
    """(admin, action, before, after, when) of each audit row (of one participant), oldest first."""
    with session_scope(world.engine) as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if telegram_id is not None:
            query = query.where(AuditEntry.participant_id == _participant(session, telegram_id).id)
        return [(a.admin_telegram_id, a.action, a.before, a.after, a.created_at) for a in session.exec(query)]


def _versions(world, telegram_id: int) -> list[tuple[int, str, int | None, str]]:
    """(version, reason, created_by, exercises JSON) of every stored program version, oldest first."""
    with session_scope(world.engine) as session:
        pid = _participant(session, telegram_id).id
        return [(v.version, v.reason, v.created_by, v.exercises) for v in session.exec(
            select(ProgramVersion).where(ProgramVersion.participant_id == pid).order_by(ProgramVersion.version))]


def _snapshot(world, telegram_id: int) -> dict:
    """Everything an admin command could change about a participant."""
    with session_scope(world.engine) as session:
        person = _participant(session, telegram_id)
        schedule = session.exec(select(Schedule).where(Schedule.participant_id == person.id)).one()
        return {
            "schedule": (schedule.session_days, schedule.session_time, schedule.checkin_time, schedule.review_day,
                         schedule.review_time, schedule.updated_at),
            "paused_until": person.paused_until,
            "foot_care_since": person.foot_care_since,
            "status": person.status,
            "open_flags": [f.id for f in session.exec(select(SafetyFlag).where(
                SafetyFlag.participant_id == person.id, SafetyFlag.acknowledged_at.is_(None)))],
            "versions": _versions(world, telegram_id),
            "audit": _audit(world, telegram_id),
        }


def _flag_ids(world) -> list[int]:
    with session_scope(world.engine) as session:
        return [f.id for f in session.exec(select(SafetyFlag).order_by(SafetyFlag.id))]


def _queued_checkins(world, telegram_id: int) -> list[datetime]:
    """When each queued check-in reminder of a participant is due, in Berlin time."""
    with session_scope(world.engine) as session:
        pid = _participant(session, telegram_id).id
        return [r.due_at.astimezone(BERLIN) for r in session.exec(
            select(Reminder).where(Reminder.participant_id == pid, Reminder.kind == "checkin",
                                   Reminder.status == "queued").order_by(Reminder.due_at))]


async def _reply(person, text: str) -> str:
    return texts_of(await person.say(text))


# --- nobody else may ----------------------------------------------------------------------------------------

ADMIN_COMMANDS = ("/users", "/users 2", "/user 7002", "/setschedule 7002 checkin 07:00", "/pauseuser 7002 5",
                  "/resumeuser 7002", "/program 7002", "/program 7002 remove 1", "/flags", "/ack {flag}",
                  "/review 7002", "/stats")


@pytest.mark.parametrize("sender", ["participant", "stranger"])
async def test_every_admin_command_is_refused_to_a_non_admin_and_nothing_leaks_or_changes(world, sender):
    """Zelda (a participant) or Yann (who never sent /start) tries every admin command on Quinn: each gets
    the answer any unknown command gets (or, for /program, their own program or 'please /start'), nothing
    in it names Quinn or her flag, Quinn hears nothing, and nothing about her changes."""
    quinn = world.person(7002, "Quinn")
    await onboard(quinn)
    await quinn.say(BLISTER_CHECKIN)
    await quinn.say("/pause")  # so a /resumeuser that got through would show
    (flag,) = _flag_ids(world)
    if sender == "participant":
        them = world.person(7001, "Zelda")
        await onboard(them)
        await them.say("/checkin pain 2 numbness 2 tingling 2 balance 2")
    else:
        them = world.person(7003, "Yann")
    before_quinn, quinn_seen = _snapshot(world, 7002), len(await quinn.messages())
    assert before_quinn["open_flags"] == [flag] and before_quinn["paused_until"] is not None

    for command in (c.format(flag=flag) for c in ADMIN_COMMANDS):
        reply = await _reply(them, command)
        word = command.split()[0]
        if word != "/program":
            assert reply == texts.UNKNOWN_COMMAND.format(command=word), command
        elif sender == "participant":
            assert reply.startswith("Your exercises on a training day:\n• Sit-to-stand from a chair"), command
        else:
            assert reply == texts.NEED_START, command
        for secret in ("Quinn", "7002", f"#{flag}", "blister", "foot", "open flag", "paused"):
            assert secret not in reply, (command, secret)

    # A forged foot-cleared button is no better.
    own_message = (await them.messages())[-1]["message_id"]
    await them.press_data(own_message, f"a2:foot:{flag}:1")
    assert world.emulator.client.callback_answers()[-1]["text"] == texts.NOT_YOUR_BUTTON

    assert _snapshot(world, 7002) == before_quinn
    assert _audit(world) == []
    assert await texts_since(quinn, quinn_seen) == []
    assert "Quinn" not in texts_of(await them.messages())


# --- /setschedule ------------------------------------------------------------------------------------------


async def test_setschedule_moves_the_checkin_tells_the_participant_and_is_audited(world):
    """07:30 instead of 20:00: Ann is told before and after, the audit has who/what/when, her /schedule
    says 07:30, the queued reminder moves to 07:30 Berlin, and it comes then — not at 20:00."""
    ann, admin = world.person(7001, "Ann"), world.person(ADMIN_ID, "Admin")
    await onboard(ann)
    await world.tick()
    assert _queued_checkins(world, 7001)[0] == datetime(2026, 11, 21, 20, 0, tzinfo=BERLIN)
    seen = len(await ann.messages())

    reply = await _reply(admin, "/setschedule 7001 checkin 07:30")
    assert reply == "✅ Ann (id 7001): check-in at 20:00 → check-in at 07:30. They have been told."
    assert await texts_since(ann, seen) == [
        "Your coaching team changed your schedule: check-in at 20:00 → check-in at 07:30 (Europe/Berlin time). "
        "/schedule shows it all."]
    assert _audit(world, 7001) == [(ADMIN_ID, "schedule", "check-in at 20:00", "check-in at 07:30", START)]
    assert "Daily check-in: every day at 07:30" in await _reply(ann, "/schedule")

    # The same again changes nothing and is not audited; a mistake names the command to use.
    second = world.person(SECOND_ADMIN_ID, "Second admin")
    assert await _reply(second, "/setschedule 7001 checkin 07:30") == (
        "Ann (id 7001): check-in at 07:30 already — nothing changed.")
    mistake = await _reply(second, "/setschedule 7001 checkin 25:00")
    assert "HH:MM" in mistake and "/setschedule 7001 checkin 20:00" in mistake and "/schedule " not in mistake
    assert len(_audit(world)) == 1

    await world.tick()  # replans
    assert [due.time().isoformat("minutes") for due in _queued_checkins(world, 7001)] == ["07:30"]
    assert _queued_checkins(world, 7001)[0].date().isoformat() == "2026-11-22", "today's 07:30 is long gone"
    seen = len(await ann.messages())
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    assert await texts_since(ann, seen) == [], "nothing at the old 20:00"
    world.clock.set(datetime(2026, 11, 22, 6, 30, 5, tzinfo=UTC))  # Sun 07:30:05 Berlin
    report = await world.tick()
    assert report.sent == 1
    (reminder,) = await texts_since(ann, seen)
    assert "daily check-in" in reminder
    assert ("checkin", "2026-11-22", "sent", None) in world.reminders_of(7001)


# --- /pauseuser and /resumeuser -----------------------------------------------------------------------------


async def test_pauseuser_holds_the_reminders_for_those_days_and_resumeuser_brings_them_back(world):
    """/pauseuser 7001 3 on Saturday: no check-in reminder Saturday or Sunday; /resumeuser on Monday
    afternoon: Monday's comes after all. Both audited, Bo told each time."""
    bo, admin = world.person(7001, "Bo"), world.person(ADMIN_ID, "Admin")
    await onboard(bo)
    await world.tick()
    seen = len(await bo.messages())

    reply = await _reply(admin, "/pauseuser 7001 3")
    assert reply == "✅ Bo (id 7001): reminders on → reminders paused through Mon 23 Nov. They have been told."
    (told,) = await texts_since(bo, seen)
    assert told.startswith("Your coaching team paused your reminders through Mon 23 Nov.")
    assert "paused through Mon 23 Nov" in await _reply(bo, "/schedule")
    assert "paused" in await _reply(admin, "/users")

    seen = len(await bo.messages())
    for day in (0, 1):
        world.clock.set(CHECKIN_DUE + timedelta(days=day, seconds=5))
        await world.tick()
    assert await texts_since(bo, seen) == []
    assert ("checkin", "2026-11-21", "skipped", "paused") in world.reminders_of(7001)
    assert ("checkin", "2026-11-22", "skipped", "paused") in world.reminders_of(7001)

    monday_noon = START + timedelta(days=2, hours=-6)  # Mon 23 Nov, 12:00 Berlin
    world.clock.set(monday_noon)
    reply = await _reply(admin, "/resumeuser 7001")
    assert reply == "✅ Bo (id 7001): reminders paused through Mon 23 Nov → reminders on. They have been told."
    (told,) = await texts_since(bo, seen)
    assert told.startswith("Your coaching team turned your reminders back on from now.")
    assert await _reply(admin, "/resumeuser 7001") == "Bo (id 7001): reminders aren't paused — nothing changed."

    seen = len(await bo.messages())
    world.clock.set(CHECKIN_DUE + timedelta(days=2, seconds=5))  # Mon 20:00 Berlin
    await world.tick()
    assert any("daily check-in" in text for text in await texts_since(bo, seen))
    assert ("checkin", "2026-11-23", "sent", None) in world.reminders_of(7001)

    assert _audit(world, 7001) == [
        (ADMIN_ID, "pause", "reminders on", "reminders paused through Mon 23 Nov", START),
        (ADMIN_ID, "resume", "reminders paused through Mon 23 Nov", "reminders on", monday_noon),
    ]


async def test_pauseuser_without_days_holds_until_resumed(world):
    cy, admin = world.person(7001, "Cy"), world.person(ADMIN_ID, "Admin")
    await onboard(cy)
    seen = len(await cy.messages())
    assert await _reply(admin, "/pauseuser 7001") == (
        "✅ Cy (id 7001): reminders on → reminders paused until resumed. They have been told.")
    assert (await texts_since(cy, seen))[0].startswith("Your coaching team paused your reminders until further "
                                                        "notice.")
    world.clock.set(CHECKIN_DUE + timedelta(days=30, seconds=5))
    await world.tick()
    assert len(await texts_since(cy, seen)) == 1, "no reminder a month later either"
    assert ("checkin", "2026-12-21", "skipped", "paused") in world.reminders_of(7001)
    assert [a[1:4] for a in _audit(world, 7001)] == [("pause", "reminders on", "reminders paused until resumed")]


# --- /program <id> ------------------------------------------------------------------------------------------


async def test_program_view_and_edits_store_versions_audit_and_tell_the_participant(world):
    """Four edits, four new versions (reason admin, by the admin), every earlier one kept; Dee is told each
    time and her /program shows the result. Bad edits say why and store nothing."""
    dee, admin = world.person(7001, "Dee"), world.person(ADMIN_ID, "Admin")
    await onboard(dee)

    view = await _reply(admin, "/program 7001")
    assert view.splitlines()[:6] == [
        "Program of Dee (id 7001), version 1 (starter):",
        "1. Sit-to-stand from a chair — 2 × 8 (bodyweight): use your hands on the chair if you need to",
        "2. Wall push-up — 2 × 8 (bodyweight): feet a step from the wall, slow and steady",
        "3. Band row — 2 × 10 (light band): sit tall, squeeze your shoulder blades",
        "4. Supported calf raise — 2 × 10 (bodyweight): hold the counter or a chair back",
        "5. Side-lying hip abduction — 2 × 8 (bodyweight): each side, lift only as high as is comfortable",
    ]
    assert "/program 7001 change 2 reps 12" in view
    assert _versions(world, 7001) == [], "looking stores nothing"

    seen = len(await dee.messages())
    edits = [
        ("change 2 reps 10", "Wall push-up: 2 × 8 (bodyweight) → 2 × 10 (bodyweight)"),
        ("add Seated march 2x10", "added Seated march, 2 × 10 (bodyweight)"),
        ("change 3 load band medium", "Band row: 2 × 10 (light band) → 2 × 10 (medium band)"),
        ("remove 1", "removed Sit-to-stand from a chair"),
    ]
    for number, (edit, change) in enumerate(edits, start=2):
        reply = await _reply(admin, f"/program 7001 {edit}")
        assert reply.startswith(f"✅ Dee (id 7001): version {number - 1} → version {number}: {change}. "
                                "They have been told."), edit
        assert f"Program of Dee (id 7001), version {number}:" in reply, edit

    assert await texts_since(dee, seen) == [
        f"Your coaching team updated your program: {change}. Send /program to see it. As always, stop if "
        "anything feels wrong." for _, change in edits]
    versions = _versions(world, 7001)
    assert [v[:3] for v in versions] == [(1, "starter", None), (2, "admin", ADMIN_ID), (3, "admin", ADMIN_ID),
                                         (4, "admin", ADMIN_ID), (5, "admin", ADMIN_ID)]
    assert versions[0][3] == to_json(STARTER_PROGRAM), "the starter is kept as it was"
    assert len({v[3] for v in versions}) == 5, "each version is its own program"
    assert [a[:4] for a in _audit(world, 7001)] == [
        (ADMIN_ID, "program", f"version {n - 1}", f"version {n}: {change}")
        for n, (_, change) in enumerate(edits, start=2)]

    shown = await _reply(dee, "/program")
    assert shown.startswith("Your exercises on a training day:\n"
                            "• Wall push-up — 2 × 10 (bodyweight)")
    exercises = [line.split(" — ")[0] for line in shown.splitlines() if line.startswith("• ")]
    assert exercises == ["• Wall push-up", "• Band row", "• Supported calf raise", "• Side-lying hip abduction",
                         "• Seated march"]
    assert "Band row — 2 × 10 (medium band)" in shown and "Seated march — 2 × 10 (bodyweight)" in shown
    assert "Last change: removed Sit-to-stand from a chair." in shown

    seen = len(await dee.messages())
    for bad, reason in (("change 9 reps 3", "There is no exercise 9: the program has 5."),
                        ("change 2 reps 99", "Reps go from 1 to 30."),
                        ("add 2x10", "Give the exercise's name, then sets x reps"),
                        ("add wall push-up 2x10", "“wall push-up” is already in the program; change it instead."),
                        ("change 1 load 2.3 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
                        ("frobnicate", "I can add, change or remove an exercise, not “frobnicate”.")):
        reply = await _reply(admin, f"/program 7001 {bad}")
        assert reply.startswith(reason), (bad, reply)
        assert "✅" not in reply and "<id>" not in reply, bad
    assert "/program 7001 add Seated march 2x10" in reply, "the usage names the participant's id"
    assert _versions(world, 7001) == versions
    assert len(_audit(world)) == len(edits)
    assert await texts_since(dee, seen) == []


# --- /users, /user, /stats ----------------------------------------------------------------------------------


async def test_users_shows_each_state_last_checkin_and_flags_and_stats_counts_them(world):
    """Ava active, Ben paused with a flag, Cal not cleared, Dot blocked the bot, Eli still setting up."""
    admin = world.person(ADMIN_ID, "Admin")
    ava, ben, cal, dot, eli = (world.person(7001 + n, name) for n, name in enumerate(("Ava", "Ben", "Cal", "Dot",
                                                                                        "Eli")))
    for person in (ava, ben, dot):
        await onboard(person)
    await onboard(cal, yes_to=1)
    await eli.say("/start")
    await ava.say("/checkin 2026-11-20 pain 2 numbness 1 tingling 1 balance 1")
    await ben.say("I fell and hurt my wrist")
    await ben.say("/pause 3")
    await world.tick()
    world.emulator.client.block_chat(7004)
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    report = await world.tick()
    assert (report.sent, report.failed) == (2, 1)  # Ava's and Cal's check-in; Dot's was refused

    listing = (await _reply(admin, "/users")).splitlines()
    # Most in need first, with the reasons; each id a tappable /user_<id>.
    assert listing == [
        "Participants 1–5 of 5, most in need first (2 need attention):",
        "/user_7002 · Ben · paused · ⚠️ 1 open flag",
        "/user_7004 · Dot · blocked · ⛔ blocked the bot",
        "/user_7001 · Ava · active · no concerns",
        "/user_7003 · Cal · not cleared · no concerns",
        "/user_7005 · Eli · setting up · no concerns",
        "Tap an id for the details.",
    ]
    assert (await _reply(admin, "/user_7002")).startswith("Ben (id 7002) — paused")
    assert "I don't know the command /user_7002" in (await ava.say("/user_7002"))[-1]["text"]

    stats = (await _reply(admin, "/stats")).splitlines()
    assert stats == [
        "Participants: 5 — 1 active, 1 paused, 1 not cleared, 1 blocked, 1 setting up",
        "Reminders due in the last 24 h: 0 queued, 0 sending, 0 handed, 2 sent, 0 late, 0 expired, 1 skipped, "
        "1 failed, 0 uncertain",  # skipped: Ben's (paused); failed: Dot's (blocked)
        "Dispatcher lag: none — nothing due is waiting",
    ]

    # 22:00 Berlin brings the follow-ups of the unanswered check-ins; 90 s later nobody has ticked yet.
    world.clock.set(CHECKIN_DUE + timedelta(hours=2, seconds=90))
    assert (await _reply(admin, "/stats")).splitlines()[2] == (
        "Dispatcher lag: 90 s (the oldest due reminder is waiting that long)")
    world.clock.set(CHECKIN_DUE + timedelta(hours=2, minutes=6))
    report = await world.tick()
    stats = (await _reply(admin, "/stats")).splitlines()
    assert f"{2 + report.sent} sent, {report.sent} late" in stats[1] and report.sent >= 1, "six minutes late"
    assert stats[2] == "Dispatcher lag: none — nothing due is waiting"


async def test_users_pages_through_more_than_25_participants(world):
    admin = world.person(ADMIN_ID, "Admin")
    with session_scope(world.engine) as session:
        for n in range(30):
            session.add(Participant(telegram_id=8000 + n, chat_id=8000 + n, first_name=f"P{n:02}", status="active",
                                    timezone="Europe/Berlin", created_at=START, updated_at=START))
        session.flush()
        session.execute(update(Participant).values(onboarding_step=None))  # (None in the constructor is not kept)
    first = (await _reply(admin, "/users")).splitlines()
    assert first[0] == "Participants 1–25 of 30, most in need first (0 need attention):"
    assert [line.split(" · ")[:3] for line in first[1:26]] == [[f"/user_{8000 + n}", f"P{n:02}", "active"]
                                                                 for n in range(25)]
    assert "More: /users 2" in first
    second = (await _reply(admin, "/users 2")).splitlines()
    assert second[0].startswith("Participants 26–30 of 30, ")
    assert [line.split(" · ")[1] for line in second[1:6]] == [f"P{n}" for n in range(25, 30)]
    assert not any(line.startswith("More:") for line in second)
    assert await _reply(admin, "/users 3") == "There are only 2 pages."


async def test_user_shows_recent_scores_flags_program_and_the_last_admin_changes(world):
    fay, admin, second = world.person(7001, "Fay"), world.person(ADMIN_ID, "Admin"), world.person(SECOND_ADMIN_ID)
    await onboard(fay, condition="Diabetic neuropathy")
    await fay.say("/checkin 2026-11-20 pain 4 numbness 3 tingling 2 balance 1")
    await fay.say("p2 n1 t1 b0")
    await _reply(admin, "/setschedule 7001 sessions tue,thu 10:00")
    world.clock.set(START + timedelta(minutes=5))
    await _reply(second, "/program 7001 change 1 reps 10")

    shown = (await _reply(admin, "/user 7001")).splitlines()
    assert shown[0] == "Fay (id 7001) — active"
    assert shown[1].startswith("Condition: Diabetic neuropathy · time zone Europe/Berlin · joined Sat 21 Nov")
    assert "Schedule: training Tue, Thu at 10:00; check-in at 20:00; weekly review Sun at 19:00" in shown
    recent = shown.index("Recent check-ins:")
    assert shown[recent + 1:recent + 3] == ["• Sat 21 Nov: pain 2 · numbness 1 · tingling 1 · balance 0",
                                            "• Fri 20 Nov: pain 4 · numbness 3 · tingling 2 · balance 1"]
    assert "Program: version 2 — /program 7001" in shown
    changes = shown.index("Admin changes:")
    assert shown[changes + 1:] == [
        f"• Sat 21 Nov by {SECOND_ADMIN_ID}: program — version 1 → version 2: Sit-to-stand from a chair: "
        "2 × 8 (bodyweight) → 2 × 10 (bodyweight)",
        f"• Sat 21 Nov by {ADMIN_ID}: schedule — training Mon, Wed, Fri at 18:00 → training Tue, Thu at 10:00",
    ]


# --- /ack and the foot-cleared button ------------------------------------------------------------------------


async def test_ack_and_the_foot_cleared_button_are_audited(world):
    gus, admin = world.person(7001, "Gus"), world.person(ADMIN_ID, "Admin")
    await onboard(gus, condition="Diabetic neuropathy")
    await gus.say(BLISTER_CHECKIN)
    (flag,) = _flag_ids(world)
    assert f"Open flags: #{flag} foot wound/blister (/ack <number>)" in await _reply(admin, "/user 7001")

    world.clock.set(START + timedelta(minutes=10))
    acked = await _reply(admin, f"/ack {flag}")
    assert acked.startswith(f"Flag #{flag} (foot wound/blister) for Gus (id 7001) acknowledged.")
    world.clock.set(START + timedelta(minutes=20))
    button_message, button_data = await admin.find_button("Foot cleared — usual program")
    assert button_data.startswith(f"a2:foot:{flag}:")  # the flag and the participant it was raised for
    await admin.press("Foot cleared — usual program")
    assert "Good news: your foot has been cleared" in (await gus.messages())[-1]["text"]
    assert _audit(world, 7001) == [
        (ADMIN_ID, "ack", f"flag #{flag} (foot wound/blister) open", "acknowledged", START + timedelta(minutes=10)),
        (ADMIN_ID, "foot_cleared", "seated and lying exercises (foot care)", "usual program",
         START + timedelta(minutes=20)),
    ]
    assert [v[:3] for v in _versions(world, 7001)] == [(1, "starter", None), (2, "foot_wound", None),
                                                       (3, "foot_cleared", ADMIN_ID)]

    # Pressed again (the button is gone from the edited message: an old copy), or acknowledged again:
    # nothing more happens, nothing more is audited.
    await admin.press_data(button_message, button_data)
    assert world.emulator.client.callback_answers()[-1]["text"] == "Already cleared."
    assert (await _reply(admin, f"/ack {flag}")).startswith(f"Flag #{flag} was already acknowledged")
    assert len(_audit(world)) == 2
    detail = await _reply(admin, "/user 7001")
    assert "Open flags" not in detail
    assert f"by {ADMIN_ID}: foot_cleared — seated and lying exercises (foot care) → usual program" in detail
    assert f"by {ADMIN_ID}: ack — flag #{flag} (foot wound/blister) open → acknowledged" in detail


# --- mistakes -------------------------------------------------------------------------------------------------


async def test_unknown_ids_and_malformed_arguments_get_the_usage_or_no_participant(world):
    """Each answer says what to write (or that there is nobody by that id), and changes nothing."""
    hal, ivy, admin = world.person(7001, "Hal"), world.person(7002, "Ivy"), world.person(ADMIN_ID, "Admin")
    await onboard(hal)
    await ivy.say("/start")  # still setting up
    seen = len(await hal.messages())
    no_such = "No participant has the Telegram id 999999."
    for command, expected in (
        ("/user 999999", no_such),
        ("/user", "Write it like /user 123456789"),
        ("/user Hal", "Write it like /user 123456789"),
        ("/user 7001x", "Write it like /user 123456789"),
        ("/users 0", "Write it like /users, or /users 2"),
        ("/users two", "Write it like /users, or /users 2"),
        ("/users 1 2", "Write it like /users, or /users 2"),
        ("/setschedule", "Write it like /setschedule 123456789 checkin 20:00"),
        ("/setschedule 999999 checkin 07:00", no_such),
        ("/setschedule 7001 lunch 12:00", "I can change checkin, sessions or review, not “lunch”"),
        ("/setschedule 7001", "What would you like to change?"),
        ("/setschedule 7002 checkin 07:00", "Ivy (id 7002) hasn't finished setting up yet"),
        ("/pauseuser", "Write it like /pauseuser 123456789 7"),
        ("/pauseuser 999999 3", no_such),
        ("/pauseuser 7001 0", "Give a number of days from 1 to 90."),
        ("/pauseuser 7001 91", "Give a number of days from 1 to 90."),
        ("/pauseuser 7001 soon", "Give a number of days from 1 to 90."),
        ("/pauseuser 7001 3 weeks", "Write it like /pauseuser 123456789 7"),
        ("/resumeuser", "Write it like /resumeuser 123456789."),
        ("/resumeuser 999999", no_such),
        ("/resumeuser 7001", "Hal (id 7001): reminders aren't paused — nothing changed."),
        ("/program 999999", no_such),
        ("/program Hal", "Write it like: /program <id> add Seated march 2x10"),
        ("/review", "Write it like /review 123456789"),
        ("/ack", "Write it like /ack 12"),
        ("/ack 999", "There is no flag #999. Send /flags to see the open ones."),
        ("/flags", "No open flags. 🌿"),
    ):
        assert (await _reply(admin, command)).startswith(expected), command
    assert _audit(world) == []
    assert _versions(world, 7001) == []
    assert await texts_since(hal, seen) == []


# --- known bugs (strict: these fail loudly once fixed, so the marker can go) -------------------------------


async def test_a_repeated_pauseuser_changes_nothing_and_tells_nobody_again(world):
    jo, admin = world.person(7001, "Jo"), world.person(ADMIN_ID, "Admin")
    await onboard(jo)
    await _reply(admin, "/pauseuser 7001 3")
    seen = len(await jo.messages())
    again = await _reply(admin, "/pauseuser 7001 3")
    assert "nothing changed" in again, again
    assert await texts_since(jo, seen) == []
    assert len(_audit(world, 7001)) == 1


async def test_a_setschedule_that_changes_nothing_writes_nothing(world):
    kai, admin = world.person(7001, "Kai"), world.person(ADMIN_ID, "Admin")
    await onboard(kai)
    await world.tick()
    before = _snapshot(world, 7001), world.reminders_of(7001)
    world.clock.set(START + timedelta(minutes=1))
    assert await _reply(admin, "/setschedule 7001 checkin 20:00") == (
        "Kai (id 7001): check-in at 20:00 already — nothing changed.")
    assert (_snapshot(world, 7001), world.reminders_of(7001)) == before
