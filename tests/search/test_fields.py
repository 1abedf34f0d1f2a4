"""Search by field in the query box: the parser (pure, no database), then what the fields find
on the seed (relevance with filters), the canonical URL the page redirects to with its chips,
the API's same q, and the 400s."""

import datetime

import pytest

from statements.models import Claim, Speaker, Topic
from statements.search import SearchRequest, search
from statements.search.fields import FieldError, FieldTerm, date_range, extract

# The parser


def test_field_terms_are_taken_out_and_the_words_stay():
    got = extract('تعاون speaker:"Vladimir Putin" "دو طرفہ" or امن -امریکہ date:2015-11')
    assert got.rest == 'تعاون "دو طرفہ" or امن -امریکہ'
    assert got.terms == [
        FieldTerm("speaker", "Vladimir Putin", 'speaker:"Vladimir Putin"'),
        FieldTerm("date", "2015-11", "date:2015-11"),
    ]
    assert got.unknown == []


def test_urdu_values_and_urdu_field_names():
    got = extract('مقرر:پیوٹن موضوع:"جوہری مسئلہ" ملک:ایران قسم:انتباہ تاریخ:2015 شام')
    assert [(t.field, t.value) for t in got.terms] == [
        ("speaker", "پیوٹن"),
        ("topic", "جوہری مسئلہ"),
        ("country", "ایران"),
        ("kind", "انتباہ"),
        ("date", "2015"),
    ]
    assert got.rest == "شام"


def test_field_names_in_any_case_and_a_space_after_the_colon():
    got = extract("Speaker: Putin COUNTRY:ir")
    assert [(t.field, t.value) for t in got.terms] == [("speaker", "Putin"), ("country", "ir")]
    assert got.rest == ""


def test_inside_quotes_nothing_is_a_field():
    got = extract('"speaker:Putin said" امن')
    assert got.terms == [] and got.rest == '"speaker:Putin said" امن'


def test_an_unclosed_quote_runs_to_the_end():
    got = extract('امن speaker:"Vladimir Putin')
    assert got.terms[0].value == "Vladimir Putin" and got.rest == "امن"


def test_an_unknown_field_is_plain_words_and_reported():
    got = extract("colour:red امن http://example.org")
    assert got.terms == []
    assert got.rest == "colour:red امن http://example.org"
    assert got.unknown == ["colour", "http"]


def test_a_headline_colon_with_a_space_is_no_field():
    got = extract("ترجمان: امن")
    assert got.terms == [] and got.unknown == [] and got.rest == "ترجمان: امن"


def test_an_or_beside_a_field_is_dropped_and_words_keep_theirs():
    got = extract("speaker:Putin or speaker:Lavrov امن or جنگ")
    assert [t.value for t in got.terms] == ["Putin", "Lavrov"]
    assert got.rest == "امن or جنگ"


@pytest.mark.parametrize("q", ["-speaker:Putin امن", "speaker:", "date: "])
def test_an_excluded_or_empty_field_is_an_error(q):
    with pytest.raises(FieldError) as error:
        extract(q)
    assert error.value.field in ("speaker", "date") and error.value.message


def test_dates_years_months_days_and_ranges():
    d = datetime.date
    assert date_range("2015") == (d(2015, 1, 1), d(2015, 12, 31))
    assert date_range("2016-02") == (d(2016, 2, 1), d(2016, 2, 29))
    assert date_range("2015-11-24") == (d(2015, 11, 24), d(2015, 11, 24))
    assert date_range("2015-01..2016-06") == (d(2015, 1, 1), d(2016, 6, 30))
    assert date_range("2015..") == (d(2015, 1, 1), None)
    assert date_range("..2016-06") == (None, d(2016, 6, 30))
    assert date_range("۲۰۱۵-۱۱") == (d(2015, 11, 1), d(2015, 11, 30))  # Urdu digits


@pytest.mark.parametrize("value", ["2015-13", "2015-02-30", "last-year", "15", "..", "2016..2015"])
def test_a_bad_date_says_what_to_type(value):
    with pytest.raises(FieldError) as error:
        date_range(value)
    assert error.value.field == "date"
    assert "2015" in error.value.message and value in error.value.message


# On the seed


@pytest.fixture
def putin(seeded):
    return Speaker.objects.get(slug="vladimir-putin")


def ids(result) -> set[int]:
    return set(result.claims.values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ['"Vladimir Putin"', "Putin", "پیوٹن", "vladimir-putin"])
def test_speaker_field_finds_the_speaker_however_named(putin, value):
    request = SearchRequest.from_params({"q": f"speaker:{value}"})
    assert request.speakers == (putin.pk,) and request.q == "" and request.fielded
    expected = set(Claim.objects.public().filter(speaker=putin).values_list("pk", flat=True))
    assert ids(search(request)) == expected and expected


@pytest.mark.django_db
def test_speaker_field_with_words_equals_the_filter_with_words(putin):
    typed = search(SearchRequest.from_params({"q": "speaker:Putin تعاون"}))
    filtered = search(SearchRequest.from_params({"q": "تعاون", "speaker": [str(putin.pk)]}))
    assert list(typed.claims.values_list("pk", flat=True)) == list(
        filtered.claims.values_list("pk", flat=True)
    )
    assert typed.total and all(c.speaker_id == putin.pk for c in typed.claims)


