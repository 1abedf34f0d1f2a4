"""The archive's nouns: sources, meetings, speakers and their aliases, passages and claims.

Invariants live in the database: a unique sha256 per source, offsets inside the text (a trigger
checks `source.text[start:end] == text` for every passage and claim), a claim's speaker and meeting
required, one canonical letter per class in the stored search vectors (statements/urdu.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Q
from django.db.models.functions import MD5, Lower, Now
from django.urls import reverse


class UrduNormalize(Func):
    """SQL `urdu_normalize(text)`: the fold of statements/urdu.py, created by a migration."""

    function = "urdu_normalize"
    output_field = models.TextField()


class NameKey(Func):
    """SQL `speaker_name_key(text)`: the cross-script name key of statements/speakers/keys.py."""

    function = "speaker_name_key"
    output_field = models.TextField()


class UrduSearchVector(Func):
    """The stored search vector: the `simple` configuration over the folded text."""

    template = "to_tsvector('simple'::regconfig, urdu_normalize(%(expressions)s))"
    output_field = SearchVectorField()


class Source(models.Model):
    """A document exactly as received. Its text is never rewritten: offsets point into it.

    Besides the text, what a citation needs to name the report rather than the file: who
    published it (the outlet, as it names itself and in English), where (its original URL,
    empty when unknown), when, in which language, and for a translation the original's."""

    text = models.TextField(help_text="The verbatim document text (UTF-8 decoded, unchanged).")
    language = models.CharField(
        max_length=8, default="ur", help_text="Language of the text: an ISO 639 code (ur)."
    )
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    origin = models.CharField(
        max_length=500, help_text="Where the document came from: a file name or a URL."
    )
    publisher = models.CharField(
        "publisher or outlet",
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text="Who published the report, as it names itself (Urdu or English).",
    )
    publisher_en = models.CharField(
        "publisher in English",
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text="The publisher's name in English, for citations; empty when it is the same.",
    )
    url = models.URLField(
        "original URL",
        max_length=500,
        blank=True,
        default="",
        db_default="",
        help_text="Where the report was published; empty when unknown.",
    )
    published_on = models.DateField(
        "publication date", null=True, blank=True, help_text="When the report was published."
    )
    original_language = models.CharField(
        max_length=8,
        blank=True,
        default="",
        db_default="",
        help_text="For a translation: the language of the original (ISO 639 code); else empty.",
    )
    retrieved_at = models.DateTimeField(null=True, blank=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    previous_version = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_versions"
    )

    class Meta:
        ordering = ["origin", "version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="source_sha256_hex"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="source_text_not_empty"),
            models.CheckConstraint(
                condition=Q(language__regex=r"^[a-z]{2,3}$")
                & (Q(original_language="") | Q(original_language__regex=r"^[a-z]{2,3}$")),
                name="source_languages_iso",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin} (v{self.version})"

    @property
    def is_translation(self) -> bool:
        return bool(self.original_language) and self.original_language != self.language


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers anyone may see: reference data (not provisional), and provisional speakers
        once a published meeting has them, as participant or as the speaker of a public claim.
        A provisional speaker made while ingesting a draft stays hidden with its draft."""
        return self.filter(
            Q(is_provisional=False)
            | Exists(Claim.objects.public().filter(speaker=OuterRef("pk")))
            | Exists(Participation.objects.public().filter(speaker=OuterRef("pk")))
        )


class Speaker(models.Model):
    """Who a claim is attributed to: a person, an organisation (a foreign ministry, the UN), or a
    group of speakers jointly (the participants of a meeting, in a joint statement)."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Group (several speakers jointly)"

    name = models.CharField("Urdu name", max_length=200)
    name_en = models.CharField("English name", max_length=200, blank=True)
    role = models.CharField("role (Urdu)", max_length=200, blank=True)
    role_en = models.CharField("role (English)", max_length=200, blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, upper case."
    )
    wikidata_id = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    is_provisional = models.BooleanField(
        default=False,
        help_text="Created by the extractor for a subject it could not resolve; to be merged "
        "or completed by an editor.",
    )
    suggested_name_en = models.CharField(
        "suggested English name",
        max_length=200,
        blank=True,
        db_default="",
        help_text="A transliteration of the Urdu name, for an editor to confirm as the English "
        "name (the admin's action 'Confirm the suggested English names').",
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.PERSON, db_default=Kind.PERSON
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groups",
        help_text="For a group: the speakers who speak jointly.",
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="speaker_country_iso",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organisation", "group"]),
                name="speaker_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name

    def get_absolute_url(self) -> str:
        return reverse("speaker-detail", args=[self.slug])


class TopicQuerySet(models.QuerySet):
    def public(self):
        """Topics are reference data (made from aliases, never from a draft's text): all public."""
        return self.all()


class Topic(models.Model):
    """What a claim mentions: a country, place, organisation, person or subject."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation"
        PERSON = "person", "Person"
        SUBJECT = "subject", "Subject"

    name = models.CharField("Urdu name", max_length=200)
    name_en = models.CharField("English name", max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code of the country concerned."
    )
    wikidata_id = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    speaker = models.OneToOneField(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic",
        help_text="For a person: the speaker record, whose aliases then also mark mentions.",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="topic_country_iso",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("topic-detail", args=[self.slug])


class Alias(models.Model):
    """A form a source uses for a speaker or a topic, in any script."""

    class Language(models.TextChoices):
        URDU = "ur", "Urdu"
        ENGLISH = "en", "English"
        ROMAN_URDU = "ur-Latn", "Roman Urdu"

    text = models.CharField(max_length=200)
    normalized = models.GeneratedField(
        expression=UrduNormalize(F("text")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    # The consonant skeleton both scripts share (statements/speakers/keys.py): where a name
    # typed in one script finds its candidates in the other.
    name_key = models.GeneratedField(
        expression=NameKey(F("text")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.URDU)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    exclude_before = models.CharField(
        max_length=300,
        blank=True,
        help_text="Space-separated words: when one of them directly precedes this form, it is "
        "not this topic (e.g. آج before شام means 'this evening', not Syria).",
    )
    exclude_after = models.CharField(
        max_length=300,
        blank=True,
        help_text="Space-separated words: when one of them directly follows this form, it is "
        "not this topic.",
    )

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["text"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(speaker__isnull=False) & Q(topic__isnull=True))
                | (Q(speaker__isnull=True) & Q(topic__isnull=False)),
                name="alias_of_speaker_or_topic",
            ),
            models.UniqueConstraint(fields=["normalized", "speaker"], name="alias_unique_speaker"),
            models.UniqueConstraint(fields=["normalized", "topic"], name="alias_unique_topic"),
            models.CheckConstraint(condition=~Q(text=""), name="alias_text_not_empty"),
        ]
        indexes = [models.Index(fields=["normalized"], name="alias_normalized_idx")]

    def __str__(self) -> str:
        return self.text


class Role(models.Model):
    """An office a speaker held, with its dates: who "the Russian foreign minister" was on a day.

    `of` is the ISO 3166 code of the country, or the key of the organisation (UN, EU, OIC, ...)
    of statements/speakers/data/organisations.json. `end` is empty while in office."""

    class Office(models.TextChoices):
        HEAD_OF_STATE = "head_of_state", "Head of state"
        HEAD_OF_GOVERNMENT = "head_of_government", "Head of government"
        DEPUTY_HEAD_OF_GOVERNMENT = "deputy_head_of_government", "Deputy head of government"
        FOREIGN_MINISTER = "foreign_minister", "Foreign minister"
        SPOKESPERSON = "spokesperson", "Foreign-ministry spokesperson"
        UN_AMBASSADOR = "un_ambassador", "Permanent representative to the UN"
        SECRETARY_GENERAL = "secretary_general", "Secretary-general"
        LEADER = "leader", "Supreme leader"
        OTHER = "other", "Other"

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    office = models.CharField(max_length=40, choices=Office.choices)
    of = models.CharField(
        max_length=20, help_text="ISO 3166-1 alpha-2 code, or an organisation's key (UN, EU)."
    )
    title = models.CharField("title (Urdu)", max_length=200, blank=True)
    title_en = models.CharField("title (English)", max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    class Meta:
        ordering = ["speaker", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="role_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["office", "of"], name="role_office_of_idx")]

    def __str__(self) -> str:
        return f"{self.get_office_display()} ({self.of}) {self.start or '?'}–{self.end or ''}"


class ReferenceRecord(models.Model):
    """What `manage.py load_reference` wrote for one entry of the reference data, as it wrote it:
    a later load changes a field only while it still holds that value, so an editor's change is
    never overwritten, and an alias or role an editor deleted is not brought back."""

    key = models.CharField(max_length=200, unique=True, help_text='e.g. "person:Sergey Lavrov"')
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded = models.JSONField(default=dict, help_text="The values as last loaded.")
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key


class SpeakerMerge(models.Model):
    """One speaker merged into another (statements/editing.py `merge_speakers`): what moved, so
    that the merge can be undone, and the old slug, so that its URL redirects to the survivor."""

    survivor = models.ForeignKey(
        Speaker, null=True, on_delete=models.SET_NULL, related_name="merges_in"
    )
    merged_id = models.BigIntegerField(help_text="The id the merged speaker had.")
    merged_slug = models.CharField(max_length=200, db_index=True)
    merged_name = models.CharField(max_length=200)
    moved = models.JSONField(default=dict, help_text="Ids of the rows moved, by kind.")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.survivor}"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def public(self):
        """What anyone may see: the published meetings (the same as `published()`)."""
        return self.published()


class Meeting(models.Model):
    """A meeting as reported by one source document."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="meeting")
    title = models.CharField(max_length=500, help_text="The title as in the source.")
    title_en = models.CharField("English title", max_length=500, blank=True)
    date = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    duration_text = models.CharField(
        max_length=200, blank=True, help_text="The duration as the source states it."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    participants = models.ManyToManyField(Speaker, through="Participation", related_name="meetings")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="meeting_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="meeting_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "date"], name="meeting_status_date_idx"),
            # Every search joins the published meetings (for the date): read from this index
            # alone, that join's hash is built in a third of the time of reading the table.
            models.Index(
                fields=["id"],
                include=["date"],
                condition=Q(status="published"),
                name="meeting_published_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title_en or self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ParticipationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(meeting__status=Meeting.Status.PUBLISHED)


class Participation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. host, guest")

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "speaker"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.speaker} at {self.meeting}"


class PassageQuerySet(models.QuerySet):
    def public(self):
        """Passages of published meetings."""
        return self.filter(meeting__status=Meeting.Status.PUBLISHED)


class Passage(models.Model):
    """A reconstructed paragraph of the source, searchable and citable on its own."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField(help_text="Order of the paragraph in the source.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    search_vector = models.GeneratedField(
        expression=UrduSearchVector(F("text")), output_field=SearchVectorField(), db_persist=True
    )

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="passage_span_valid"),
            models.UniqueConstraint(fields=["meeting", "position"], name="passage_position_unique"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="passage_search_gin", fastupdate=False)]

    def __str__(self) -> str:
        return f"{self.meeting} ¶{self.position}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#passage-{self.position}"


class ClaimQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: claims of published meetings, except rejected ones. Kept on
        the claim row itself as `is_public` by the database (migration 0016's triggers, on the
        claim and on its meeting), so that a search filters each row it reads instead of
        joining every published meeting."""
        return self.filter(is_public=True)


class Claim(models.Model):
    """One attributed statement, verbatim, at its exact place in the source."""

    class Kind(models.TextChoices):
        ASSERTION = "assertion", "Assertion"
        EVALUATION = "evaluation", "Evaluation"
        COMMITMENT = "commitment", "Commitment"
        PROPOSAL = "proposal", "Proposal"
        DENIAL = "denial", "Denial"
        DEMAND = "demand", "Demand"
        WARNING = "warning", "Warning"

    class ReviewStatus(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        NEEDS_REVIEW = "needs_review", "Needs review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="claims")
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="claims")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="claims")
    text = models.TextField(help_text="Verbatim: always equal to source.text[start:end].")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ASSERTION)
    reporting_phrase = models.CharField(max_length=300, blank=True)
    # The subject as the source names it ("روسی وزیر خارجہ سرگئی لاوروف", "انہوں"), verbatim, at
    # its own offsets: subject_text == source.text[subject_start:subject_end] when set.
    subject_text = models.CharField(max_length=300, blank=True, db_default="")
    subject_start = models.PositiveIntegerField(null=True, blank=True)
    subject_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(
        default=1.0,
        db_default=1.0,
        help_text="How sure the extractor is of the attribution, 0 to 1 (1 for an editor's).",
    )
    attribution = models.CharField(
        max_length=60,
        help_text="How the speaker was attributed: the extractor rule, or 'editor'.",
    )
    review_status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.EXTRACTED
    )
    review_note = models.TextField(blank=True)
    translation_en = models.TextField("English translation", blank=True)
    editor_note = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    # The ids of `topics`, sorted, kept by the database (migration 0009's triggers) whatever
    # writes the claim or its topics: what is saved here from Python is replaced on the way in.
    # Searches count and filter topics on the claim row they already read for the text match,
    # instead of joining every tag of the archive.
    # The meeting's date and whether the claim is public (its meeting published, the claim not
    # rejected), kept by migration 0016's triggers whatever writes the claim or its meeting:
    # what is saved here from Python is replaced on the way in.
    date = models.DateField(null=True, blank=True, editable=False)
    is_public = models.BooleanField(default=False, db_default=False, editable=False)
    topic_ids = ArrayField(
        models.BigIntegerField(), default=list, db_default=[], blank=True, editable=False
    )
    search_vector = models.GeneratedField(
        expression=UrduSearchVector(F("text")), output_field=SearchVectorField(), db_persist=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_valid"),
            models.CheckConstraint(
                condition=Q(
                    review_status__in=["extracted", "needs_review", "accepted", "rejected"]
                ),
                name="claim_review_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(review_status="needs_review") | ~Q(review_note=""),
                name="claim_needs_review_has_note",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="claim_confidence_range",
            ),
            models.CheckConstraint(
                condition=(Q(subject_start__isnull=True) & Q(subject_end__isnull=True))
                | Q(subject_end__gt=F("subject_start")),
                name="claim_subject_span_valid",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="claim_search_gin", fastupdate=False),
            # Public claims newest first: the first page of a filter or of the home page.
            models.Index(
                fields=["-date", "meeting", "start"],
                condition=Q(is_public=True),
                name="claim_public_date_idx",
            ),
            GinIndex(fields=["topic_ids"], name="claim_topic_ids_gin", fastupdate=False),
            models.Index(fields=["review_status"], name="claim_review_status_idx"),
            models.Index(fields=["speaker", "meeting"], name="claim_speaker_meeting_idx"),
        ]

    def __str__(self) -> str:
        words = self.text.split()
        return f"{self.speaker}: {' '.join(words[:8])}{'…' if len(words) > 8 else ''}"

    def get_absolute_url(self) -> str:
        """The claim's own page (its permalink)."""
        return reverse("claim-detail", args=[self.pk])

    def get_context_url(self) -> str:
        """The claim in context: its place in its meeting's source text."""
        return f"{self.meeting.get_absolute_url()}#claim-{self.pk}"


