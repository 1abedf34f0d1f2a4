"""Search by field, as a researcher types it in Chromium: the query box's field terms become
the filters' chips (the page redirects to their URL), a chip removes its filter, and the help
page the search box links to runs its examples."""

from statements.models import Claim, Speaker
from tests.browser.conftest import BROWSER_MARKS, PHONE

pytestmark = BROWSER_MARKS


def test_typed_fields_become_chips_that_remove_them(visit, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    v = visit()
    v.goto("/")
    v.page.fill("#q", "speaker:Putin date:2015-11 تعاون")
    v.page.click(".search-form button[type=submit]")
    v.page.wait_for_load_state("load")
    assert f"speaker={putin.pk}" in v.page.url and "date_from=2015-11-01" in v.page.url
    assert v.page.input_value("#q") == "تعاون"
    chips = v.page.locator(".active-filters a")
    labels = chips.all_inner_texts()
    assert any("Vladimir Putin" in label for label in labels), labels
    assert any("2015-11-01" in label for label in labels), labels
    assert Claim.objects.public().filter(speaker=putin).exists()
    v.screenshot("fields-chips-desktop-en")
    v.page.locator(".active-filters a", has_text="Vladimir Putin").click()
    v.page.wait_for_load_state("load")
    assert "speaker=" not in v.page.url and "date_from=2015-11-01" in v.page.url


def test_the_help_page_is_linked_and_its_examples_run(visit, seeded):
    phone = visit(viewport=PHONE)
    phone.goto("/ur/")
    phone.page.locator(".syntax-link a").click()
    phone.page.wait_for_load_state("load")
    assert phone.page.url.endswith("/ur/search/help/")
    assert phone.page.locator(".syntax-table tbody tr").count() >= 6
    assert not phone.axe_violations(), phone.axe_violations()
    phone.screenshot("search-help-phone-ur")
    phone.page.locator(".syntax-table tbody tr").first.locator("td").nth(2).locator("a").click()
    phone.page.wait_for_load_state("load")
    assert "speaker=" in phone.page.url and phone.page.locator(".active-filters a").count() == 1
    phone.check_csp()


def test_an_unknown_field_is_said(visit, seeded):
    v = visit()
    v.goto("/?q=colour:red%20%D8%AA%D8%B9%D8%A7%D9%88%D9%86")
    notice = v.page.locator(".unknown-fields")
    assert notice.is_visible() and "colour:" in notice.inner_text()
    v.goto("/?q=date:2015-13")
    assert "date:2015-13 is not a date" in v.page.locator(".error").inner_text()
