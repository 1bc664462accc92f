"""The weekly review end to end: the job at review time sends a chart and one suggestion, Apply changes the
program (keeping every version), admins get a digest, and the safety rules hold progression back."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from coach.cli.main import main as coach_main
from coach.domain.review_message import CLINICIAN_PROMPT, MESSAGE_LIMIT, clinician_prompt
from coach.services.review.callbacks import ReviewAnswer, ReviewChoice
from coach.store.db import session_scope
from coach.store.models import Participant, ProgramVersion, WeeklyReview
from tests.helpers.bot_world import ADMIN_ID, START, onboard, texts_since

SUNDAY_AFTERNOON = START + timedelta(days=7, hours=20)  # Sun 29 Nov, 14:00 Berlin
REVIEW_TIME = START + timedelta(days=8, hours=1, seconds=5)  # Sun 29 Nov, 19:00 Berlin
MONDAY_DIGEST = START + timedelta(days=8, hours=14, seconds=5)  # Mon 30 Nov, 08:00 Berlin
WEEK = range(22, 29)  # Sun 22 – Sat 28 Nov: the week that has ended when Sunday's review goes out
TRAINING_DAYS = (23, 25, 27)  # Mon, Wed, Fri


async def a_week(person, *, pain=(2, 2, 2, 2, 2, 2, 2), rpe=5, reps="more") -> None:
    """Backfill a week of check-ins and Mon/Wed/Fri sessions, as someone catching up on Sunday would."""
    for day, score in zip(WEEK, pain, strict=True):
        await person.say(f"/checkin 2026-11-{day} pain {score} numbness 1 tingling 1 balance 1")
    for day in TRAINING_DAYS:
        await person.say(f"/log 2026-11-{day} done rpe {rpe} pain 1 reps {reps}")


async def review_arrives(world, person) -> list[dict]:
    """Tick before and at Sunday's review time; the messages the review brought."""
    world.clock.set(SUNDAY_AFTERNOON)
    await world.tick()
    before = len(await person.messages())
    world.clock.set(REVIEW_TIME)
    await world.tick()
    return [m for m in (await person.messages())[before:]]


def versions_of(world, telegram_id: int) -> list[tuple[int, str]]:
    with session_scope(world.engine) as session:
        pid = session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()
        return [(v.version, v.reason) for v in session.exec(
            select(ProgramVersion).where(ProgramVersion.participant_id == pid).order_by(ProgramVersion.version))]


def review_rows(world) -> list[WeeklyReview]:
    with session_scope(world.engine) as session:
        return list(session.exec(select(WeeklyReview).order_by(WeeklyReview.id)))


async def test_the_weekly_job_sends_the_chart_and_a_progression_that_apply_stores_as_a_new_version(world):
    ivy = world.person(6001, "Ivy")
    await onboard(ivy)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(ivy)
    chart, words = await review_arrives(world, ivy)

    assert chart["kind"] == "photo" and chart["text"].startswith("Your last four weeks (1 Nov – 28 Nov)")
    (upload,) = [f for f in world.emulator.client.files(6001) if f["message_id"] == chart["message_id"]]
    png = upload["content"]
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    text = words["text"]
    assert text.startswith("Your weekly review, Ivy 📋 Sun 22 – Sat 28 Nov")
    assert "Check-ins 7 of 7 days · sessions 3 of 3 done, effort 5/10" in text
    assert "🌱 Suggestion: a light step up" in text
    assert "Sit-to-stand from a chair: 2 × 8 (bodyweight) → 2 × 10 (bodyweight)" in text
    assert text.endswith(CLINICIAN_PROMPT) and len(text) <= MESSAGE_LIMIT
    assert [label for label, _ in world.emulator.client.buttons(6001, words["message_id"])] == [
        "✅ Apply", "Keep my current plan"]

    await ivy.press("✅ Apply")
    edited = await message(ivy, words["message_id"])
    assert "✅ Applied — your program is now version 2: Sit-to-stand from a chair" in edited["text"]
    assert world.emulator.client.buttons(6001, words["message_id"]) == []
    assert versions_of(world, 6001) == [(1, "starter"), (2, "progress")]
    program = await ivy.say("/program")
    assert "Sit-to-stand from a chair — 2 × 10 (bodyweight)" in program[-1]["text"]

    # A second press (a double tap, or an old copy of the message) changes nothing more.
    await ivy.press_data(words["message_id"], _apply(review_rows(world)[0]))
    assert "Already done" in world.emulator.client.callback_answers()[-1]["text"]
    assert versions_of(world, 6001) == [(1, "starter"), (2, "progress")]
    assert [(r.decision, r.status) for r in review_rows(world)] == [("progress", "applied")]

    # Once a week: a second tick at the same time sends nothing more.
    before = len(await ivy.messages())
    await world.tick()
    assert await texts_since(ivy, before) == []


