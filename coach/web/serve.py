"""`coach web`: the dashboard on its own, over the bot's database (uvicorn; no access log, since a sign-in
link's secret is in its address)."""

from __future__ import annotations

import logging

from coach.core.config import Settings


def run_web(settings: Settings) -> int:
    token = settings.require_token()  # the participants are told of changes through the bot
    secret = settings.require_web_secret()

    import uvicorn

    from coach.core.clock import SystemClock
    from coach.core.logs import configure_logging
    from coach.store.db import make_engine
    from coach.store.migrate import upgrade
    from coach.web.app import create_app
    from coach.web.tell import BotTeller

    configure_logging(settings.log_level, token=token)
    if settings.database_url.startswith("sqlite"):
        upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    teller = BotTeller.for_settings(token=token, base_url=settings.telegram_api_base_url,
                                    timeout=settings.coach_telegram_timeout_seconds)
    app = create_app(settings, engine=engine, clock=SystemClock(), teller=teller, secret=secret,
                     on_close=teller.close)
    logging.getLogger("coach").info("dashboard on http://%s:%d (links point at %s)", settings.coach_web_host,
                                    settings.coach_web_port, settings.web_url())
    uvicorn.run(app, host=settings.coach_web_host, port=settings.coach_web_port, access_log=False,
                log_level="warning", proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    return 0
