"""/delete's use cases: erasing everything about a participant after a confirmation, and only then."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import SQLModel

from coach.scheduler import planner
from coach.services import texts
from coach.services.admin import changes
from coach.services.checkins import daily
from coach.services.participants import erasure
from coach.services.review import weekly
from coach.services.training import sessions
from coach.store.models import Participant
from tests.helpers.use_cases import ADMIN_IDS, Desk, Someone, flat_labels, onboard, texts_of

# Every table that holds rows about one participant (all but the webhook's inbox and the workers' registry).
ABOUT_A_PARTICIPANT = sorted(table.name for table in SQLModel.metadata.sorted_tables
                             if "participant_id" in table.c or table.name == "participant")


def _a_full_history(desk: Desk, someone: Someone, condition: str = "diabetic") -> None:
    """A week of use that leaves a row in every table about them."""
    onboard(someone, condition=condition)
    desk.run(lambda ctx: planner.plan_page(ctx))  # queued reminders
    someone.says("p4 n2 t3 b1 slept badly")
    someone.says("p5 n2 t3 b1")  # a revision
    someone.says("feet burning more at night")  # a note
    someone.says("new blister on my heel")  # a flag; the program switches to seated (program versions)
    someone.does(lambda ctx, p: sessions.log_command(ctx, p, "done rpe 5 pain 2 reps planned"))
    desk.run(lambda ctx: changes.pause_user(ctx, ADMIN_IDS[0], f"{someone.telegram_id} 3"))  # an audit entry
    desk.clock.advance(timedelta(days=8))  # a week later: a weekly review is due
    review_day = desk.clock.now().date()  # 18:00 in Berlin, the same date as in UTC
    reply, why_not = desk.run(lambda ctx: weekly.weekly_reply(ctx, someone.id, review_day))
    assert reply is not None, why_not
    someone.does(daily.start_buttons)  # an open draft


def _rows_about(desk: Desk, someone_id: int) -> dict[str, int]:
    counts = {}
    for name in ABOUT_A_PARTICIPANT:
        table = SQLModel.metadata.tables[name]
        column = table.c.id if name == "participant" else table.c.participant_id
        with desk.engine.connect() as connection:
            counts[name] = len(connection.execute(table.select().where(column == someone_id)).all())
    return counts


def _confirm(someone: Someone, *, asked, erase: bool, participant_id: int | None = None):
    minute = int(asked.timestamp() // 60)
    pid = someone.id if participant_id is None else participant_id
    return someone.does(lambda ctx, p: erasure.confirm(ctx, p, pid, minute, erase), during_onboarding=True)


def test_delete_asks_first_naming_what_goes_and_offering_an_export(desk: Desk):
    """/delete: what would be erased, a pointer to /export, and Yes / No buttons; nothing is erased yet."""
    ann = desk.person(6001, "Ann")
    onboard(ann)
    outcome = ann.does(erasure.ask)
    assert "erases everything" in texts_of(outcome) and "/export" in texts_of(outcome)
    assert flat_labels(outcome) == ["Yes, erase everything", "No, keep my data"]
    assert ann.stored() is not None


def test_confirming_erases_every_row_about_them_and_nobody_elses(desk: Desk):
    """'Yes, erase everything' after a week of use: the goodbye, and no row about Ann in any table — while Bo's
    rows are all still there."""
    ann, bo = desk.person(6002, "Ann"), desk.person(6003, "Bo")
    _a_full_history(desk, ann)
    _a_full_history(desk, bo)
    ann_id = ann.id
    before = _rows_about(desk, ann_id)
    assert all(before.values()), f"the history should touch every table: {before}"
    bo_before = _rows_about(desk, bo.id)

    outcome = _confirm(ann, asked=desk.clock.now(), erase=True)
    assert outcome.toast == "Erased" and texts_of(outcome) == texts.ERASE_DONE and outcome.replies[0].edit
    assert _rows_about(desk, ann_id) == dict.fromkeys(ABOUT_A_PARTICIPANT, 0)
    assert _rows_about(desk, bo.id) == bo_before
    assert [p.telegram_id for p in desk.all(Participant)] == [6003]


def test_no_keeps_everything(desk: Desk):
    """'No, keep my data': said so, and every row stays."""
    ann = desk.person(6004, "Ann")
    onboard(ann)
    ann.says("p4 n2 t3 b1")
    before = _rows_about(desk, ann.id)
    outcome = _confirm(ann, asked=desk.clock.now(), erase=False)
    assert texts_of(outcome) == texts.ERASE_KEPT
    assert _rows_about(desk, ann.id) == before


def test_a_confirmation_older_than_a_day_erases_nothing(desk: Desk):
    """The Yes button pressed two days after /delete: 'send /delete again', and nothing is erased."""
    ann = desk.person(6005, "Ann")
    onboard(ann)
    asked = desk.clock.now()
    desk.clock.advance(timedelta(days=2))
    outcome = _confirm(ann, asked=asked, erase=True)
    assert texts_of(outcome) == texts.ERASE_EXPIRED and ann.stored() is not None


def test_someone_elses_confirmation_erases_nobody(desk: Desk):
    """Bo pressing the Yes button offered to Ann: 'isn't for you', and both are still there."""
    ann, bo = desk.person(6006, "Ann"), desk.person(6007, "Bo")
    onboard(ann)
    onboard(bo)
    outcome = _confirm(bo, asked=desk.clock.now(), erase=True, participant_id=ann.id)
    assert outcome.toast == "This button isn't for you." and outcome.replies == []
    assert len(desk.all(Participant)) == 2


def test_erasing_mid_onboarding_works_too(desk: Desk):
    """/delete before onboarding is finished is allowed, and leaves no row at all."""
    cy = desk.person(6008, "Cy")
    cy.start()
    assert flat_labels(cy.does(erasure.ask, during_onboarding=True))[0] == "Yes, erase everything"
    _confirm(cy, asked=desk.clock.now(), erase=True)
    # send_gate is the bot's one shared send-rate row, about nobody.
    assert {table: count for table, count in desk.row_counts().items() if count and table != "send_gate"} == {}
