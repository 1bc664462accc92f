"""What the dashboard shows: triage in the order of /users, search and filters, one participant's weeks, the
audit log and the downloads."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from coach.domain import triage
from coach.services.admin.overview import users
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import triage as triage_store
from tests.helpers.web import ADMIN_ID, seed_four


@pytest.fixture
def seeded(web):
    people = seed_four(web.engine)
    web.sign_in()
    return people


def _names_in_order(html: str) -> list[str]:
    return re.findall(r'<p class="who"><a href="[^"]+">([^<]+)</a>', html)


def test_triage_lists_everyone_most_in_need_first_as_users_does(web, seeded):
    """An urgent flag, then a same-day flag, then five days of silence, then the one who is fine — and the
    order is exactly the one /users gives in Telegram."""
    page = web.client.get("/")
    assert _names_in_order(page.text) == ["Bea", "Carl", "Dora", "Eve"]
    assert "open flag (1 urgent)" in page.text and "silent 5 days" in page.text and "No concerns" in page.text
    runner = UseCaseRunner(web.engine, web.clock, default_timezone="UTC", admin_ids=(ADMIN_ID,))
    telegram = runner.run(lambda ctx: users(ctx, ADMIN_ID, "")).replies[0].text
    ranked = runner.run(lambda ctx: triage.rank(triage_store.triage_facts(connection=ctx.connection, now=ctx.now)))
    runner.close()
    assert [need.facts.name for need in ranked] == ["Bea", "Carl", "Dora", "Eve"]
    assert [line.split(" · ")[1] for line in telegram.splitlines()[1:5]] == ["Bea", "Carl", "Dora", "Eve"]


def test_search_by_name_or_id_and_filters(web, seeded):
    assert _names_in_order(web.client.get("/?q=dor").text) == ["Dora"]
    assert _names_in_order(web.client.get("/?q=7203").text) == ["Carl"]
    assert _names_in_order(web.client.get("/?need=1").text) == ["Bea", "Carl", "Dora"]
    assert _names_in_order(web.client.get("/?state=paused").text) == []
    assert "Nobody matches" in web.client.get("/?q=zzz").text
    # A filter that does not exist is ignored, not an error.
    assert web.client.get("/?state=<script>&page=abc").status_code == 200


def test_a_participant_page_shows_their_weeks(web, seeded):
    page = web.client.get("/p/7203")
    assert page.status_code == 200
    text = page.text
    for part in ("Carl", "Diabetic neuropathy", "Europe/Berlin", "a new blister on my heel", "Acknowledge flag #",
                 "Check-ins and notes", "Training sessions", "Program — version 1", "Latest weekly review",
                 "Clinician PDF", "Save check-in time"):
        assert part in text, part
    assert re.search(r"<th scope=\"row\">Sat 21 Nov</th>\s*<td>2</td>", text)
    chart = web.client.get("/p/7203/chart.png?range=56")
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/png"
    assert chart.content.startswith(b"\x89PNG")
    phone = web.client.get("/p/7203/chart.png?range=all&size=phone")
    assert phone.status_code == 200 and phone.content != chart.content


def test_the_range_chooses_the_days_listed(web, seeded):
    short = web.client.get("/p/7201?range=14").text
    longer = web.client.get("/p/7201?range=56").text
    assert short.count('<th scope="row">') < longer.count('<th scope="row">')
    assert "Sat 07 Nov" not in short and "Sat 07 Nov" in longer
    assert web.client.get("/p/7201?range=bogus").status_code == 200  # falls back to four weeks


@pytest.mark.parametrize("tid", ["999999", "abc", "7201x", "1" * 40, "-5"])
def test_a_participant_that_does_not_exist_gets_a_clear_page(web, seeded, tid):
    for path in (f"/p/{tid}", f"/p/{tid}/chart.png", f"/p/{tid}/export.csv"):
        page = web.client.get(path)
        assert page.status_code == 404 and "No participant" in page.text, path


def test_an_unknown_page_is_a_clear_404(web, seeded):
    page = web.client.get("/nowhere")
    assert page.status_code == 404 and "no such page" in page.text


def test_downloads_are_the_export_files_and_are_audited(web, seeded):
    csv_file = web.client.get("/p/7203/export.csv")
    assert csv_file.status_code == 200 and csv_file.headers["content-type"].startswith("text/csv")
    assert 'filename="coach-7203-2026-11-21.csv"' in csv_file.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert rows[0] == ["table", "row_id", "column", "value"]
    assert ["participant", "3", "first_name", "Carl"] in rows
    pdf = web.client.get("/p/7203/summary.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    fhir = web.client.get("/p/7203/fhir.json")
    bundle = json.loads(fhir.content)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    audit = web.client.get("/audit").text
    assert audit.count("download") == 3 and "clinician PDF (dashboard)" in audit


def test_the_pages_carry_no_third_party_assets_and_a_strict_policy(web, seeded):
    page = web.client.get("/p/7203")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert not re.search(r'(src|href)="https?://', page.text)
    script = web.client.get("/static/htmx.min.js")
    assert script.status_code == 200 and b"htmx" in script.content[:2000]


def test_what_is_typed_into_a_search_or_written_by_a_participant_is_shown_as_text(web, seeded):
    page = web.client.get("/", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    from tests.helpers.web import add_person

    add_person(web.engine, 7400, "<b>Zed</b>", flags=[("fall", False, "<img src=x onerror=alert(1)>")])
    page = web.client.get("/p/7400")
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text and "&lt;b&gt;Zed" in page.text
