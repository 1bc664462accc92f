"""The one module that calls Telegram's sending methods: outbox rows (replies, alerts, notices, digests, due
reminders' words) and the few words said when the database itself is away.

It owns how sending can end: sent; uncertain with its reason when Telegram may have delivered it (a timeout:
Telegram has no idempotency key, so it is never sent again); failed with its reason; or, on a 429, not sent
and paused — for every worker, through the database. The bot's one send rate is booked in the database too
(coach/store/outbox.py's send gate), so N workers together stay at COACH_SEND_RATE.
"""

from __future__ import annotations

import asyncio
import json
import logging
import pickle
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from coach.bot.keyboards import Markup
from coach.core.clock import wall_seconds
from coach.core.metrics import Metrics
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.outbox import Recorded
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.reports.chart import ChartData, render_png
from coach.store import outbox as store
from coach.store.outbox import BLOCKED, Finished, OutboxRow

# Called in the transaction that records how rows carrying a reminder's words ended: (reminder id, outcome) pairs.
# The reminders' rules are not this module's: coach/bot/app.py passes coach.services.reminders.due.words_ended.
RemindersEnded = Callable[[UseCaseContext, list[tuple[int, Finished]]], None]

log = logging.getLogger(__name__)
# A chat whose earlier message another worker is still sending: look again this often, for at most this long,
# then leave the rest to the sweep (which sends every chat's rows in order).
AHEAD_POLL_SECONDS = 0.05
AHEAD_PATIENCE_SECONDS = 3.0
# At most this many rows are marked "begun" at a time: a worker that dies leaves only these uncertain.
ATTEMPT_CHUNK = 10
SWEEP_BATCH = 200
# How long the outcomes of sends wait to be written together.
FLUSH_SECONDS = 0.02
FLUSH_RETRY_SECONDS = 1.0
KEEP_FINISHED = timedelta(days=2)
# Slots are booked this much further apart than the rate says: a send that leaves a few milliseconds late (a busy
# event loop, the network) must not put one more than the rate into a second as Telegram counts it. At 25/s, 4 %
# leaves 40 ms for the first send of a second to have left later than the twenty-sixth (3 %, 30 ms, was exceeded
# once in a few runs by a worker still loading its language pipeline); the cost is 4 % of the rate.
JITTER_MARGIN = 1.04
# A paced send that would leave more than this after its slot books a new one instead.
LATE_TOLERANCE_SECONDS = 0.01


def retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass
class SweepReport:
    sent: int = 0
    uncertain: int = 0
    failed: int = 0
    released: int = 0
    recovered: int = 0
    outcomes: dict[int, str] = field(default_factory=dict)


def _markup(body: dict) -> Markup:
    if body.get("buttons"):
        return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                     for row in body["buttons"]])
    if body.get("location_button"):
        return ReplyKeyboardMarkup([[KeyboardButton(body["location_button"], request_location=True)]],
                                   one_time_keyboard=True, resize_keyboard=True)
    if body.get("remove_keyboard"):
        return ReplyKeyboardRemove()
    return None


