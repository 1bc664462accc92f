"""The figures a worker exposes on /metrics (Prometheus text), each worker its own registry."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest

# Telegram answers a send in tens of milliseconds when well, seconds when not.
SEND_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series only double what a scrape needs
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates_received = Counter(
            "coach_updates_received", "Updates posted to this worker's webhook, by result "
            "(new, duplicate: Telegram delivered it again, rejected: bad secret or body, unavailable: not stored)",
            ["result"], registry=r)
        self.updates_handled = Counter(
            "coach_updates_handled", "Inbox updates this worker finished, by outcome "
            "(done, retry: tried again later, failed: given up, lost: another worker took it over)",
            ["outcome"], registry=r)
        self.send_seconds = Histogram(
            "coach_reminder_send_seconds", "How long Telegram took to answer a reminder's send",
            buckets=SEND_BUCKETS, registry=r)
        self.reminders = Gauge("coach_reminders", "Reminders due in the last 24 hours, by status", ["status"],
                               registry=r)
        self.dispatcher_lag = Gauge("coach_dispatcher_lag_seconds",
                                    "How long the oldest due reminder has waited to be sent", registry=r)
        self.inbox_waiting = Gauge("coach_inbox_waiting", "Updates stored but not yet handled", registry=r)
        self.inbox_lag = Gauge("coach_inbox_lag_seconds", "How long the oldest unhandled update has waited",
                               registry=r)
        self.workers = Gauge("coach_workers_alive", "Workers seen in the last three ticks", registry=r)
        self.database_up = Gauge("coach_database_up", "1 when the database answered the last scrape", registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)
