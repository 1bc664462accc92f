"""Changing when reminders come: /schedule typed and by buttons, /pause and /resume — the reply, the stored
schedule and pause, and the queue planned afresh from the next tick."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from coach.scheduler import planner
from coach.services import texts
from coach.services.participants import onboarding
from coach.services.reminders import schedules
from coach.store.models import Reminder, Schedule
from tests.helpers.use_cases import Desk, flat_labels, labels, onboard, texts_of


@pytest.fixture
def ann(desk: Desk):
    someone = desk.person(5001, "Ann")
    onboard(someone)
    return someone


def _queued_checkins(someone) -> list[str]:
    """The UTC times of the queued check-in reminders, as 'Sat 21 19:00'."""
    return [f"{r.due_at:%a %d %H:%M}" for r in someone.rows(Reminder) if r.kind == "checkin" and r.status == "queued"]


def _paused(desk: Desk, someone) -> bool:
    return desk.run(lambda ctx: schedules.is_paused(ctx, someone.stored()))


def test_schedule_shows_the_times_in_the_participants_zone_with_a_button_per_part(ann):
    """/schedule: the zone, each part's days and time, and four buttons to change a part."""
    outcome = ann.does(schedules.show)
    assert texts_of(outcome).startswith("Your schedule (Europe/Berlin time):\n"
                                        "• Training sessions: Mon, Wed, Fri at 18:00\n"
                                        "• Daily check-in: every day at 20:00\n"
                                        "• Weekly review: Sun at 19:00")
    assert labels(outcome) == [["⏰ Check-in time", "🏋 Session time"], ["📅 Training days", "📋 Weekly review"]]


def test_a_typed_change_is_stored_and_the_queue_replanned_at_the_new_time(desk: Desk, ann):
    """/schedule checkin 21:00: confirmed with the new schedule, stored, the reminders queued at 20:00 dropped and
    the next planning queues them at 21:00 Berlin."""
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued_checkins(ann) == ["Sat 21 19:00", "Sun 22 19:00"]  # 20:00 Berlin
    outcome = ann.does(lambda ctx, p: schedules.change_typed(ctx, p, "checkin 21:00"))
    assert outcome.toast == "Saved" and "✅ Schedule updated." in texts_of(outcome)
    assert "Daily check-in: every day at 21:00" in texts_of(outcome)
    assert [s.checkin_time for s in ann.rows(Schedule)] == [time(21, 0)]
    assert _queued_checkins(ann) == []
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued_checkins(ann) == ["Sat 21 20:00", "Sun 22 20:00"]


def test_a_change_it_cannot_read_is_explained_and_nothing_changes(ann):
    """/schedule checkin 25:00: the reply says how to write a time; the schedule stays at 20:00."""
    outcome = ann.does(lambda ctx, p: schedules.change_typed(ctx, p, "checkin 25:00"))
    assert "HH:MM" in texts_of(outcome) and outcome.toast is None
    assert [s.checkin_time for s in ann.rows(Schedule)] == [time(20, 0)]


def test_training_days_chosen_by_button_are_stored(ann):
    """'Training days', then 'Tue, Thu, Sat': the choices offered, the pick confirmed in place and stored."""
    offered = ann.does(lambda ctx, p: schedules.ask_part(ctx, p, "d"))
    assert "Which days would you like to train?" in texts_of(offered)
    assert "Tue, Thu, Sat" in flat_labels(offered)
    chosen = ann.does(lambda ctx, p: schedules.choose(ctx, p, "d", "135"))
    assert chosen.replies[0].edit and "Training sessions: Tue, Thu, Sat at 18:00" in texts_of(chosen)
    assert [s.session_days for s in ann.rows(Schedule)] == ["1,3,5"]


def test_a_choice_no_button_offers_is_stale(ann):
    """A forged time (21:30 is not offered): 'no longer active', and the schedule is unchanged."""
    outcome = ann.does(lambda ctx, p: schedules.choose(ctx, p, "c", "2130"))
    assert outcome.toast == texts.STALE_BUTTON and outcome.replies == []
    assert [s.checkin_time for s in ann.rows(Schedule)] == [time(20, 0)]


