"""Old slugs are kept by the database (migration 0020): whatever renames a meeting or a speaker,
its old slug is recorded against the record; a live slug is never also an old one."""

import pytest
from django.db import IntegrityError, transaction

from statements.models import Meeting, OldSlug, Speaker

pytestmark = pytest.mark.django_db


def test_renaming_a_meeting_or_a_speaker_keeps_the_old_slug(seeded):
    old = seeded.slug
    Meeting.objects.filter(pk=seeded.pk).update(slug="renamed")
    kept = OldSlug.objects.get(kind="meeting", slug=old)
    assert kept.meeting_id == seeded.pk and kept.target == Meeting.objects.get(pk=seeded.pk)
    putin = Speaker.objects.get(slug="vladimir-putin")
    putin.slug = "putin"
    putin.save()
    assert OldSlug.objects.get(kind="speaker", slug="vladimir-putin").speaker_id == putin.pk


def test_a_save_that_keeps_the_slug_records_nothing(seeded):
    seeded.title_en = "Another English title"
    seeded.save()
    assert not OldSlug.objects.exists()


def test_an_old_slug_given_up_twice_leads_to_the_later_record(seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    khamenei = Speaker.objects.get(slug="ali-khamenei")
    Speaker.objects.filter(pk=putin.pk).update(slug="shared")
    Speaker.objects.filter(pk=putin.pk).update(slug="putin-2")
    Speaker.objects.filter(pk=khamenei.pk).update(slug="shared")
    assert not OldSlug.objects.filter(kind="speaker", slug="shared").exists()  # live again
    Speaker.objects.filter(pk=khamenei.pk).update(slug="khamenei-2")
    assert OldSlug.objects.get(kind="speaker", slug="shared").speaker_id == khamenei.pk


def test_an_old_slug_belongs_to_a_record_of_its_kind(seeded):
    with transaction.atomic(), pytest.raises(IntegrityError):
        OldSlug.objects.create(kind="speaker", slug="x", meeting=seeded)


def test_deleting_a_record_forgets_its_old_slugs(seeded):
    Meeting.objects.filter(pk=seeded.pk).update(slug="renamed")
    seeded.delete()
    assert not OldSlug.objects.exists()
