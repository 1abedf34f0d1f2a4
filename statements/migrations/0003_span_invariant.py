"""The verbatim-span invariant, in the database: text == source.text[start:end] for every
passage and claim, and a claim lies inside its passage of the same meeting.

A CHECK constraint cannot look at another table, so a trigger does; it raises SQLSTATE 23514
(check_violation), which Django reports as an IntegrityError.
"""

from django.db import migrations

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
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER passage_span_check BEFORE INSERT OR UPDATE OF start, "end", text, meeting_id
    ON statements_passage FOR EACH ROW EXECUTE FUNCTION statements_check_span();
CREATE TRIGGER claim_span_check BEFORE INSERT OR UPDATE OF start, "end", text, meeting_id, passage_id
    ON statements_claim FOR EACH ROW EXECUTE FUNCTION statements_check_span();
"""

DROP = """
DROP TRIGGER IF EXISTS claim_span_check ON statements_claim;
DROP TRIGGER IF EXISTS passage_span_check ON statements_passage;
DROP FUNCTION IF EXISTS statements_check_span();
"""


class Migration(migrations.Migration):
    dependencies = [("statements", "0002_schema")]

    operations = [migrations.RunSQL(SPAN_CHECK, DROP)]