def test_pause_for_days_runs_through_the_last_local_day_and_resume_ends_it(desk: Desk, ann):
    """/pause 7 on Saturday: paused through Friday (until Berlin's midnight), said so and shown by /schedule;
    /resume ends it at once, and a second /resume says nothing was paused."""
    outcome = ann.does(lambda ctx, p: schedules.pause(ctx, p, "7"))
    assert texts_of(outcome).startswith("Reminders paused for 7 days, through Fri 27 Nov.")
    assert ann.stored().paused_until == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)  # Sat 28 Nov 00:00 Berlin
    assert "⏸ Reminders are paused through Fri 27 Nov" in texts_of(ann.does(schedules.show))
    assert _paused(desk, ann)

    desk.clock.advance(timedelta(days=2))
    assert texts_of(ann.does(schedules.resume)).startswith("Welcome back!")
    assert ann.stored().paused_until is None and not _paused(desk, ann)
    assert "aren't paused" in texts_of(ann.does(schedules.resume))


def test_a_pause_ends_by_itself_after_its_last_day(desk: Desk, ann):
    """/pause 1 on Saturday: still paused late on Saturday, no longer on Sunday morning."""
    ann.does(lambda ctx, p: schedules.pause(ctx, p, "1"))
    desk.clock.set(datetime(2026, 11, 21, 22, 59, tzinfo=UTC))  # 23:59 Berlin
    assert _paused(desk, ann)
    desk.clock.set(datetime(2026, 11, 21, 23, 0, tzinfo=UTC))  # Sunday 00:00 Berlin
    assert not _paused(desk, ann)


def test_pause_without_days_lasts_until_resume(desk: Desk, ann):
    """/pause alone: paused until /resume, said so, and still paused a year later."""
    outcome = ann.does(lambda ctx, p: schedules.pause(ctx, p, ""))
    assert texts_of(outcome).startswith("Reminders paused until you send /resume.")
    desk.clock.advance(timedelta(days=365))
    assert _paused(desk, ann)
    assert "paused until you send /resume" in texts_of(ann.does(schedules.show))


@pytest.mark.parametrize("typed", ["0", "91", "forever", "7 weeks"])
def test_a_pause_it_cannot_read_is_explained_and_nothing_paused(desk: Desk, ann, typed: str):
    """/pause 0, 91, 'forever' or '7 weeks': the reply says how to write it, and reminders stay on."""
    outcome = ann.does(lambda ctx, p: schedules.pause(ctx, p, typed))
    assert "/pause 7" in texts_of(outcome) and "paused for" not in texts_of(outcome)
    assert ann.stored().paused_until is None


def test_a_new_time_zone_later_moves_the_queued_reminders_to_its_wall_time(desk: Desk, ann):
    """/timezone Tokyo: confirmed with Tokyo's time now, stored, and the check-ins planned for 20:00 Berlin are
    replaced by check-ins at 20:00 Tokyo."""
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued_checkins(ann) == ["Sat 21 19:00", "Sun 22 19:00"]
    outcome = ann.does(lambda ctx, p: onboarding.ask_timezone_change(ctx, p, "Tokyo"))
    assert "Asia/Tokyo" in texts_of(outcome) and "It's 02:00 there now" in texts_of(outcome)
    assert ann.stored().timezone == "Asia/Tokyo" and _queued_checkins(ann) == []
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued_checkins(ann) == ["Sun 22 11:00", "Mon 23 11:00"]  # 20:00 in Tokyo (UTC+9)


def test_timezone_alone_asks_for_a_place_and_the_next_message_answers_it(ann):
    """/timezone with nothing after it: the current zone and the question, with the location key; 'Lisbon' then
    sets it."""
    asked = ann.does(lambda ctx, p: onboarding.ask_timezone_change(ctx, p, ""))
    assert texts_of(asked).startswith("Your time zone is") and "Europe/Berlin" in texts_of(asked)
    assert asked.replies[0].location_button == texts.SHARE_LOCATION and ann.stored().awaiting == "timezone"
    assert "Europe/Lisbon" in texts_of(ann.says("Lisbon"))
    assert (ann.stored().timezone, ann.stored().awaiting) == ("Europe/Lisbon", None)
