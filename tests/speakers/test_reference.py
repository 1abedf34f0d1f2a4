"""`manage.py load_reference`: the reference people, countries and organisations into the
archive, idempotent, never overwriting what an editor changed."""

import datetime
import io

import pytest
from django.core.management import call_command

from statements.models import Alias, Role, Speaker, Topic
from statements.speakers import reference
from statements.speakers.reference import load_reference

pytestmark = pytest.mark.django_db

LAVROV = "person:Sergey Lavrov"


def _entry(key):
    return next(e for e in reference.entries() if e.key == key)


def _with_file_change(monkeypatch, key, change):
    """The reference files as they would read after an edit to one entry."""
    original = reference.entries

    def entries():
        out = original()
        for entry in out:
            if entry.key == key:
                change(entry)
        return out

    monkeypatch.setattr(reference, "entries", entries)


def test_a_person_is_loaded_with_urdu_spellings_english_names_and_dated_roles():
    load_reference(only={LAVROV})
    lavrov = Speaker.objects.get(name_en="Sergey Lavrov")
    assert lavrov.name == "سرگئی لاوروف"
    assert lavrov.country == "RU" and lavrov.kind == "person" and not lavrov.is_provisional
    forms = set(lavrov.aliases.values_list("text", flat=True))
    assert {"سرگئی لاوروف", "لاوروف", "Sergey Lavrov", "Sergei Lavrov"} <= forms
    minister = lavrov.roles.get(office="foreign_minister")
    assert (minister.of, minister.start, minister.end) == ("RU", datetime.date(2004, 3, 9), None)
    assert minister.title == "وزیر خارجہ" and minister.title_en == "Foreign Minister of Russia"
    assert lavrov.history.first().history_change_reason == reference.HISTORY_REASON


def test_loading_again_changes_nothing():
    call_command("load_reference", key=[LAVROV, "country:RU"], stdout=io.StringIO())
    counts = (Speaker.objects.count(), Alias.objects.count(), Role.objects.count())
    out = io.StringIO()
    call_command("load_reference", key=[LAVROV, "country:RU"], stdout=out)
    assert out.getvalue().strip() == "nothing to change"
    assert (Speaker.objects.count(), Alias.objects.count(), Role.objects.count()) == counts


def test_an_editors_change_survives_a_reload_of_a_changed_file(monkeypatch):
    load_reference(only={LAVROV})
    lavrov = Speaker.objects.get(name_en="Sergey Lavrov")
    lavrov.name = "سرگئی وکٹروچ لاوروف"  # the editor's choice
    lavrov.save()

    def change(entry):
        entry.values["name"] = "سرگئی لاؤروف"
        entry.values["wikidata_id"] = "Q7261"

    _with_file_change(monkeypatch, LAVROV, change)
    report = load_reference(only={LAVROV})
    lavrov.refresh_from_db()
    assert lavrov.name == "سرگئی وکٹروچ لاوروف"  # kept
    assert lavrov.wikidata_id == "Q7261"  # the file's correction, where nobody had edited
    assert report.kept["speaker fields"] == 1


def test_an_alias_an_editor_deleted_is_not_brought_back(monkeypatch):
    load_reference(only={LAVROV})
    Alias.objects.get(speaker__name_en="Sergey Lavrov", text="لاوروف").delete()

    def add_spelling(entry):  # the file changes, so the entry is compared again
        entry.aliases.append(("ur", "سیرگئی لاوروف"))

    _with_file_change(monkeypatch, LAVROV, add_spelling)
    load_reference(only={LAVROV})
    lavrov = Speaker.objects.get(name_en="Sergey Lavrov")
    assert lavrov.aliases.filter(text="سیرگئی لاوروف").exists()
    assert not lavrov.aliases.filter(text="لاوروف").exists()


