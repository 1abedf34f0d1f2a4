"""Claims of three more kinds (denial, demand, warning: what a report's verb of saying often
says: تردید، مطالبہ، خبردار), and the verbatim-span invariant of migration 0003 extended to a
claim's subject: when subject_start is set, subject_text == source.text[subject_start:
subject_end]. The check runs in the same trigger, on the source text it already reads, so it
costs no extra query.
"""

from django.db import migrations, models

KINDS = [
    ("assertion", "Assertion"),
    ("evaluation", "Evaluation"),
    ("commitment", "Commitment"),
    ("proposal", "Proposal"),
    ("denial", "Denial"),
    ("demand", "Demand"),
    ("warning", "Warning"),
]

SPAN_CHECK = """
CREATE OR REPLACE FUNCTION statements_check_span() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    source_text text;
    p record;
BEGIN
    SELECT s.text INTO source_text
      FROM statements_meeting m JOIN statements_source s ON s.id = m.source_id
     WHERE m.id = NEW.meeting_id;
    IF NEW.start < 0 OR NEW."end" > char_length(source_text) OR NEW."end" <= NEW.start THEN
        RAISE EXCEPTION 'span %..% lies outside the source text (length %)',
            NEW.start, NEW."end", char_length(source_text)
            USING ERRCODE = 'check_violation';
    END IF;
    IF substr(source_text, NEW.start + 1, NEW."end" - NEW.start) IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'text does not equal source.text[%:%]', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_TABLE_NAME = 'statements_claim' THEN
        SELECT meeting_id, start, "end" INTO p FROM statements_passage WHERE id = NEW.passage_id;
        IF p.meeting_id IS DISTINCT FROM NEW.meeting_id
           OR NEW.start < p.start OR NEW."end" > p."end" THEN
            RAISE EXCEPTION 'claim span %..% is not inside its passage of the same meeting',
                NEW.start, NEW."end"
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.subject_start IS NOT NULL AND (
            NEW.subject_end > char_length(source_text)
            OR substr(source_text, NEW.subject_start + 1, NEW.subject_end - NEW.subject_start)
               IS DISTINCT FROM NEW.subject_text
        ) THEN
            RAISE EXCEPTION 'subject_text does not equal source.text[%:%]',
                NEW.subject_start, NEW.subject_end
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS claim_span_check ON statements_claim;
CREATE TRIGGER claim_span_check BEFORE INSERT OR UPDATE OF start, "end", text, meeting_id,
    passage_id, subject_start, subject_end, subject_text
    ON statements_claim FOR EACH ROW EXECUTE FUNCTION statements_check_span();
"""

# Back to migration 0003's function and trigger.
REVERSE = """
CREATE OR REPLACE FUNCTION statements_check_span() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    source_text text;
    p record;
BEGIN
    SELECT s.text INTO source_text
      FROM statements_meeting m JOIN statements_source s ON s.id = m.source_id
     WHERE m.id = NEW.meeting_id;
    IF NEW.start < 0 OR NEW."end" > char_length(source_text) OR NEW."end" <= NEW.start THEN
        RAISE EXCEPTION 'span %..% lies outside the source text (length %)',
            NEW.start, NEW."end", char_length(source_text)
            USING ERRCODE = 'check_violation';
    END IF;
    IF substr(source_text, NEW.start + 1, NEW."end" - NEW.start) IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'text does not equal source.text[%:%]', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_TABLE_NAME = 'statements_claim' THEN
        SELECT meeting_id, start, "end" INTO p FROM statements_passage WHERE id = NEW.passage_id;
        IF p.meeting_id IS DISTINCT FROM NEW.meeting_id
           OR NEW.start < p.start OR NEW."end" > p."end" THEN
            RAISE EXCEPTION 'claim span %..% is not inside its passage of the same meeting',
                NEW.start, NEW."end"
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS claim_span_check ON statements_claim;
CREATE TRIGGER claim_span_check BEFORE INSERT OR UPDATE OF start, "end", text, meeting_id, passage_id
    ON statements_claim FOR EACH ROW EXECUTE FUNCTION statements_check_span();
"""


class Migration(migrations.Migration):
    dependencies = [("statements", "0011_speaker_kind_claim_subject")]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="kind",
            field=models.CharField(choices=KINDS, default="assertion", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="kind",
            field=models.CharField(choices=KINDS, default="assertion", max_length=20),
        ),
        migrations.RunSQL(SPAN_CHECK, REVERSE),
    ]
