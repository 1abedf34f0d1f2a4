"""Editors' forms: a document to add, a claim's span kept verbatim, a claim split in two.

Every check the database makes (statements/migrations/0003_span_invariant.py: a claim's text is
`source.text[start:end]` and lies inside its paragraph) is made here first, so an editor sees
a clear message on the form instead of an IntegrityError.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from statements.ingest.metadata import LANGUAGE_CODE, SourceInfo
from statements.ingest.parse import MAX_DOCUMENT_BYTES, DocumentError, decode
from statements.models import Claim, Passage, Speaker


class DocumentForm(forms.Form):
    """An Urdu report pasted or uploaded, with the report it is (publisher, publication date,
    URL, languages) and, if needed, the meeting's date. The source's origin is the URL, else
    the file's name."""

    text = forms.CharField(
        label="Document text",
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 18,
                "cols": 90,
                "dir": "rtl",
                "lang": "ur",
                "data-max-bytes": MAX_DOCUMENT_BYTES,  # static/js/admin-document.js
            }
        ),
        help_text="Paste the report as published: the first line should be the date line, "
        "like '2015 /Nov/ 24 - title'.",
    )
    file = forms.FileField(
        label="…or a UTF-8 .txt file",
        required=False,
        help_text="Used instead of the pasted text when both are given.",
    )
    # The report, as citations name it (statements/citations.py): who published it and when
    # are required; its URL when there is one.
    publisher = forms.CharField(
        label="Publisher or outlet",
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto", "size": 60}),
        help_text="Who published the report, as it names itself (a paper, an agency, or the "
        "office whose service carries it), in Urdu or English. Citations name it as the author.",
    )
    publisher_en = forms.CharField(
        label="Publisher in English",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="For citations in English, when the name above is in Urdu.",
    )
    url = forms.URLField(
        label="Original URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 60}),
        help_text="Where the report was published, when there is one; leave it empty when "
        "unknown (pages then say so).",
    )
    published_on = forms.DateField(
        label="Publication date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the report was published (usually the date line's day).",
    )
    language = forms.RegexField(
        regex=LANGUAGE_CODE,
        initial="ur",
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"size": 4}),
        help_text="The report's language: an ISO 639 code (empty: ur, Urdu).",
        error_messages={"invalid": "an ISO 639 code of two or three letters, such as ur"},
    )
    original_language = forms.RegexField(
        regex=LANGUAGE_CODE,
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"size": 4}),
        help_text="Only for a translation: the original's language (en, fa, ar, ...).",
        error_messages={"invalid": "an ISO 639 code of two or three letters, such as fa"},
    )
    date = forms.DateField(
        label="Date of the meeting",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Needed only when the document has no date line; otherwise it replaces the "
        "date the line gives.",
    )

    def source_info(self) -> SourceInfo:
        """The report's metadata, from a valid form."""
        data = self.cleaned_data
        return SourceInfo(
            publisher=data["publisher"].strip(),
            publisher_en=data["publisher_en"].strip(),
            url=data["url"],
            published_on=data["published_on"],
            language=data["language"] or "ur",
            original_language=data["original_language"],
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise ValidationError("the file is larger than 2 MB; is it really one report?")
            try:
                cleaned["data"] = decode(upload.read())
            except DocumentError as exc:
                self.add_error("file", f"{upload.name}: {exc}")
                return cleaned
            cleaned["origin"] = cleaned.get("url") or upload.name
        else:
            text = (cleaned.get("text") or "").replace("\r\n", "\n")
            if not text.strip():
                self.add_error("text", "paste the document's text or choose a file")
                return cleaned
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > MAX_DOCUMENT_BYTES:
                self.add_error(
                    "text",
                    f"the pasted text is {size / 1e6:.1f} MB; a report can be at most "
                    f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB (is it really one report?)",
                )
                return cleaned
            cleaned["data"] = text
        cleaned["origin"] = cleaned.get("origin") or cleaned.get("url") or "pasted in the admin"
        return cleaned


class ClaimForm(forms.ModelForm):
    """A claim's fields, with its span checked against the source before the database sees it."""

    recompute_text = forms.BooleanField(
        required=False,
        label="Take the text from the offsets",
        help_text="Tick this after changing start/end: the text becomes source.text[start:end].",
    )

    class Meta:
        model = Claim
        fields = (
            "speaker",
            "kind",
            "review_status",
            "review_note",
            "text",
            "start",
            "end",
            "reporting_phrase",
            "attribution",
            "topics",
            "translation_en",
            "editor_note",
        )
        widgets = {
            "text": forms.Textarea(attrs={"dir": "rtl", "lang": "ur", "rows": 4}),
            "reporting_phrase": forms.TextInput(attrs={"dir": "rtl", "lang": "ur"}),
            "review_note": forms.Textarea(attrs={"dir": "auto", "rows": 2}),
            "editor_note": forms.Textarea(attrs={"dir": "auto", "rows": 3}),
            "translation_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].required = False  # may come from the offsets instead

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("review_status") == Claim.ReviewStatus.NEEDS_REVIEW and not cleaned.get(
            "review_note", self.instance.review_note
        ):
            self.add_error("review_note", "say why the claim needs review")
        meeting = cleaned.get("meeting") or (self.instance.meeting if self.instance.pk else None)
        start, end = cleaned.get("start"), cleaned.get("end")
        if meeting is None or start is None or end is None:
            return cleaned
        source = meeting.source.text
        if not 0 <= start < end <= len(source):
            raise ValidationError(
                f"start and end must satisfy 0 ≤ start < end ≤ {len(source)} (the length of "
                f"the source text); got {start} and {end}."
            )
        verbatim = source[start:end]
        if cleaned.get("recompute_text"):
            cleaned["text"] = verbatim
        elif cleaned.get("text") != verbatim:
            self.add_error(
                "text",
                f"the text must be exactly the source text from {start} to {end}, which is "
                f"«{verbatim[:120]}{'…' if len(verbatim) > 120 else ''}». Correct the "
                "offsets, or tick 'Take the text from the offsets'.",
            )
        passage = cleaned.get("passage")
        if passage is None or not (
            passage.meeting_id == meeting.pk and passage.start <= start and end <= passage.end
        ):
            inside = Passage.objects.filter(meeting=meeting, start__lte=start, end__gte=end).first()
            if inside is None:
                raise ValidationError(
                    "a claim must lie inside one paragraph of its meeting's source; "
                    f"{start}..{end} crosses a paragraph boundary."
                )
            cleaned["passage"] = self.instance.passage = inside
        return cleaned


class ClaimReviewForm(forms.ModelForm):
    """A claim's kind and review status, changed from its meeting's page."""

    class Meta:
        model = Claim
        fields = ("kind", "review_status")

    def clean(self):
        cleaned = super().clean()
        needs_review = cleaned.get("review_status") == Claim.ReviewStatus.NEEDS_REVIEW
        if needs_review and not self.instance.review_note:
            self.instance.review_note = "marked for review on the meeting's page"
        return cleaned


class SplitClaimForm(forms.Form):
    """Where to cut: the words the second claim begins with, or a position in the claim."""

    second_begins_with = forms.CharField(
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ur", "size": 60}),
        help_text="Copy the first words of the second claim from the text above.",
    )
    position = forms.IntegerField(
        required=False,
        min_value=1,
        help_text="…or the character position in the claim where the second claim begins.",
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean(self):
        cleaned = super().clean()
        text = self.claim.text
        words, position = cleaned.get("second_begins_with"), cleaned.get("position")
        if words:
            at = text.find(words, 1)
            if at < 0:
                raise ValidationError(f"«{words}» is not in the claim after its first character.")
        elif position is not None:
            at = position
        else:
            raise ValidationError("give the words the second claim begins with, or a position.")
        first_end = len(text[:at].rstrip())
        second_start = at + (len(text[at:]) - len(text[at:].lstrip()))
        if first_end == 0 or second_start >= len(text):
            raise ValidationError("both parts must keep some text: cut inside the claim.")
        cleaned["first"] = (self.claim.start, self.claim.start + first_end)
        cleaned["second"] = (self.claim.start + second_start, self.claim.end)
        return cleaned


class ReattributeForm(forms.Form):
    """The speaker a set of claims is given instead of the one the extractor chose."""

    speaker = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = Speaker.objects.all()


# Urdu fields are typed right to left and set in the Nastaliq face (static/css/admin.css); fields
# that may hold either script (aliases, places) take the direction of what is typed.
URDU = {"dir": "rtl", "lang": "ur"}
EITHER_SCRIPT = {"dir": "auto"}


class ScriptWidgetsMixin:
    """For model admins and inlines: `urdu_fields` are typed in Urdu, `either_script_fields` in
    Urdu or English; their inputs say so, so the browser sets them right."""

    urdu_fields: tuple[str, ...] = ()
    either_script_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.urdu_fields:
            field.widget.attrs.update(URDU)
        elif field is not None and db_field.name in self.either_script_fields:
            field.widget.attrs.update(EITHER_SCRIPT)
        return field
