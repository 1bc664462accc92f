"""`coach review`: a participant's (or everyone's) weekly review on the command line; nothing is sent."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from coach.config import Settings
from coach.domain.schedule import zone_info
from coach.services import review
from coach.services.context import UseCaseContext
from coach.store.participants import get_by_telegram_id


def run_review(settings: Settings, args: argparse.Namespace) -> int:
    from coach.clock import SystemClock
    from coach.services.runner import UseCaseRunner
    from coach.store.db import make_engine

    week = None
    if args.week:
        try:
            week = review.iso_week(args.week)
        except ValueError as exc:
            print(f"coach: {exc}", file=sys.stderr)
            return 2
    runner = UseCaseRunner(make_engine(settings.database_url), SystemClock(),
                           default_timezone=settings.coach_default_timezone, admin_ids=settings.coach_admin_ids)
    try:
        if args.all:
            return runner.run(lambda ctx: _everyone(ctx, week, as_json=args.json))
        return _one(runner, args, week)
    finally:
        runner.close()


def _one(runner, args: argparse.Namespace, week: tuple[date, date] | None) -> int:  # noqa: ANN001
    def use_case(ctx: UseCaseContext) -> review.PreparedReview | str:
        participant = get_by_telegram_id(session=ctx.session, telegram_id=args.user)
        if participant is None:
            return f"no participant has the Telegram id {args.user}."
        last = week[1] if week else ctx.local_today(participant)
        prepared = review.prepare_one(ctx.connection, participant.id, last=last, can_apply=False)
        return prepared or f"participant {args.user} has not finished setting up, so there is nothing to review."

    prepared = runner.run(use_case)
    if isinstance(prepared, str):
        print(f"coach: {prepared}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(prepared.as_json(), ensure_ascii=False))
    else:
        print(prepared.message)
    if args.chart:
        from coach.services.chart import render_png

        with open(args.chart, "wb") as file:
            file.write(render_png(prepared.chart))
    return 0


def _everyone(ctx: UseCaseContext, week: tuple[date, date] | None, *, as_json: bool) -> int:
    last = week[1] if week else ctx.now.astimezone(zone_info(ctx.default_timezone)).date()
    for prepared in review.prepare_everyone(ctx.connection, last=last):
        if as_json:
            print(json.dumps(prepared.as_json(), ensure_ascii=False))
        else:
            print(f"{prepared.telegram_id}\t{prepared.decision}\t{','.join(prepared.result.decision.rules)}")
    return 0