def test_a_role_the_file_corrects_is_corrected_unless_an_editor_changed_it(monkeypatch):
    load_reference(only={LAVROV, "person:Igor Ivanov"})

    def end_ministry(entry):
        for role in entry.roles:
            if role["office"] == "foreign_minister":
                role["end"] = "2030-01-01"

    _with_file_change(monkeypatch, LAVROV, end_ministry)
    ivanov = Role.objects.get(speaker__name_en="Igor Ivanov", office="foreign_minister")
    ivanov.end = datetime.date(2004, 3, 10)  # an editor's correction
    ivanov.save()
    _with_file_change(monkeypatch, "person:Igor Ivanov", end_ministry)
    load_reference(only={LAVROV, "person:Igor Ivanov"})
    lavrov = Role.objects.get(speaker__name_en="Sergey Lavrov", office="foreign_minister")
    assert lavrov.end == datetime.date(2030, 1, 1)
    ivanov.refresh_from_db()
    assert ivanov.end == datetime.date(2004, 3, 10)


def test_the_seeds_speakers_are_adopted_not_duplicated():
    putin = Speaker.objects.get(slug="vladimir-putin")
    load_reference(only={"person:Vladimir Putin", "person:Ali Khamenei"})
    assert Speaker.objects.filter(name_en="Vladimir Putin").count() == 1
    assert Speaker.objects.filter(name_en="Ali Khamenei").count() == 1
    putin.refresh_from_db()
    assert putin.name == "ولادیمیر پیوٹن" and putin.role_en == "President of Russia"  # kept
    assert putin.roles.filter(office="head_of_state", start=datetime.date(2012, 5, 7)).exists()
    assert putin.aliases.filter(text="ولادیمیر پوتن").exists()  # a spelling the seed lacked


def test_people_in_both_files_are_one_speaker_with_all_their_roles():
    load_reference(only={"person:Ban Ki-moon"})
    ban = Speaker.objects.get(name_en="Ban Ki-moon")
    offices = set(ban.roles.values_list("office", "of"))
    assert ("secretary_general", "UN") in offices and ("foreign_minister", "KR") in offices


def test_ambiguous_forms_and_shared_surnames_are_not_aliases():
    load_reference(only={"country:ML", "person:Bill Clinton", "person:Hillary Clinton"})
    mali = Topic.objects.get(kind="country", country="ML")
    assert not mali.aliases.filter(text="مالی").exists()  # also "financial"
    assert mali.aliases.filter(text="Mali").exists()
    assert not Alias.objects.filter(text="کلنٹن").exists()  # two Clintons
    assert Alias.objects.filter(text="ہلیری کلنٹن", speaker__name_en="Hillary Clinton").exists()


def test_the_gazetteers_countries_are_adopted_with_their_exclusions_kept():
    china = Topic.objects.get(slug="china")
    before = china.aliases.get(text="چین")
    load_reference(only={"country:CN"})
    assert Topic.objects.filter(kind="country", country="CN").count() == 1
    after = china.aliases.get(text="چین")
    assert after.exclude_before == before.exclude_before and "بے" in after.exclude_before
    assert china.aliases.filter(text="عوامی جمہوریہ چین").exists()


def test_places_are_topics_with_their_english_names_and_english_finds_them():
    """Regions, territories and cities (places.json) are place topics with English aliases, so
    an English `Gaza` or `Mumbai` reaches the Urdu text as `Putin` does."""
    from statements.search import names
    from statements.urdu import fold

    load_reference(only={"place:Gaza", "place:Mumbai"})
    gaza = Topic.objects.get(name_en="Gaza")
    assert gaza.kind == "place" and gaza.name == "غزہ"
    assert {"Gaza", "Gaza Strip"} <= set(gaza.aliases.values_list("text", flat=True))
    found = names.find([("gaza",), ("mumbai",)])
    assert gaza.pk in found[0][1].topics
    assert (fold("ممبئی"),) in [ws for ws, _, _ in found[1][1].urdu_forms]


def test_every_place_has_an_urdu_and_an_english_name():
    from statements.speakers.refdata import places

    assert len(places()) >= 60
    assert all(p["names_ur"] and p["name_en"].isascii() for p in places())
    assert len({p["name_en"] for p in places()}) == len(places())
