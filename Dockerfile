# syntax=docker/dockerfile:1
# Build stage: install the package and its dependencies into a virtualenv.
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md ./
COPY coach ./coach
RUN pip install .

# Run stage: just the virtualenv, the migrations and an unprivileged user.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 coach
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
RUN mkdir -p /app/data && chown coach:coach /app/data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    COACH_MIGRATIONS_DIR=/app/migrations \
    DATABASE_URL=sqlite:////app/data/coach.db
USER coach
VOLUME ["/app/data"]
# `coach run --webhook` listens here (COACH_WEBHOOK_PORT); the default long-polling `coach run` needs no port.
EXPOSE 8080
# By default: migrations first, then the long-polling bot; a failed migration stops the container
# with its reason. docker-compose.yml runs `coach migrate` once and `coach run --webhook` per worker instead.
CMD ["sh", "-c", "coach migrate && exec coach run"]
