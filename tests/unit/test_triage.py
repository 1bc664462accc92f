"""Who needs attention first (/users, the admins' digest, the dashboard): one ranking over a constructed
population, each participant with the reasons an admin reads."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain.triage import TriageFacts, rank

TODAY = date(2026, 11, 30)


def person(telegram_id: int, name: str, **facts) -> TriageFacts:
    values = dict(participant_id=telegram_id, telegram_id=telegram_id, name=name, state="active", today=TODAY,
                  joined=TODAY - timedelta(days=40), last_checkin=TODAY, open_flags=0, urgent_flags=0,
                  recent_pain=2.0, baseline_pain=2.0, planned_sessions=6, trained_sessions=6, last_review="hold")
    values.update(facts)
    return TriageFacts(**values)


POPULATION = [
    person(1, "Calm"),
    person(2, "Lapsed", trained_sessions=2),
    person(3, "Easier", last_review="deload"),
    person(4, "Rising", recent_pain=4.5),
    person(5, "Quiet", last_checkin=TODAY - timedelta(days=3)),
    person(6, "Quieter", last_checkin=TODAY - timedelta(days=6)),
    person(7, "Clinician", last_review="see_clinician"),
    person(8, "Flagged", open_flags=1),
    person(9, "Urgent", open_flags=2, urgent_flags=1),
    person(10, "Paused", state="paused", last_checkin=TODAY - timedelta(days=9), trained_sessions=0),
    person(11, "Blocked", state="blocked", last_checkin=TODAY - timedelta(days=9)),
    person(12, "New", joined=TODAY - timedelta(days=2), last_checkin=None, planned_sessions=1, trained_sessions=0),
    person(13, "Slightly up", recent_pain=3.5),
    person(14, "No baseline", recent_pain=8.0, baseline_pain=None),
]


def test_users_are_ordered_by_need_with_their_reasons():
    ranked = rank(reversed(POPULATION))
    assert [(need.facts.name, need.reasons) for need in ranked] == [
        ("Urgent", ("🚨 2 open flags (1 urgent)",)),
        ("Flagged", ("⚠️ 1 open flag",)),
        ("Clinician", ("🩺 review said see a clinician",)),
        ("Quieter", ("🔕 silent 6 days",)),
        ("Quiet", ("🔕 silent 3 days",)),
        ("New", ("🔕 no check-in yet (2 days)",)),
        ("Rising", ("📈 pain 4.5 vs usual 2",)),
        ("Easier", ("🌙 review said easier week",)),
        ("Lapsed", ("📉 2 of 6 sessions in 14 days",)),
        ("Blocked", ("⛔ blocked the bot",)),
        ("Calm", ()), ("Paused", ()), ("Slightly up", ()), ("No baseline", ()),
    ]


def test_several_reasons_rank_above_one_of_the_same_kind_and_are_all_shown():
    both = person(20, "Both", open_flags=1, last_checkin=TODAY - timedelta(days=4), recent_pain=6.0)
    ranked = rank([person(8, "Flagged", open_flags=1), both])
    assert ranked[0].facts.name == "Both"
    assert ranked[0].reasons == ("⚠️ 1 open flag", "🔕 silent 4 days", "📈 pain 6 vs usual 2")
