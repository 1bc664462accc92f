"""`coach review`: a participant's (or everyone's) weekly review on the command line; nothing is sent."""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from sqlalchemy.exc import DBAPIError

from coach.core.config import Settings
from coach.domain.schedule import zone_info
from coach.services.plumbing.context import UseCaseContext
from coach.services.review import weekly as review
from coach.store.participants import get_by_telegram_id


def run_review(settings: Settings, args: argparse.Namespace) -> int:
    from coach.core.clock import SystemClock
    from coach.services.plumbing.runner import UseCaseRunner
    from coach.store.db import make_engine

    week = None
    if args.week:
        try:
            week = review.iso_week(args.week)
        except ValueError as exc:
            print(f"coach: {exc}", file=sys.stderr)
            return 2
    if args.all:
        return _everyone(settings, week, as_json=args.json)
    runner = UseCaseRunner(make_engine(settings.database_url), SystemClock(),
                           default_timezone=settings.coach_default_timezone, admin_ids=settings.coach_admin_ids)
    try:
        return _one(runner, args, week)
    finally:
        runner.close()


def _one(runner, args: argparse.Namespace, week: tuple[date, date] | None) -> int:  # noqa: ANN001
    def use_case(ctx: UseCaseContext) -> review.PreparedReview | str:
        participant = get_by_telegram_id(session=ctx.session, telegram_id=args.user)
        if participant is None:
            return f"no participant has the Telegram id {args.user}."
        last = week[1] if week else review.week_before(ctx.local_today(participant))[1]
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
        from coach.services.reports.chart import render_png

        with open(args.chart, "wb") as file:
            file.write(render_png(prepared.chart))
    return 0


def _everyone(settings: Settings, week: tuple[date, date] | None, *, as_json: bool) -> int:
    """Everyone's review, one line each in the order they joined, reviewed on every core; 1 with one sentence
    when the database cannot be read or a worker dies."""
    from coach.core.clock import SystemClock
    from coach.services.review.bulk import as_json_line, as_line, review_lines

    today = SystemClock().now().astimezone(zone_info(settings.coach_default_timezone)).date()
    last = week[1] if week else review.week_before(today)[1]
    try:
        for line in review_lines(settings.database_url, last=last, render=as_json_line if as_json else as_line):
            print(line)
    except DBAPIError as exc:
        # Only the error's class: a statement's text could carry someone's data.
        print(f"coach: the database could not be read ({type(exc.orig).__name__}); nothing more was reviewed.",
              file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`| head`): nothing went wrong. Point stdout at nothing, so the
        # interpreter's last flush on the closed pipe stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except BrokenProcessPool:
        print("coach: a review worker process stopped unexpectedly (out of memory?); nothing more was reviewed.",
              file=sys.stderr)
        return 1
    return 0