class OldSlug(models.Model):
    """A slug a meeting or a speaker had before: its old URL redirects (301) to the current one,
    so links and citations outlive an editor's rename (or a merge that keeps another record).

    Kept by the database: a trigger (migration 0020) records the old slug whenever a meeting's
    or a speaker's slug changes, whatever writes it, and forgets an old slug that becomes a
    live one again. Each old slug points at the record, not at its next slug, so a slug renamed
    twice still leads to the current page in one redirect."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        SPEAKER = "speaker", "Speaker"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=200, allow_unicode=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs"
    )
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs"
    )
    changed_at = models.DateTimeField(db_default=Now())

    class Meta:
        ordering = ["kind", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="oldslug_unique"),
            models.CheckConstraint(
                condition=(Q(kind="meeting") & Q(meeting__isnull=False) & Q(speaker__isnull=True))
                | (Q(kind="speaker") & Q(speaker__isnull=False) & Q(meeting__isnull=True)),
                name="oldslug_of_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug}"

    @property
    def target(self) -> Meeting | Speaker:
        return self.meeting if self.kind == self.Kind.MEETING else self.speaker


class AlertQuerySet(models.QuerySet):
    def active(self):
        """Alerts that get messages: confirmed, and neither unsubscribed nor turned off."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Alert(models.Model):
    """ "Email me when new claims match this search", with no account (statements/alerts/).

    `search` is the search's canonical query string (SearchRequest.to_params without the sort
    and the count, which do not change which claims match), so one address asking twice for
    the same search has one alert. An alert is pending until its confirmation link is opened,
    active from `confirmed_at`, and stops at `unsubscribed_at` (`ended_by` says who ended it).

    What was sent is never sent again: each claim a message carried is an AlertSentClaim
    row (unique per alert), and `watermark` bounds what is looked at: claims of meetings
    published after it (less a margin for publications that were committed late)."""

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        URDU = "ur", "Urdu"

    class EndedBy(models.TextChoices):
        SUBSCRIBER = "subscriber", "The subscriber (unsubscribe link)"
        EDITOR = "editor", "An editor (deactivated)"

    email = models.EmailField(max_length=254)
    search = models.TextField(blank=True, help_text="The search's canonical query string.")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=12, choices=EndedBy.choices, blank=True, default="")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    watermark = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Claims of meetings published before this were already looked at.",
    )
    messages_sent = models.PositiveIntegerField(default=0)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # by the search's hash: a query of 500 Urdu letters is 6,000 characters encoded,
            # more than a B-tree index entry holds
            models.UniqueConstraint(
                Lower("email"), MD5("search"), name="alert_unique_email_search"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["en", "ur"]), name="alert_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(watermark__isnull=False),
                name="alert_confirmed_has_watermark",
            ),
        ]
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
                name="alert_active_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email}: ?{self.search}"

    @property
    def status(self) -> str:
        if self.unsubscribed_at:
            return "deactivated" if self.ended_by == self.EndedBy.EDITOR else "unsubscribed"
        return "active" if self.confirmed_at else "pending"