async def test_keep_leaves_the_program_and_nobody_else_can_press_apply(world):
    jo, max_ = world.person(6002, "Jo"), world.person(6003, "Max")
    await onboard(jo)
    await onboard(max_)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(jo)
    _, words = await review_arrives(world, jo)

    await max_.press_data(words["message_id"], _apply(review_rows(world)[0]))  # Jo's review, Max's press
    assert world.emulator.client.callback_answers()[-1]["text"] == "That button isn't for you."
    assert versions_of(world, 6002) == [] and review_rows(world)[0].status == "proposed"

    await jo.press("Keep my current plan")
    assert (await message(jo, words["message_id"]))["text"].endswith("👍 You kept your current plan.")
    assert versions_of(world, 6002) == [] and review_rows(world)[0].status == "kept"


async def test_an_easier_week_after_painful_days_and_the_admins_morning_digest(world):
    kim = world.person(6004, "Kim")
    admin = world.person(ADMIN_ID, "Admin")
    await onboard(kim)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(kim, pain=(3, 6, 3, 7, 3, 3, 3))
    _, words = await review_arrives(world, kim)
    assert "🌙 Suggestion: an easier week" in words["text"]
    assert "Your pain was above 5 on 2 days." in words["text"]
    assert "Apply: 5 exercises one step easier" in words["text"]
    assert words["text"].endswith(CLINICIAN_PROMPT)
    await kim.press("✅ Apply")
    assert versions_of(world, 6004) == [(1, "starter"), (2, "deload")]

    before = len(await admin.messages())
    world.clock.set(MONDAY_DIGEST - timedelta(minutes=10))
    await world.tick()
    assert await texts_since(admin, before) == [], "the digest waits for 08:00"
    world.clock.set(MONDAY_DIGEST)
    await world.tick()
    (digest,) = await texts_since(admin, before)
    assert digest.startswith("Who needs attention — 1 of 1 participant, most pressing first. 1 weekly review went "
                             "out since the last digest.")
    assert "/user_6004 · Kim · active · 🔕 silent 2 days; 🌙 review said easier week" in digest
    assert "/review <id>" not in digest
    world.clock.set(MONDAY_DIGEST + timedelta(minutes=5))
    await world.tick()
    assert len(await texts_since(admin, before)) == 1, "each review is in one digest only"


