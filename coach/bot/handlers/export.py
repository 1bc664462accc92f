"""/export: the participant's data, as a CSV and a PDF summary for their clinician."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import run_for_participant
from coach.services.reports import export as export_service


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export: two documents, then a few words on what they hold."""
    # Allowed mid-onboarding too: seeing one's own data never waits on finishing the set-up.
    await run_for_participant(update, context, export_service.export, during_onboarding=True)
