"""What `coach demo` leaves beside its database: the participant's last weekly chart (PNG) and the PDF for her
clinician, and the commands to look further."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from coach.services.reports.chart import render_png
from coach.services.reports.export import render_export
from coach.services.review.weekly import prepare_one
from coach.store.export import rows_about
from coach.store.models import Participant


def save_demo_files(engine: Engine, *, database_url: str, telegram_id: int, today: date) -> list[str]:
    """Write `<database>-chart.png` and `<database>-clinician.pdf` next to a SQLite database (for the
    participant's local `today`), and return the lines that say where they are and what to try next."""
    if not database_url.startswith("sqlite:///"):
        return []
    database = Path(database_url.removeprefix("sqlite:///"))
    with engine.connect() as connection:
        pid = connection.execute(select(Participant.id).where(Participant.telegram_id == telegram_id)).scalar_one()
        prepared = prepare_one(connection, pid, last=today - timedelta(days=1), can_apply=False)
        files = render_export(rows_about(connection=connection, participant_id=pid), today=today)
    database = database.resolve()
    chart = database.with_name(f"{database.stem}-chart.png")
    pdf = database.with_name(f"{database.stem}-clinician.pdf")
    chart.write_bytes(render_png(prepared.chart))
    pdf.write_bytes(files.pdf.content)
    return [f"Her weekly chart: {chart}", f"The summary for her clinician: {pdf}",
            "Try next:",
            f"  coach review --database {database.name} --user {telegram_id} "
            f"--week {_iso_week(today - timedelta(days=1))}",
            f"  coach export --database {database.name} --user {telegram_id} --fhir"]


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
