"""A counter that changes whenever anything a search counts changes: claims, their topics,
meetings (publication), speakers and topics. Statement-level triggers bump it (one bump per
statement, so bulk loads stay cheap); cached facet counts are keyed by it, so a cached count
can never outlive the data it was counted from (statements/facets.py).

The new value comes from a sequence, which never hands out a number twice: a transaction that
bumps the counter and then rolls back leaves a number nobody will use again, so counts cached
inside it can never be taken for those of later data. The row itself is transactional, so other
sessions see the new number only with the data it stands for.
"""

from django.db import migrations

FORWARD = """
CREATE TABLE statements_archive_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
CREATE SEQUENCE statements_archive_version_seq;
INSERT INTO statements_archive_version VALUES (1, nextval('statements_archive_version_seq'));

CREATE FUNCTION statements_bump_archive_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statements_archive_version
       SET version = nextval('statements_archive_version_seq') WHERE id = 1;
    RETURN NULL;
END;
$$;
"""

TABLES = [
    "statements_claim",
    "statements_claim_topics",
    "statements_meeting",
    "statements_speaker",
    "statements_topic",
]
TRIGGERS = "".join(
    f"CREATE TRIGGER {table}_bumps_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION statements_bump_archive_version();\n"
    for table in TABLES
)

BACKWARD = (
    "".join(f"DROP TRIGGER IF EXISTS {table}_bumps_version ON {table};\n" for table in TABLES)
    + "DROP FUNCTION IF EXISTS statements_bump_archive_version();\n"
    + "DROP TABLE IF EXISTS statements_archive_version;\n"
    + "DROP SEQUENCE IF EXISTS statements_archive_version_seq;\n"
)


class Migration(migrations.Migration):
    dependencies = [("statements", "0006_editors_history")]

    operations = [migrations.RunSQL(FORWARD + TRIGGERS, BACKWARD)]
