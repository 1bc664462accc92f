"""The `coach` command: migrate, run, demo, web, review, export."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from coach.core.config import ConfigError, Settings, load_settings


def database_url(value: str) -> str:
    """--database takes a URL, or a SQLite file's path as the demo prints it (coach-demo.db)."""
    if "://" in value:
        return value
    return "sqlite:///" + value

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coach", description="A gentle strength-training coach on Telegram.")
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    run = commands.add_parser("run", help="run the bot (long polling, or --webhook)")
    run.add_argument("--webhook", action="store_true",
                     help="serve Telegram's updates on COACH_WEBHOOK_HOST:PORT/PATH (needs COACH_WEBHOOK_SECRET); "
                          "any number of workers can share one PostgreSQL database")
    demo = commands.add_parser("demo", help="a participant onboards and checks in, against the local emulator")
    demo.add_argument("--database", default="sqlite:///coach-demo.db", type=database_url,
                      help="database for the demo (default: a fresh coach-demo.db here)")
    demo.add_argument("--web", action="store_true",
                      help="after the week, keep the dashboard open on the demo's data and print a sign-in link")
    web = commands.add_parser("web", help="serve the care team's web dashboard (COACH_WEB_HOST:PORT) over the database")
    review = commands.add_parser("review", help="a participant's weekly review, printed (nothing is sent)")
    who = review.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", type=int, metavar="TELEGRAM_ID", help="the participant's Telegram id")
    who.add_argument("--all", action="store_true", help="every participant (one line each; with --json, one "
                                                         "object per line)")
    review.add_argument("--week", metavar="2026-W47",
                        help="an ISO week (default: the 7 days to last midnight, as the weekly review counts them)")
    review.add_argument("--json", action="store_true", help="one JSON object: decision, reasons, message, week")
    review.add_argument("--chart", metavar="FILE.png", help="also write the four-week chart here (with --user)")
    export = commands.add_parser("export", help="write a participant's data: a CSV of everything and a PDF summary")
    export.add_argument("--user", type=int, required=True, metavar="TELEGRAM_ID", help="the participant's Telegram id")
    export.add_argument("--out", default=".", metavar="DIR", help="where to write the files (default: here)")
    export.add_argument("--fhir", action="store_true", help="also write the FHIR R4 bundle (JSON) for clinic systems")
    for command in (migrate, run, web, review, export):
        command.add_argument("--database", metavar="URL", type=database_url,
                             help="sqlite:///path.db, postgresql://… or a SQLite file's path (default: DATABASE_URL, "
                                  "else sqlite:///coach.db)")
    args = parser.parse_args(argv)
    try:
        overrides = {"database_url": args.database} if getattr(args, "database", None) else {}
        if args.command == "migrate":
            return _migrate(load_settings(**overrides))
        if args.command == "run":
            return _run(load_settings(**overrides), webhook=args.webhook)
        if args.command == "demo":
            from coach.devtools.demo import run_demo

            return asyncio.run(run_demo(database_url=args.database, web=args.web))
        if args.command == "web":
            from coach.web.serve import run_web

            return run_web(load_settings(**overrides))
        if args.command == "review":
            from coach.cli.review import run_review

            settings = _ready(load_settings(**overrides))
            return run_review(settings, args)
        if args.command == "export":
            from coach.cli.export import run_export

            settings = _ready(load_settings(**overrides))
            return run_export(settings, args)
    except NotReady as exc:
        print(f"coach: {exc}", file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(f"coach: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 1


def _ready(settings: Settings) -> Settings:
    """The settings, once their database exists and is migrated; otherwise one sentence (nothing is created)."""
    from coach.store.migrate import not_ready

    problem = not_ready(settings.database_url)
    if problem is not None:
        raise NotReady(problem)
    return settings


class NotReady(ConfigError):
    """The database is missing, unreachable or not migrated (exit status 1, as any failure to do the work)."""


def _migrate(settings: Settings) -> int:
    from coach.store.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except Exception as exc:  # noqa: BLE001 - the operator needs one sentence, not a traceback
        print(f"coach: could not migrate the database: {type(exc).__name__}: {_first_line(exc)}", file=sys.stderr)
        return 1
    print("coach: database is up to date.")
    return 0


def _run(settings: Settings, *, webhook: bool = False) -> int:
    token = settings.require_token()  # before any heavy import: a bad token is one quick sentence
    webhook_secret = settings.require_webhook_secret() if webhook else None

    from telegram import Update

    from coach.bot.app import build_application
    from coach.cli.startup import wait_for_database, wait_for_telegram
    from coach.core.clock import SystemClock
    from coach.core.logs import configure_logging
    from coach.store.db import make_engine
    from coach.store.migrate import upgrade

    configure_logging(settings.log_level, token=token, webhook_secret=webhook_secret)
    if settings.database_url.startswith("sqlite"):
        # The embedded default sets itself up on first start; PostgreSQL is migrated as a deploy step.
        upgrade(settings.database_url)
    # Whatever is merely away is waited for, one line per try; a setting that cannot work is one sentence.
    wait_for_database(settings)
    wait_for_telegram(settings, token)
    if not settings.coach_admin_ids:
        logging.getLogger("coach").warning(
            "COACH_ADMIN_IDS is empty: red-flag alerts will reach nobody. Set it to your Telegram user id.")
    engine = make_engine(settings.database_url)
    if webhook:
        from coach.webhook.serve import serve_until_stopped

        asyncio.run(serve_until_stopped(settings, engine=engine, clock=SystemClock()))
        return 0
    application = build_application(settings, engine=engine, clock=SystemClock(), token=token)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


if __name__ == "__main__":
    sys.exit(main())
