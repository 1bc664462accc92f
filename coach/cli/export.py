"""`coach export`: write a participant's CSV and clinician PDF (and with --fhir the FHIR R4 bundle), the same
files /export sends them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.core.config import Settings
from coach.services.plumbing.context import UseCaseContext
from coach.services.reports.export import ExportFiles, build_export
from coach.store.participants import get_by_telegram_id


def run_export(settings: Settings, args: argparse.Namespace) -> int:
    from coach.core.clock import SystemClock
    from coach.services.plumbing.runner import UseCaseRunner
    from coach.store.db import make_engine

    def use_case(ctx: UseCaseContext) -> ExportFiles | None:
        participant = get_by_telegram_id(session=ctx.session, telegram_id=args.user)
        return None if participant is None else build_export(ctx, participant)

    runner = UseCaseRunner(make_engine(settings.database_url), SystemClock(),
                           default_timezone=settings.coach_default_timezone, admin_ids=settings.coach_admin_ids)
    try:
        files = runner.run(use_case)
    finally:
        runner.close()
    if files is None:
        print(f"coach: no participant has the Telegram id {args.user}.", file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for document in files.documents if getattr(args, "fhir", False) else (files.csv, files.pdf):
            # Named with the id, so two participants exported to one folder never overwrite each other; and
            # readable by the owner only, as health data should be.
            path = out / f"{args.user}-{document.filename}"
            path.touch(mode=0o600, exist_ok=True)
            path.chmod(0o600)
            path.write_bytes(document.content)
            print(path)
    except OSError as exc:
        print(f"coach: could not write the export to {out}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    return 0
