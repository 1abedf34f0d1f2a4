"""The API's human-readable page, /api/v1/docs (django-ninja's Swagger UI), in Chromium: its
files come from the site itself, it keeps the site's Content-Security-Policy (the Visit fails
on any violation or any request to another host), and it shows every operation."""

from statements.api.routes import api
from tests.browser.conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def test_the_api_docs_render_every_operation_under_the_csp(visit):
    operations = api.get_openapi_schema()["paths"]
    v = visit()
    response = v.goto("/api/v1/docs")
    assert response.status == 200
    v.page.wait_for_selector(".opblock", timeout=15_000)
    shown = v.page.locator(".opblock .opblock-summary-path").all_inner_texts()
    assert {p.replace("\u200b", "") for p in shown} == set(operations), shown
    scripts = v.page.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
    assert scripts and all(s.startswith(v.base_url + "/static/") for s in scripts)
    v.page.evaluate("async () => { await document.fonts.ready; }")
    v.check_csp()
    v.screenshot("api-docs-desktop")
    # Try the search: its parameters (selects included), Execute, and the live answer.
    claims = v.page.locator(
        ".opblock", has=v.page.locator(".opblock-summary-path", has_text="/api/v1/claims")
    )
    claims.locator(".opblock-summary").first.click()
    claims.get_by_role("button", name="Try it out").click()
    claims.locator('tr[data-param-name="q"] input').fill("روس")
    claims.get_by_role("button", name="Execute").click()
    live = claims.locator(".live-responses-table tbody .response-col_status").first
    live.wait_for(timeout=15_000)
    assert live.inner_text().strip().startswith("200")
    assert "روس" in claims.locator(".live-responses-table").inner_text()
    v.check_csp()
    v.screenshot("api-docs-try-it-desktop")


def test_every_page_links_its_json_and_the_api_docs(visit, seeded):
    v = visit()
    for path in ["/", seeded.get_absolute_url(), "/speakers/vladimir-putin/", "/ur/"]:
        v.goto(path)
        footer = v.page.locator(".site-footer")
        assert footer.get_by_role("link", name="API").count() >= 1 or path.startswith("/ur")
        assert footer.locator('a[href="/api/v1/docs"]').count() == 1, path
