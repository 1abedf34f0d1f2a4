"""Each claim carries the sorted ids of its topics (`topic_ids`), kept by the database; the text
indexes no longer keep a pending list.

Why: a search's topic facet joined every tag of the archive to the matched claims (at 1M claims
a word in 80k of them hashed 790k tag rows: 0.25 s of a 1.3 s search), and topic and country
filters probed the tag table once per matched claim. The claim row is read for the text match
anyway, so its topics are counted and filtered there (`unnest`, `&&`); a GIN index on the array
serves a topic filter without a query.

How it stays true: the claim's BEFORE INSERT OR UPDATE trigger sets `topic_ids` from the tag
table, so a value saved from Python (a stale instance, a bulk update) never lands; statement
triggers on the tag table rewrite the claims whose tags changed, and only those whose ids differ,
locking them in id order. The price: a tag change rewrites its claim row (the array is indexed,
so the update is not in place). Bulk loads therefore write tags before their claims where the
ids are known (make_corpus, the export importer; the foreign keys are deferred), and the insert
trigger fills the array once; `retag` commits a chunk at a time.

`fastupdate = off`: GIN's pending list makes writes cheaper by making every search scan the
list's unmerged entries (at 1M claims about 6k of them, 10 ms of each text match). The archive
is written a document at a time and searched constantly, so entries go into the index directly.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

TOPIC_IDS = """
(SELECT coalesce(array_agg(ct.topic_id ORDER BY ct.topic_id), '{}')
   FROM statements_claim_topics ct WHERE ct.claim_id = %s)
"""

FORWARD = f"""
CREATE FUNCTION statements_claim_topic_ids() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.topic_ids := {TOPIC_IDS % "NEW.id"};
    RETURN NEW;
END;
$$;
CREATE TRIGGER claim_topic_ids BEFORE INSERT OR UPDATE ON statements_claim
    FOR EACH ROW EXECUTE FUNCTION statements_claim_topic_ids();

CREATE FUNCTION statements_claim_topics_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- changed_rows: the claim ids of the statement's inserted, deleted or updated tag rows.
    -- Their claims are locked in id order first, so two such statements never deadlock.
    PERFORM 1 FROM statements_claim
      WHERE id IN (SELECT claim_id FROM changed_rows) ORDER BY id FOR NO KEY UPDATE;
    UPDATE statements_claim c SET topic_ids = x.ids
      FROM (SELECT k.claim_id, {TOPIC_IDS % "k.claim_id"} AS ids
              FROM (SELECT DISTINCT claim_id FROM changed_rows) k) x
     WHERE c.id = x.claim_id AND c.topic_ids IS DISTINCT FROM x.ids;
    RETURN NULL;
END;
$$;
"""

# A trigger with transition tables takes one event: one trigger per event, each naming its rows
# `changed_rows` for the one function. An update that moves a tag to another claim changes both.
EVENTS = {
    "insert": ("INSERT", "NEW"),
    "delete": ("DELETE", "OLD"),
    "update_new": ("UPDATE", "NEW"),
    "update_old": ("UPDATE", "OLD"),
}
TRIGGERS = "".join(
    f"CREATE TRIGGER claim_topics_{name} AFTER {event} ON statements_claim_topics "
    f"REFERENCING {rows} TABLE AS changed_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION statements_claim_topics_changed();\n"
    for name, (event, rows) in EVENTS.items()
) + (
    "CREATE TRIGGER claim_topics_truncate AFTER TRUNCATE ON statements_claim_topics "
    "FOR EACH STATEMENT EXECUTE FUNCTION statements_claim_topics_truncated();\n"
)

TRUNCATED = """
CREATE FUNCTION statements_claim_topics_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE statements_claim SET topic_ids = '{}' WHERE topic_ids <> '{}';
    RETURN NULL;
END;
$$;
"""

BACKFILL = """
UPDATE statements_claim c SET topic_ids = x.ids
  FROM (SELECT claim_id, array_agg(topic_id ORDER BY topic_id) AS ids
          FROM statements_claim_topics GROUP BY claim_id) x
 WHERE c.id = x.claim_id;
"""

BACKWARD = """
DROP TRIGGER claim_topics_insert ON statements_claim_topics;
DROP TRIGGER claim_topics_delete ON statements_claim_topics;
DROP TRIGGER claim_topics_update_new ON statements_claim_topics;
DROP TRIGGER claim_topics_update_old ON statements_claim_topics;
DROP TRIGGER claim_topics_truncate ON statements_claim_topics;
DROP TRIGGER claim_topic_ids ON statements_claim;
DROP FUNCTION statements_claim_topics_truncated();
DROP FUNCTION statements_claim_topics_changed();
DROP FUNCTION statements_claim_topic_ids();
"""

GIN_INDEXES = ("claim_search_gin", "passage_search_gin")


class Migration(migrations.Migration):
    dependencies = [("statements", "0008_gazetteer")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="topic_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                blank=True,
                db_default=[],
                default=list,
                editable=False,
                size=None,
            ),
        ),
        # Triggers first: a tag written while the migration runs is then never missed.
        migrations.RunSQL(FORWARD + TRUNCATED + TRIGGERS, BACKWARD),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False, fields=["topic_ids"], name="claim_topic_ids_gin"
            ),
        ),
        # The text indexes keep their entries; only their storage parameter changes (no rebuild).
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "".join(
                        f"ALTER INDEX {name} SET (fastupdate = off); "
                        f"SELECT gin_clean_pending_list('{name}'::regclass); "
                        for name in GIN_INDEXES
                    ),
                    "".join(f"ALTER INDEX {name} RESET (fastupdate); " for name in GIN_INDEXES),
                )
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="claim", name="claim_search_gin"),
                migrations.AddIndex(
                    model_name="claim",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fastupdate=False, fields=["search_vector"], name="claim_search_gin"
                    ),
                ),
                migrations.RemoveIndex(model_name="passage", name="passage_search_gin"),
                migrations.AddIndex(
                    model_name="passage",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fastupdate=False, fields=["search_vector"], name="passage_search_gin"
                    ),
                ),
            ],
        ),
    ]