async def test_a_foot_wound_switches_to_seated_work_until_an_admin_clears_it(world):
    lea = world.person(6005, "Lea")
    admin = world.person(ADMIN_ID, "Admin")
    stranger = world.person(6006, "Sam")
    await onboard(lea, condition="Diabetic neuropathy")
    await onboard(stranger)
    world.clock.set(START + timedelta(days=5))  # Thu 26 Nov
    answer = await lea.say("I have a new blister on my heel")
    assert any("seated and lying exercises only" in m["text"] for m in answer)
    assert "Seated knee extension" in (await lea.say("/program"))[-1]["text"]
    alert = (await admin.messages())[-1]["text"]
    assert "seated and lying exercises only, until you clear the foot" in alert

    refused = await stranger.say("/ack 1")
    assert refused[-1]["text"] == "I don't know the command /ack. Send /help to see what I can do."
    assert "Lea" not in texts_of_all(await stranger.messages())

    listed = (await admin.say("/flags"))[-1]["text"]
    assert "Lea (id 6005): foot wound/blister" in listed
    flag_id = int(listed.split("#", 2)[1].split()[0])
    before = len(await lea.messages())
    acked = (await admin.say(f"/ack {flag_id}"))[-1]
    assert "acknowledged" in acked["text"] and "Their training and weekly progression can resume." in acked["text"]
    (told,) = await texts_since(lea, before)
    assert "followed up" in told and "seated and lying exercises only" in told
    assert "Seated knee extension" in (await lea.say("/program"))[-1]["text"], "still seated until cleared"

    await admin.press("Foot cleared — usual program")
    assert "Good news: your foot has been cleared" in (await lea.messages())[-1]["text"]
    assert "Sit-to-stand from a chair" in (await lea.say("/program"))[-1]["text"]
    assert versions_of(world, 6005) == [(1, "starter"), (2, "foot_wound"), (3, "foot_cleared")]
    again = (await admin.say(f"/ack {flag_id}"))[-1]["text"]
    assert again.startswith(f"Flag #{flag_id} was already acknowledged")


async def test_an_open_flag_from_before_holds_progression_until_acknowledged(world):
    """A fall reported the week before and not yet followed up: a strong week still gets no step up."""
    ned = world.person(6007, "Ned")
    await onboard(ned)
    world.clock.set(START + timedelta(hours=1))  # Sat 21 Nov, before the week under review and its eve
    await ned.say("I fell and hurt my wrist")
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(ned)
    _, words = await review_arrives(world, ned)
    assert "✋ Suggestion: keep your plan as it is." in words["text"]
    assert "still awaits the coaching team's follow-up" in words["text"]
    assert world.emulator.client.buttons(6007, words["message_id"]) == []
    assert words["text"].endswith(CLINICIAN_PROMPT)


async def test_admin_review_shows_the_review_and_chart_and_nobody_else_may(world):
    ola = world.person(6008, "Ola")
    admin = world.person(ADMIN_ID, "Admin")
    stranger = world.person(6009, "Pat")
    await onboard(ola)
    await onboard(stranger)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(ola)
    before = len(await admin.messages())
    await admin.say("/review 6008")
    # The first chart a process draws loads matplotlib (about a second), longer than the quiet spell after
    # which a reply counts as complete: wait for the three messages themselves.
    shown = (await world.emulator.client.await_for_messages(ADMIN_ID, before + 3))[before:]
    assert [m["kind"] for m in shown] == ["text", "photo", "text"]
    assert shown[0]["text"].startswith("Review for Ola (id 6008): light progression, Sun 22 Nov – Sat 28 Nov.")
    assert "rules" not in shown[0]["text"] and "progress" not in shown[0]["text"].replace("progression", "")
    assert shown[2]["text"].startswith("Your weekly review, Ola") and shown[2]["text"].endswith(CLINICIAN_PROMPT)
    assert "Tap Apply" not in shown[2]["text"], "a preview offers nothing to apply"
    assert review_rows(world) == [], "a preview stores nothing and sends nothing to the participant"
    assert (await admin.say("/review 424242"))[-1]["text"] == "No participant has the Telegram id 424242."
    assert "Write it like /review" in (await admin.say("/review Ola"))[-1]["text"]

    refused = await stranger.say("/review 6008")
    assert refused[-1]["text"] == "I don't know the command /review. Send /help to see what I can do."
    assert "Ola" not in texts_of_all(await stranger.messages())