@pytest.mark.django_db
def test_topic_and_country_fields_by_name_in_either_language(seeded):
    syria = Topic.objects.get(name_en="Syria")
    for q in ("topic:Syria", "topic:شام", "موضوع:Syria"):
        assert SearchRequest.from_params({"q": q}).topics == (syria.pk,), q
    for q in ("country:IR", "country:ir", "country:Iran", "ملک:ایران"):
        assert SearchRequest.from_params({"q": q}).countries == ("IR",), q
    by_field = ids(search(SearchRequest.from_params({"q": "country:Iran"})))
    by_filter = ids(search(SearchRequest.from_params({"country": "IR"})))
    assert by_field == by_filter and by_field


@pytest.mark.django_db
def test_kind_and_date_fields(seeded):
    kind = Claim.objects.public().values_list("kind", flat=True).first()
    request = SearchRequest.from_params({"q": f"kind:{kind} date:2015-11"})
    assert request.kinds == (kind,)
    assert (request.date_from, request.date_to) == (
        datetime.date(2015, 11, 1),
        datetime.date(2015, 11, 30),
    )
    found = search(request)
    assert found.total == Claim.objects.public().filter(kind=kind).count()
    assert not search(SearchRequest.from_params({"q": "date:2016"})).total
    assert SearchRequest.from_params({"q": "قسم:انتباہ"}).kinds == ("warning",)


@pytest.mark.django_db
def test_a_phrase_or_and_minus_with_a_field(putin):
    both = search(SearchRequest.from_params({"q": "speaker:Putin تعاون or دہشتگرد"}))
    one = search(SearchRequest.from_params({"q": "speaker:Putin تعاون"}))
    assert ids(one) <= ids(both)
    without = search(SearchRequest.from_params({"q": "speaker:Putin تعاون -دہشتگرد"}))
    assert ids(without) <= ids(one)
    assert all("دہشتگرد" not in c.text for c in without.claims)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q,field",
    [
        ("speaker:Zzyzx", "speaker"),
        ("topic:qqqq", "topic"),
        ("country:Atlantis", "country"),
        ("meeting:no-such-meeting", "meeting"),
        ("kind:rumour", "kind"),
        ("date:2015-13", "date"),
    ],
)
def test_a_value_that_names_nothing_is_a_400(client, seeded, q, field):
    page = client.get("/", {"q": q})
    assert page.status_code == 400 and q.split(":")[0] in page.content.decode()
    api = client.get("/api/v1/claims", {"q": q})
    assert api.status_code == 400 and api.json()["field"] == field


# The page: a redirect to the canonical URL, chips; the API's same q


@pytest.mark.django_db
def test_the_page_redirects_to_the_filters_and_shows_them_as_chips(client, putin):
    response = client.get("/", {"q": "speaker:Putin date:2015 تعاون", "sort": "date"})
    assert response.status_code == 302
    url = response["Location"]
    assert f"speaker={putin.pk}" in url and "date_from=2015-01-01" in url
    assert "date_to=2015-12-31" in url and "sort=date" in url and "speaker%3A" not in url
    page = client.get(url).content.decode()
    chips = page[page.index('class="active-filters"') :].split("</ul>")[0]
    assert "Vladimir Putin" in chips and "from 2015-01-01" in chips and "to 2015-12-31" in chips
    urdu = client.get("/ur/", {"q": "مقرر:پیوٹن"})
    assert urdu.status_code == 302 and urdu["Location"].startswith("/ur/?")


@pytest.mark.django_db
def test_a_kind_chip_and_its_removal(client, seeded):
    page = client.get("/?kind=warning").content.decode()
    chips = page[page.index('class="active-filters"') :].split("</ul>")[0]
    assert "Warning" in chips and 'href="?"' in chips


@pytest.mark.django_db
def test_an_unknown_field_is_searched_as_words_with_a_notice(client, seeded):
    page = client.get("/", {"q": "colour:red امن"})
    assert page.status_code == 200
    assert "is not a field" in page.content.decode()


@pytest.mark.django_db
def test_the_api_takes_the_same_q(client, putin):
    typed = client.get("/api/v1/claims", {"q": "speaker:Putin تعاون", "page_size": 100}).json()
    filtered = client.get(
        "/api/v1/claims", {"q": "تعاون", "speaker": putin.pk, "page_size": 100}
    ).json()
    assert [c["id"] for c in typed["results"]] == [c["id"] for c in filtered["results"]]
    assert typed["count"] == filtered["count"] > 0
    kinds = client.get("/api/v1/claims", {"kind": "warning"}).json()
    assert all(c["kind"] == "warning" for c in kinds["results"])


@pytest.mark.django_db
def test_the_help_page_explains_the_fields_with_examples_that_run(client, seeded):
    for prefix in ("", "/ur"):
        page = client.get(f"{prefix}/search/help/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "speaker:" in html and "date:2015-01..2016-06" in html
        assert "%D9%85%D9%82%D8%B1%D8%B1%3A" in html  # the Urdu example's link (مقرر:)
    assert 'href="/search/help/"' in client.get("/").content.decode()
