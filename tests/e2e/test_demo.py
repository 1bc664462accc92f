"""`coach demo`: a whole simulated week, through the real bot and the emulator, printed as a chat."""

from __future__ import annotations

from coach.devtools.demo import run_demo
from coach.domain.review_message import MESSAGE_LIMIT


async def test_the_demo_week_shows_every_reminder_and_answer(tmp_path, capsys):
    """Onboarding, each kind of reminder at its local time, a snooze, a skip, the follow-up, the weekly
    message with the clinician prompt, a red flag reaching the admin — and no rejected Bot API call."""
    assert await run_demo(database_url=f"sqlite:///{tmp_path / 'demo.db'}") == 0
    out = capsys.readouterr().out
    expected_in_order = [
        "👤 Ann: /start",
        "🕰  Sun 22 Nov, 20:00 (Berlin)", "Time for your daily check-in, Ann",
        "🕰  Mon 23 Nov, 18:00 (Berlin)", "Training day, Ann", "👆 Ann taps [✅ Done]",
        "Saved: session Mon 23 Nov: done · effort 5 · pain during 2 · reps as planned",
        "👤 Ann: /schedule checkin 20:30", "🕰  Tue 24 Nov, 20:30 (Berlin)",
        "👤 Ann: my pain is about a 3 today", "Got it for Tue 24 Nov: pain 3",
        "Saved for Tue 24 Nov: pain 3 · numbness 2 · tingling 2 · balance 1",
        "👤 Ann: is 10 the worst for balance too?", "higher means worse",
        "👆 Ann taps [⏰ Snooze 30 min]", "I'll remind you again at 18:30",
        "🕰  Wed 25 Nov, 18:30 (Berlin)", "⏰ Here's your snoozed reminder.",
        "👤 Ann: feet burning more at night, barely slept",
        "📝 Added to your diary for Thu 26 Nov: “feet burning more at night, barely slept”",
        "🕰  Thu 26 Nov, 22:00 (Berlin)", "Just a gentle nudge, Ann",
        "👆 Ann taps [Skip today]", "Skipped for today",
        "👤 Ann: I have a new blister on my heel", "seated and lying exercises only",
        "Because of your foot, your training days now use seated and lying exercises only",
        "🕰  Sun 29 Nov, 19:00 (Berlin)", "[photo] Your last four weeks (1 Nov – 28 Nov)",
        "Your weekly review, Ann 📋 Sun 22 – Sat 28 Nov", "Check-ins 7 of 7 days · sessions 2 of 3 done (1 partly)",
        "🩺 Suggestion: no step up", "A foot wound or blister: see your foot team, GP or podiatrist today.",
        "Seated and lying exercises only — no weight through your feet", "talk this through with your clinician",
        "stop and seek care",
        "— What the admin received", "⚠️ Red flag — clinician today", "Ann · /user_10001",
        "Who needs attention — 1 of 1 participant", "/user_10001 · Ann · active · ⚠️ 1 open flag; 🩺 review said "
        "see a clinician", "Bot API calls the method table rejected: 0",
        f"Her weekly chart: {tmp_path / 'demo-chart.png'}",
        f"The summary for her clinician: {tmp_path / 'demo-clinician.pdf'}",
        "coach export --database demo.db --user 10001",
    ]
    position = 0
    for text in expected_in_order:
        found = out.find(text, position)
        assert found >= 0, f"{text!r} missing (or out of order) in the demo transcript"
        position = found
    assert out.count("Time for your daily check-in") == 8  # Sun 22 to Sun 29
    assert out.count("Just a gentle nudge") == 1
    assert "Sun 22 Nov, 19:00" not in out, "no weekly review on the day Ann joined"
    review = out[out.index("Your weekly review, Ann"):out.index("🕰  Sun 29 Nov, 20:30")].strip()
    assert len(review) <= MESSAGE_LIMIT and review.count("talk this through with your clinician") == 1
    assert not any(word in review for word in ("bladder", "saddle", "chest", "fainting"))
    assert (tmp_path / "demo-chart.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "demo-clinician.pdf").read_bytes().startswith(b"%PDF")
