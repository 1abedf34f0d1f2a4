"""The archive's version without a shared row lock.

Migration 0007 kept the version in one row that every write statement updated, so a writing
transaction held that row's lock until it committed: a long ingest made every editor's publish,
reject or reattribute wait for it (and, past gunicorn's timeout, fail). Now each write statement
on what a search counts (claims, their topics, meetings, speakers, topics) inserts a row into an
insert-only change log, with an id from the same sequence as before; inserts never wait for each
other. The version a reader sees (statements/search/facets.py archive_version) is the largest id
it can see and how many of the last 10,000 ids it can see: a committed change adds a row to what
the reader sees, whatever order transactions commit in, so the version changes when and only
when data the reader can see changed. (A transaction that stayed open while 10,000 other write
statements committed would go unnoticed when it commits: far beyond any ingest.) A rolled-back
change leaves an id nobody sees, so counts cached inside it can never be taken for later data.

The log keeps a row per write statement (editors make a few thousand a year); `changed_at` lets
an operator prune it, which only lowers the count and changes the version once more.
"""

from django.db import migrations

FORWARD = """
CREATE TABLE statements_archive_change (
    id bigint PRIMARY KEY DEFAULT nextval('statements_archive_version_seq'),
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO statements_archive_change (id) SELECT version FROM statements_archive_version;

CREATE OR REPLACE FUNCTION statements_bump_archive_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statements_archive_change DEFAULT VALUES;
    RETURN NULL;
END;
$$;

DROP TABLE statements_archive_version;
"""

BACKWARD = """
CREATE TABLE statements_archive_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO statements_archive_version
    SELECT 1, coalesce(max(id), nextval('statements_archive_version_seq'))
      FROM statements_archive_change;

CREATE OR REPLACE FUNCTION statements_bump_archive_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statements_archive_version
       SET version = nextval('statements_archive_version_seq') WHERE id = 1;
    RETURN NULL;
END;
$$;

DROP TABLE statements_archive_change;
"""


class Migration(migrations.Migration):
    dependencies = [("statements", "0012_span_check_linear")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
