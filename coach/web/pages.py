"""What each dashboard page shows, read in one transaction: the same store queries and domain rules as the
admin commands (the triage ranking is `/users`'s own). Nothing here changes anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain import insights as insights_domain
from coach.domain import program as program_domain
from coach.domain import triage
from coach.domain.progression import DayScores, baseline_from
from coach.domain.review_message import DECISION_LABELS
from coach.domain.safety import FlagKind, kind_label
from coach.domain.schedule import decode_weekdays, format_hhmm, zone_info
from coach.services import texts
from coach.services.admin.changes import schedule_part_words
from coach.services.admin.overview import state_of
from coach.services.plumbing.context import UseCaseContext
from coach.services.reports.chart import ChartData, ChartMark, range_chart
from coach.services.reports.clinician_pdf import clinician_reasons
from coach.services.training import programs
from coach.store import audit as audit_store
from coach.store import checkins as checkin_store
from coach.store import flags as flag_store
from coach.store import notes as note_store
from coach.store import participants as participant_store
from coach.store import programs as program_store
from coach.store import reviews as review_store
from coach.store import sessions as session_store
from coach.store.models import Participant

PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 100
# The ranges a participant's page offers, in days back from their today ("all": since joining).
RANGES = {"14": 14, "28": 28, "56": 56, "90": 90, "all": None}
DEFAULT_RANGE = "28"
STATE_FILTERS = ("active", "paused", "not cleared", "blocked", "setting up")
MAX_ID_DIGITS = 15


@dataclass(frozen=True)
class TriagePage:
    needs: list[triage.Need]  # this page of them
    total: int  # everyone
    matching: int  # after the filters and search
    needing: int  # of everyone, how many need attention
    page: int
    pages: int


def triage_page(ranked: list[triage.Need], *, search: str, state: str, attention_only: bool,
                page: int) -> TriagePage:
    """Everyone as ranked most in need first (the ranking of /users), filtered and searched."""
    words = search.strip().lower()
    number = words.lstrip("#") if words.lstrip("#").isdigit() else None
    shown = [need for need in ranked
             if (not state or need.facts.state == state)
             and (not attention_only or need.needs_attention)
             and (not words or (number is not None and str(need.facts.telegram_id).startswith(number))
                  or words in need.facts.name.lower())]
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return TriagePage(needs=shown[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], total=len(ranked), matching=len(shown),
                      needing=sum(1 for need in ranked if need.needs_attention), page=page, pages=pages)


def find_participant(ctx: UseCaseContext, telegram_id: str) -> Participant | None:
    """The participant with this Telegram id (as written in a URL), or None."""
    if not telegram_id.isascii() or not telegram_id.isdigit() or len(telegram_id) > MAX_ID_DIGITS:
        return None
    return participant_store.get_by_telegram_id(session=ctx.session, telegram_id=int(telegram_id))


@dataclass(frozen=True)
class DayRow:
    day: date
    scores: dict[str, int] | None
    foot_problem: bool | None
    notes: list[str]


@dataclass(frozen=True)
class ParticipantPage:
    participant: Participant
    state: str
    condition: str
    joined: date
    today: date
    range_key: str
    first: date
    schedule: dict[str, str]  # the form's current values
    schedule_words: list[str]
    paused: bool
    days: list[DayRow]  # newest first
    sessions: list  # SessionLog rows, newest first
    flags: list  # SafetyFlag rows, newest first
    foot_wound_flag: int | None  # the newest foot-wound flag, while on foot care
    version: int
    program: program_domain.Program
    versions: list  # ProgramVersion rows, newest first
    review: object | None
    review_reasons: list[str]
    insights: list[str]
    audit: list
    zone_name: str

    def flag_label(self, kind: str) -> str:
        return kind_label(kind)

    def local(self, instant) -> str:  # noqa: ANN001 - an aware datetime
        return instant.astimezone(zone_info(self.participant.timezone)).strftime("%a %d %b %Y, %H:%M")


# Entries can be backfilled up to 7 days back, so a range never starts later than a week before joining.
BACKFILL_DAYS = 7


def range_first(range_key: str, *, today: date, joined: date) -> date:
    """The first day shown: the range's, but not long before they joined (a new participant's page is not
    weeks of empty chart)."""
    days = RANGES.get(range_key, RANGES[DEFAULT_RANGE])
    earliest = min(joined, today) - timedelta(days=BACKFILL_DAYS)
    return earliest if days is None else max(earliest, today - timedelta(days=days - 1))


def participant_page(ctx: UseCaseContext, participant: Participant, *, range_key: str) -> ParticipantPage:
    """One participant's weeks, as the care team reads them."""
    zone = ctx.zone(participant)
    today = ctx.local_today(participant)
    joined = participant.created_at.astimezone(zone).date()
    first = range_first(range_key, today=today, joined=joined)
    pid = participant.id
    checkins = checkin_store.checkins_between(session=ctx.session, participant_id=pid, first=first, last=today)
    notes = note_store.recent(session=ctx.session, participant_id=pid, since=first)
    by_day: dict[date, DayRow] = {}
    for c in checkins:
        by_day[c.local_date] = DayRow(c.local_date, {"pain": c.pain, "numbness": c.numbness, "tingling": c.tingling,
                                                     "balance": c.balance}, c.foot_problem, [])
    for note in notes:
        if note.local_date > today:
            continue
        row = by_day.setdefault(note.local_date, DayRow(note.local_date, None, None, []))
        row.notes.append(note.text)
    logs = session_store.logs_between(session=ctx.session, participant_id=pid, first=first, last=today)
    schedule = participant_store.get_schedule(session=ctx.session, participant_id=pid)
    form, words = {}, []
    if schedule is not None:
        form = {"checkin": format_hhmm(schedule.checkin_time), "session_time": format_hhmm(schedule.session_time),
                "session_days": ",".join(str(d) for d in decode_weekdays(schedule.session_days)),
                "review_day": str(schedule.review_day), "review_time": format_hhmm(schedule.review_time)}
        words = [schedule_part_words(schedule, part) for part in ("sessions", "checkin", "review")]
    version, program = programs.current(ctx.session, pid)
    review = review_store.latest(session=ctx.session, participant_id=pid)
    # In the third person, as the clinician's PDF words them.
    reasons = [clinician_reasons(review.reasons)] if review is not None and review.reasons else []
    all_recent = checkin_store.checkins_between(session=ctx.session, participant_id=pid,
                                                first=today - timedelta(days=insights_domain.WINDOW_DAYS),
                                                last=today)
    trained = [log.local_date for log in session_store.logs_between(
        session=ctx.session, participant_id=pid, first=today - timedelta(days=insights_domain.WINDOW_DAYS),
        last=today) if log.status != "skipped"]
    found = insights_domain.insights([_scores(c) for c in all_recent], trained, last=today)
    foot_flag = None
    if participant.foot_care_since is not None:
        foot_flag = flag_store.newest_of_kind(session=ctx.session, participant_id=pid, kind=FlagKind.FOOT_WOUND)
    return ParticipantPage(
        participant=participant, state=state_of(ctx, participant),
        condition=dict(texts.CONDITIONS).get(participant.condition or "", "not given"), joined=joined, today=today,
        range_key=range_key if range_key in RANGES else DEFAULT_RANGE, first=first, schedule=form,
        schedule_words=words, paused=state_of(ctx, participant) == "paused",
        days=sorted(by_day.values(), key=lambda row: row.day, reverse=True),
        sessions=sorted(logs, key=lambda log: log.local_date, reverse=True),
        flags=flag_store.for_participant(session=ctx.session, participant_id=pid), foot_wound_flag=foot_flag,
        version=version, program=program,
        versions=list(reversed(program_store.history(session=ctx.session, participant_id=pid))),
        review=review, review_reasons=reasons,
        insights=insights_domain.for_clinician(found),
        audit=audit_store.recent(session=ctx.session, participant_id=pid, limit=20), zone_name=participant.timezone)