class AlertSentClaim(models.Model):
    """A claim an alert's message carried: never sent to that alert again."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="sent_claims")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "claim"], name="alert_sent_claim_unique")
        ]

    def __str__(self) -> str:
        return f"alert {self.alert_id}: claim {self.claim_id}"


class GlossaryTerm(models.Model):
    """One entry of the bilingual glossary: an English word or multi-word term and its Urdu
    renderings, through which an English query reaches Urdu text (statements/search/english.py).

    Loaded from statements/search/data/glossary/ by `manage.py load_glossary`, which keeps in
    `loaded` the renderings as it wrote them and changes a row only while it still holds them:
    an editor's change is never overwritten. Editors add entries in the admin (`loaded` empty);
    a loaded entry an editor does not want is switched off (`enabled`), since a deleted one
    comes back with the next load."""

    english = models.CharField(
        max_length=200, help_text='A word or term in its dictionary form: "nuclear deal".'
    )
    key = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        help_text="The English stemmed (Snowball), as queries are: what they are matched on.",
    )
    sense = models.CharField(
        max_length=100,
        blank=True,
        help_text='Tells apart two entries of one English word ("power": electricity / '
        "authority); a query holding one of these words picks that entry.",
    )
    domain = models.CharField(max_length=40, default="editors", db_index=True)
    urdu = models.TextField(
        help_text="Urdu renderings separated by |, the most common first, in base forms "
        "(the search adds the inflections): جوہری معاہدہ|ایٹمی معاہدہ"
    )
    enabled = models.BooleanField("in use", default=True)
    loaded = models.JSONField(
        null=True, blank=True, editable=False, help_text="The values as last loaded from the files."
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed the entry in the admin (empty: as loaded).",
    )
    edited_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["english", "sense"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "english", "sense"], name="glossaryterm_unique"
            ),
            models.CheckConstraint(
                condition=~Q(urdu__regex=r"^[\s|]*$"), name="glossaryterm_has_urdu"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.english} ({self.sense})" if self.sense else self.english

    def save(self, *args, **kwargs):
        from statements.search.english import english_key

        self.key = english_key(self.english)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    @property
    def forms(self) -> list[str]:
        """The Urdu renderings, as written."""
        return [f.strip() for f in self.urdu.split("|") if f.strip()]


# History of what editors change (django-simple-history): one historical table per model, a row
# for every save and every delete (with the last state, so a deleted row can be restored), and
# who made it. Generated columns are left out: they follow from the text when a row is restored.
def _register_history() -> None:
    from simple_history import register

    register(Meeting, app="statements")
    register(Participation, app="statements")
    register(Speaker, app="statements")
    register(Role, app="statements")
    register(Topic, app="statements")
    register(Alias, app="statements", excluded_fields=["normalized", "name_key"])
    register(
        Claim,
        app="statements",
        # derived columns: topics have their own history, the rest follow from the meeting
        excluded_fields=["search_vector", "topic_ids", "date", "is_public"],
        m2m_fields=["topics"],
    )


_register_history()