class Outbound:
    def __init__(self, runner: UseCaseRunner, bot: Bot, *, worker: str, send_rate: float, lease: timedelta,
                 on_finished: RemindersEnded | None = None, metrics: Metrics | None = None):
        self.runner = runner
        self.bot = bot
        self.worker = worker
        self.interval = JITTER_MARGIN / send_rate
        self.lease = lease
        # The pause last read from the database (a 429 to any worker): a cache, refreshed at every booking.
        self.paused_until = 0.0
        self._next_prune = 0.0
        self._results: list[Finished] = []
        # One write of outcomes at a time: a flush that finds another under way waits for it, so that when any
        # flush returns, every outcome queued before it is written.
        self._flushing = asyncio.Lock()
        self._farewells: list[int] = []
        # Rows in hand that carry a reminder's words: row id -> reminder id (their outcome ends the reminder).
        self._reminder_of: dict[int, int] = {}
        self.on_finished = on_finished
        self.metrics = metrics
        self._flusher: asyncio.Task | None = None

    async def _run(self, use_case):  # noqa: ANN001, ANN202 - as UseCaseRunner.run_async
        """The outbox's own transactions: never the one that marks a webhook update handled."""
        return await self.runner.run_async(use_case, marks_update=False)

    # --- the shared gate ------------------------------------------------------------------------------------

    def paused(self) -> bool:
        return wall_seconds() < self.paused_until

    async def refresh_pause(self) -> bool:
        """Read the bot-wide pause; True while it holds."""
        self.paused_until = await self._run(lambda ctx: store.paused_until(connection=ctx.connection))
        return self.paused()

    async def pause_all(self, seconds: float) -> None:
        """Telegram asked to wait: every worker waits, from its next booking on."""
        until = wall_seconds() + seconds
        self.paused_until = max(self.paused_until, until)
        log.warning("Telegram asked to pause sending for %ss; every worker pauses", seconds)
        try:
            await self._run(lambda ctx: store.pause(connection=ctx.connection, until=until))
        except Exception as exc:  # noqa: BLE001 - this worker pauses all the same; the others get their own 429
            log.warning("could not share the pause (%s)", type(exc).__name__)

    async def book(self, count: int = 1) -> float | None:
        """Book `count` slots at the bot's one rate; the instant the first may go, or None while paused."""
        start, paused = await self._run(lambda ctx: store.reserve(
            connection=ctx.connection, wall=wall_seconds(), interval=self.interval, count=count))
        self.paused_until = paused
        return None if self.paused() else start

    @staticmethod
    async def sleep_until(wall: float) -> None:
        delay = wall - wall_seconds()
        if delay > 0:
            await asyncio.sleep(delay)

    async def take_slot(self, start: float, count: int = 1) -> float | None:
        """Wait for a booked slot. A worker that wakes up late (a busy event loop) does not send late into the
        slots booked after its own, which would put more than the rate into one second: it books again. Returns
        the slot it may send in now (None: paused meanwhile)."""
        while True:
            await self.sleep_until(start)
            if wall_seconds() - start <= LATE_TOLERANCE_SECONDS:
                return start
            booked = await self.book(count)
            if booked is None:
                return None
            start = booked

    # --- after a use case committed --------------------------------------------------------------------------

    async def answer_press(self, query: CallbackQuery | None, toast: str | None) -> None:
        """Always answer a press, even a stale one, so the button stops spinning (not stored: it is only good
        for a few seconds)."""
        if query is None:
            return
        try:
            await query.answer(toast)
        except Exception as exc:  # noqa: BLE001 - a press too old to answer still gets its messages
            log.info("could not answer a button press: %s", type(exc).__name__)

    async def after_commit(self, query: CallbackQuery | None, recorded: Recorded) -> None:
        """Answer the press and send what the use case stored. Never raises: what it reports is stored, and
        whatever goes wrong now is recorded on the rows, never answered with "nothing was saved"."""
        await self.answer_press(query, recorded.toast)
        if recorded.rows:
            try:
                if recorded.begun:
                    results = await self._send_begun(recorded.rows, None)
                    self._finished(results, recorded.rows)
                    left = [row for row, result in zip(recorded.rows, results, strict=True)
                            if result.status == "queued"]  # a 429 came: these wait for the pause
                    if left:
                        await self.flush()
                        await self.send_rows(left, paced=False)
                    return
                await self.send_rows(recorded.rows, paced=False)
            except Exception:  # noqa: BLE001 - the rows stay claimed; the lease hands them to a sweep
                log.exception("could not send %d stored messages now; the sweep will", len(recorded.rows))

    async def send_rows(self, rows: Sequence[OutboxRow], *, paced: bool, wait_out_pause: bool = True
                        ) -> dict[int, str]:
        """Send rows this worker claimed, each chat's in order; returns row id -> how it ended (rows left to the
        sweep are missing). Replies (`paced` False) go at once; bulk sends take the bot's rate. Without
        `wait_out_pause`, a 429's pause leaves the rows still unsent to the sweep rather than waiting here."""
        pending = list(rows)
        outcomes: dict[int, str] = {}
        patience = time.monotonic() + AHEAD_PATIENCE_SECONDS
        while pending:
            chunk = pending[:ATTEMPT_CHUNK]
            begun, start = await self._run(lambda ctx, chunk=chunk: self._begin(ctx, chunk, paced))
            if start is None and not wait_out_pause:
                await self._leave_to_sweep(pending)
                return outcomes
            if start is None:  # paused: wait it out, holding the claims (another worker takes them after the lease)
                await self.sleep_until(min(self.paused_until, wall_seconds() + 1.0))
                continue
            if begun:
                results = await self._send_begun(begun, start if paced else None)
                self._finished(results, begun)
                outcomes.update((result.id, result.status) for result in results if result.status != "queued")
                done = {result.id for result in results if result.status != "queued"}
                pending = [row for row in pending if row.id not in done]
                patience = time.monotonic() + AHEAD_PATIENCE_SECONDS
                continue
            # Nothing could begin: an earlier message to the same chat is still another worker's to send (or the
            # rows were taken over after a lease). Look again shortly; in the end the sweep sends them in order.
            if time.monotonic() > patience:
                await self._leave_to_sweep(pending)
                return outcomes
            await asyncio.sleep(AHEAD_POLL_SECONDS)
        return outcomes

    def _begin(self, ctx: UseCaseContext, rows: list[OutboxRow], paced: bool
               ) -> tuple[list[OutboxRow], float | None]:
        """In one transaction: the pause, (for bulk sends) the rate, and the mark that the sends have begun
        (where each chat's order allows). Returns (rows to send now, when the first may go; None while paused)."""
        wall = wall_seconds()
        self.paused_until = store.paused_until(connection=ctx.connection)
        if self.paused_until > wall:
            return [], None
        mine = store.attempt(connection=ctx.connection, ids=[row.id for row in rows], worker=self.worker,
                             now=ctx.now)
        begun = [row for row in rows if row.id in mine]
        start = wall
        if begun and paced:
            start, _ = store.reserve(connection=ctx.connection, wall=wall, interval=self.interval, count=len(begun))
        return begun, start

    # --- how sends ended: written in batches ------------------------------------------------------------------

    def _finished(self, results: list[Finished], rows: Sequence[OutboxRow]) -> None:
        """Queue the outcomes of these rows' sends for one write shortly: under load, many replies' outcomes share
        a transaction. (A worker dying before the write leaves those rows "uncertain": honest, as they may have
        been sent.)"""
        self._results.extend(results)
        self._farewells.extend(row.id for row in rows if row.kind == "farewell")
        self._reminder_of.update((row.id, row.reminder_id) for row in rows if row.reminder_id is not None)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await self._flush_later(FLUSH_SECONDS)

    async def _flush_later(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.flush()

    async def flush(self) -> None:
        """Write every queued outcome now (and forget the goodbyes of erasures, once sent)."""
        async with self._flushing:
            while self._results:
                results, self._results = self._results, []
                farewells, self._farewells = self._farewells, []
                ended = {result.id for result in results if result.status != "queued"}
                dropped = [row_id for row_id in farewells if row_id in ended]
                self._farewells.extend(row_id for row_id in farewells if row_id not in ended)

                reminders = [(self._reminder_of[result.id], result) for result in results
                             if result.status != "queued" and result.id in self._reminder_of]

                def write(ctx: UseCaseContext, results: list[Finished] = results, dropped: list[int] = dropped,
                          reminders: list[tuple[int, Finished]] = reminders) -> None:
                    store.finish(connection=ctx.connection, results=results, worker=self.worker, now=ctx.now)
                    store.drop(connection=ctx.connection, ids=dropped)
                    self._reminders_ended(ctx, reminders)

                try:
                    await self._run(write)
                except Exception as exc:  # noqa: BLE001 - kept, and written once the database answers again
                    log.warning("outbox: could not record yet how %d sends ended (%s)", len(results),
                                type(exc).__name__)
                    self._results[:0] = results
                    self._farewells.extend(dropped)
                    self._flusher = asyncio.get_running_loop().create_task(self._flush_later(FLUSH_RETRY_SECONDS))
                    return
                # Written: a row sent again later (after a 429) is linked again when it is begun again.
                for result in results:
                    self._reminder_of.pop(result.id, None)

    def _reminders_ended(self, ctx: UseCaseContext, reminders: list[tuple[int, Finished]]) -> None:
        """In the transaction that records the rows' outcome: the reminders they carry end with them."""
        if not reminders:
            return
        if self.on_finished is None:
            # Built without the reminders' rules (a dashboard's sender): they stay handed, which is noticed.
            log.error("outbox: %d reminders' words ended, but this sender cannot end reminders", len(reminders))
            return
        self.on_finished(ctx, reminders)

    async def _send_begun(self, rows: list[OutboxRow], paced_from: float | None) -> list[Finished]:
        results: list[Finished] = []
        for index, row in enumerate(rows):
            if paced_from is not None:
                slot = await self.take_slot(paced_from + index * self.interval, len(rows) - index)
                if slot is None:  # another worker's 429 meanwhile: the rest wait for the pause
                    results.extend(Finished(rest.id, "queued") for rest in rows[index:])
                    return results
                paced_from = slot - index * self.interval
            try:
                results.append(await self._send_row(row))
            except RetryAfter as exc:
                # Not delivered: this row and the rest of the chunk go back to "not begun", and everyone pauses.
                await self.pause_all(retry_seconds(exc))
                results.extend(Finished(rest.id, "queued") for rest in rows[index:])
                return results
        return results

    async def _send_row(self, row: OutboxRow) -> Finished:
        """One row, ended honestly. RetryAfter is left to the caller (it pauses everyone)."""
        try:
            body = json.loads(row.body)
            kind = body.get("send", "text")
            if kind == "chart":
                chart: ChartData = pickle.loads(row.media)  # noqa: S301 - our own rows, written by services/outbox.py
                png = await asyncio.to_thread(render_png, chart)
        except Exception as exc:  # noqa: BLE001 - nothing was sent: a bug in one row must not stop the others
            log.exception("outbox row %s could not be prepared", row.id)
            return Finished(row.id, "failed", f"error: {type(exc).__name__}"[:64])
        started = time.monotonic()
        try:
            if kind == "chart":
                message = await self.bot.send_photo(chat_id=row.chat_id, photo=png, caption=chart.caption)
            elif kind == "document":
                message = await self.bot.send_document(
                    chat_id=row.chat_id, document=InputFile(row.media, filename=body["filename"]),
                    caption=body.get("caption"))
            else:
                message = await self._send_text(row.chat_id, body)
        except RetryAfter:
            raise
        except Forbidden:
            return Finished(row.id, "failed", BLOCKED)
        except TimedOut:
            return Finished(row.id, "uncertain", "timed out")
        except BadRequest as exc:
            return Finished(row.id, "failed", f"bad request: {exc.message[:40]}")
        except NetworkError as exc:
            return Finished(row.id, "uncertain", f"network error: {type(exc).__name__}"[:64])
        except TelegramError as exc:
            return Finished(row.id, "failed", type(exc).__name__[:64])
        except Exception as exc:  # noqa: BLE001 - the call was made: it may have reached Telegram
            log.exception("outbox row %s: sending raised", row.id)
            return Finished(row.id, "uncertain", f"error: {type(exc).__name__}"[:64])
        finally:
            if self.metrics is not None and row.reminder_id is not None:
                self.metrics.send_seconds.observe(time.monotonic() - started)
        return Finished(row.id, "sent", message_id=message.message_id if isinstance(message, Message) else None)

    async def _send_text(self, chat_id: int, body: dict) -> Message | bool:
        markup = _markup(body)
        if body.get("edit") is not None:
            # Replace the pressed message's text; one that cannot be edited (a photo's, or too old) is sent anew.
            try:
                return await self.bot.edit_message_text(
                    body["text"], chat_id=chat_id, message_id=body["edit"],
                    reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None)
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return True
                log.info("could not edit a message: %s", type(exc).__name__)
        return await self.bot.send_message(chat_id=chat_id, text=body["text"], reply_markup=markup)

    async def _leave_to_sweep(self, rows: list[OutboxRow]) -> None:
        """Unclaim rows not sent now. A row a 429 turned back is "sending" until its outcome is written: first that."""
        await self.flush()
        await self._release([row.id for row in rows])

    async def _release(self, ids: list[int]) -> None:
        await self._run(lambda ctx: store.release(connection=ctx.connection, ids=ids,
                                                              worker=self.worker))

    # --- the sweep ------------------------------------------------------------------------------------------

    async def sweep(self, *, stopping: bool = False) -> SweepReport:
        """At every tick: what a dead worker claimed goes back after the lease (what it had begun becomes
        uncertain), then unclaimed rows are sent, oldest first, at the bot's rate."""
        report = SweepReport()

        def housekeeping(ctx: UseCaseContext) -> tuple[int, int]:
            if time.monotonic() >= self._next_prune:
                self._next_prune = time.monotonic() + 3600
                store.prune(connection=ctx.connection, finished_before=ctx.now - KEEP_FINISHED)
            recovered = store.recover_stale(connection=ctx.connection, claimed_before=ctx.now - self.lease)
            # A reminder whose words a dead worker had begun sending ends uncertain with them, in this transaction.
            self._reminders_ended(ctx, recovered.reminders)
            return recovered.released, recovered.uncertain

        released, uncertain = await self._run(housekeeping)
        if released or uncertain:
            log.warning("outbox: a worker stopped holding messages: %d back in the queue, %d uncertain",
                        released, uncertain)
        report.recovered, report.uncertain = released, uncertain
        while not stopping:
            if self.paused() and await self.refresh_pause():
                break
            rows = await self._run(lambda ctx: store.claim(
                connection=ctx.connection, worker=self.worker, now=ctx.now, limit=SWEEP_BATCH))
            if not rows:
                break
            outcomes = await self.send_rows(rows, paced=True)
            await self.flush()
            for status in outcomes.values():
                setattr(report, status, getattr(report, status) + 1)
            report.outcomes.update(outcomes)
            if len(outcomes) < len(rows):
                left = [row.id for row in rows if row.id not in outcomes]
                await self._release(left)
                report.released += len(left)
                break
        return report

    async def release_claims(self) -> None:
        """On a clean stop: how the last sends ended is written, and rows claimed but not begun go back at once,
        not after the lease."""
        await self.flush()
        await self._run(lambda ctx: store.release_all(connection=ctx.connection, worker=self.worker))

    # --- sends that are not outbox rows ---------------------------------------------------------------------

    async def send_unrecorded(self, chat_id: int, text: str) -> bool:
        """Words that cannot be stored first, because the database is what failed (the apology, a red flag's
        answer without the database) or because they are about this very moment (the flood notice)."""
        try:
            await self.bot.send_message(chat_id, text)
        except Exception as exc:  # noqa: BLE001 - best effort by nature
            log.warning("could not send an unrecorded message: %s", type(exc).__name__)
            return False
        return True