def decision_label(decision: str) -> str:
    return DECISION_LABELS.get(decision, decision)


def _scores(c) -> DayScores:  # noqa: ANN001 - a CheckIn row
    return DayScores(c.local_date, c.pain, c.numbness, c.tingling, c.balance)


def chart_for(ctx: UseCaseContext, participant: Participant, *, range_key: str) -> ChartData:
    """The participant's chart over the chosen range: scores, training days, flags and program changes."""
    zone = ctx.zone(participant)
    today = ctx.local_today(participant)
    joined = participant.created_at.astimezone(zone).date()
    first = range_first(range_key, today=today, joined=joined)
    pid = participant.id
    history = checkin_store.checkins_between(session=ctx.session, participant_id=pid,
                                             first=first - timedelta(days=28), last=today)
    scores = [_scores(c) for c in history]
    baseline = baseline_from(scores, week_first=first, joined=joined)
    trained = [log.local_date for log in session_store.logs_between(session=ctx.session, participant_id=pid,
                                                                     first=first, last=today)
               if log.status != "skipped"]
    flags = [ChartMark(f.raised_at.astimezone(zone).date(), "urgent flag" if f.urgent else "flag")
             for f in flag_store.for_participant(session=ctx.session, participant_id=pid)]
    changes = [ChartMark(v.created_at.astimezone(zone).date(), f"v{v.version}")
               for v in program_store.history(session=ctx.session, participant_id=pid) if v.version > 1]
    return range_chart(first, today, checkins=scores, session_days=trained, flags=flags, program_changes=changes,
                       baseline_pain=baseline.pain if baseline else None,
                       title=f"{participant.first_name or 'Participant'}: daily scores")


@dataclass(frozen=True)
class AuditPage:
    lines: list
    page: int
    more: bool


def audit_page(ctx: UseCaseContext, *, page: int) -> AuditPage:
    page = max(page, 1)
    lines = audit_store.log_page(session=ctx.session, offset=(page - 1) * AUDIT_PAGE_SIZE,
                                 limit=AUDIT_PAGE_SIZE + 1)
    return AuditPage(lines=lines[:AUDIT_PAGE_SIZE], page=page, more=len(lines) > AUDIT_PAGE_SIZE)
