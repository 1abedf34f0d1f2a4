"""The verbatim-span invariant of migration 0003, checked at a cost that grows with the document
once, not once per row.

0003 compared `substr(source.text, start + 1, length)` with each row's text in a row trigger:
every call detoasts the whole source and walks it from its first character, so a document of
n paragraphs cost n times its own length (5,000 one-sentence paragraphs took 16 s, 50,000 took
22 minutes). Here one statement-level trigger per table and event reads the rows a statement
wrote from its transition table, sorted by source and start, reads each source once as UTF-8
bytes, and walks it with a cursor that only moves forward: each row costs its own length plus
the gap from the previous row's start. The subject span a claim keeps (`subject_text` at
`subject_start`..`subject_end`) is checked the same way. Updates check only the rows whose span,
text, meeting or passage changed.

The checks and their errors are those of 0003 (SQLSTATE 23514, check_violation, which Django
reports as an IntegrityError), in the same order: the span lies inside the source, its text is
the source's text there, and a claim lies inside its passage of the same meeting.
"""

from django.db import migrations

FORWARD = r"""
DROP TRIGGER IF EXISTS claim_span_check ON statements_claim;
DROP TRIGGER IF EXISTS passage_span_check ON statements_passage;
DROP FUNCTION IF EXISTS statements_check_span();

-- Bytes taken by the k characters that start at byte offset b of UTF-8 `src`: decode at most
-- 4k bytes (no character is longer), cut back to a character boundary first.
CREATE FUNCTION statements_utf8_advance(src bytea, b integer, k integer) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    total integer := octet_length(src);
    n integer := least(4 * k, total - b);
BEGIN
    IF k <= 0 THEN
        RETURN 0;
    END IF;
    WHILE n > 0 AND b + n < total AND (get_byte(src, b + n) & 192) = 128 LOOP
        n := n - 1;
    END LOOP;
    RETURN octet_length(left(convert_from(substring(src FROM b + 1 FOR n), 'UTF8'), k));
END;
$$;

CREATE FUNCTION statements_check_spans() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed text;
    spans text;
    r record;
    current_source bigint;
    src bytea;
    src_chars integer;
    byte_pos integer;
    char_pos integer;
    expected bytea;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        changed := 'SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id '
                   'WHERE (n.start, n."end", n.text, n.meeting_id) '
                   'IS DISTINCT FROM (o.start, o."end", o.text, o.meeting_id)';
        IF TG_TABLE_NAME = 'statements_claim' THEN
            changed := changed || ' OR (n.subject_start, n.subject_end, n.subject_text, '
                       'n.passage_id) IS DISTINCT FROM (o.subject_start, o.subject_end, '
                       'o.subject_text, o.passage_id)';
        END IF;
    ELSE
        changed := 'SELECT n.* FROM new_rows n';
    END IF;
    IF TG_TABLE_NAME = 'statements_claim' THEN
        spans := 'SELECT meeting_id, start, "end", text FROM (' || changed || ') c '
                 'UNION ALL SELECT meeting_id, subject_start, subject_end, subject_text '
                 'FROM (' || changed || ') s WHERE subject_start IS NOT NULL';
    ELSE
        spans := 'SELECT meeting_id, start, "end", text FROM (' || changed || ') p';
    END IF;
    FOR r IN EXECUTE
        'SELECT m.source_id, x.start, x."end", x.text FROM (' || spans || ') x '
        'JOIN statements_meeting m ON m.id = x.meeting_id ORDER BY m.source_id, x.start'
    LOOP
        IF current_source IS DISTINCT FROM r.source_id THEN
            SELECT convert_to(s.text, 'UTF8'), char_length(s.text) INTO src, src_chars
              FROM statements_source s WHERE s.id = r.source_id;
            current_source := r.source_id;
            byte_pos := 0;
            char_pos := 0;
        END IF;
        IF r.start < 0 OR r."end" > src_chars OR r."end" <= r.start THEN
            RAISE EXCEPTION 'span %..% lies outside the source text (length %)',
                r.start, r."end", src_chars
                USING ERRCODE = 'check_violation';
        END IF;
        byte_pos := byte_pos + statements_utf8_advance(src, byte_pos, r.start - char_pos);
        char_pos := r.start;
        expected := convert_to(r.text, 'UTF8');
        IF char_length(r.text) <> r."end" - r.start
           OR substring(src FROM byte_pos + 1 FOR octet_length(expected)) <> expected THEN
            RAISE EXCEPTION 'text does not equal source.text[%:%]', r.start, r."end"
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    IF TG_TABLE_NAME = 'statements_claim' THEN
        EXECUTE 'SELECT c.start, c."end" FROM (' || changed || ') c '
                'LEFT JOIN statements_passage p ON p.id = c.passage_id '
                'WHERE p.meeting_id IS DISTINCT FROM c.meeting_id '
                'OR c.start < p.start OR c."end" > p."end" LIMIT 1' INTO r;
        IF r IS NOT NULL THEN
            RAISE EXCEPTION 'claim span %..% is not inside its passage of the same meeting',
                r.start, r."end"
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER passage_spans_inserted AFTER INSERT ON statements_passage
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION statements_check_spans();
CREATE TRIGGER passage_spans_updated AFTER UPDATE ON statements_passage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION statements_check_spans();
CREATE TRIGGER claim_spans_inserted AFTER INSERT ON statements_claim
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION statements_check_spans();
CREATE TRIGGER claim_spans_updated AFTER UPDATE ON statements_claim
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION statements_check_spans();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS claim_spans_updated ON statements_claim;
DROP TRIGGER IF EXISTS claim_spans_inserted ON statements_claim;
DROP TRIGGER IF EXISTS passage_spans_updated ON statements_passage;
DROP TRIGGER IF EXISTS passage_spans_inserted ON statements_passage;
DROP FUNCTION IF EXISTS statements_check_spans();
DROP FUNCTION IF EXISTS statements_utf8_advance(bytea, integer, integer);
"""


def _old_triggers():
    from importlib import import_module

    return import_module("statements.migrations.0003_span_invariant").SPAN_CHECK


class Migration(migrations.Migration):
    dependencies = [("statements", "0011_speaker_kind_claim_subject")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD + _old_triggers())]