async def test_coach_review_prints_the_same_review_as_json(world, monkeypatch, capsys):
    ivy = world.person(6010, "Ivy")
    await onboard(ivy)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(ivy)
    monkeypatch.setenv("DATABASE_URL", str(world.engine.url))
    capsys.readouterr()
    assert coach_main(["review", "--user", "6010", "--week", "2026-W48", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    # Mon 23 – Sun 29 Nov: Ivy's Sunday check-in is missing from the backfilled week, so 6 of 7.
    assert printed["decision"] == "progress" and printed["week"] == {
        "first": "2026-11-23", "last": "2026-11-29", "iso": "2026-W48"}
    assert "Check-ins 6 of 7 days" in printed["message"]
    assert printed["reasons"][0] == "You did 3 of 3 planned sessions."
    assert printed["message"].startswith("Your weekly review, Ivy") and printed["message"].endswith(CLINICIAN_PROMPT)

    assert coach_main(["review", "--user", "6010", "--week", "2026-W48"]) == 0
    assert capsys.readouterr().out.strip() == printed["message"]
    assert coach_main(["review", "--user", "777", "--json"]) == 1
    assert "no participant has the Telegram id 777" in capsys.readouterr().err
    assert coach_main(["review", "--user", "6010", "--week", "week 48"]) == 2
    assert "write it like 2026-W47" in capsys.readouterr().err


async def message(person, message_id: int) -> dict:
    """A message in the person's chat as it is now (after any edits)."""
    return next(m for m in await person.messages() if m["message_id"] == message_id)


def texts_of_all(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


async def test_an_earlier_weeks_apply_cannot_override_a_later_review(world):
    """Week 1 offers a step up; Ivy doesn't answer. In week 2 she falls and the review says see a clinician.
    Week 1's Apply, pressed now, changes nothing: the latest review has the last word."""
    una = world.person(6011, "Una")
    await onboard(una)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(una)
    _, first_review = await review_arrives(world, una)
    assert "🌱 Suggestion" in first_review["text"]
    world.clock.set(START + timedelta(days=12))  # Thu 3 Dec
    await una.say("I fell and hurt my wrist")
    world.clock.set(SUNDAY_AFTERNOON + timedelta(days=7))
    await world.tick()
    before = len(await una.messages())
    world.clock.set(REVIEW_TIME + timedelta(days=7))
    await world.tick()
    (second,) = [t for t in await texts_since(una, before) if t.startswith("Your weekly review")]
    assert "🩺 Suggestion" in second and second.endswith(clinician_prompt("see_clinician"))

    await una.press_data(first_review["message_id"], _apply(review_rows(world)[0]))
    assert "only your latest review counts" in world.emulator.client.callback_answers()[-1]["text"]
    assert versions_of(world, 6011) == []


async def test_someone_who_checks_in_every_evening_reads_seven_of_seven(world):
    """The review goes out at 19:00 on Sunday, before that evening's 20:00 check-in: it counts the week that has
    ended (Sunday to Saturday), so a participant who answered every reminder is never told they missed a day."""
    vic = world.person(6012, "Vic")
    await onboard(vic)
    for day in range(22, 29):  # each evening's reminder, Sun 22 – Sat 28 Nov, answered at once
        world.clock.set(START + timedelta(days=day - 21, hours=2, seconds=5))  # 20:00 Berlin
        await world.tick()
        assert (await vic.messages())[-1]["text"].startswith("Time for your daily check-in")
        await vic.say("2 1 1 1")
    chart, words = await review_arrives(world, vic)
    assert "Check-ins 7 of 7 days" in words["text"]
    assert "Next week I can compare with your usual level." in words["text"]
    assert len(words["text"]) <= MESSAGE_LIMIT


def _apply(review) -> str:
    """The Apply button's data for a stored review, as the bot wrote it."""
    return ReviewAnswer(review.participant_id, review.id, ReviewChoice.APPLY).encode()
