"""Facet counts (speaker, topic, country, year) over a filtered claims queryset, exact, in one
statement: the matching claims are found once (a materialised CTE over the same query the
results come from) and grouped four ways, so counts always agree with the results and the text
search is not run four times. The one SQL string here exists because Django cannot express
one CTE feeding four GROUP BYs; every value in it is a parameter of the claims query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear


@dataclass
class Facet:
    value: str  # what goes back into the request (an id or a code)
    label: str
    count: int
    label_ur: str = ""


FACETS_SQL = """
WITH matched AS MATERIALIZED ({claims})
SELECT 'speaker', s.id::text, coalesce(nullif(s.name_en, ''), s.name), s.name, x.n
  FROM (SELECT speaker_id, count(*) AS n FROM matched GROUP BY speaker_id) x
  JOIN statements_speaker s ON s.id = x.speaker_id
UNION ALL
SELECT 'topic', t.id::text, t.name_en, t.name, x.n
  FROM (SELECT ct.topic_id, count(*) AS n FROM matched
          JOIN statements_claim_topics ct ON ct.claim_id = matched.id GROUP BY ct.topic_id) x
  JOIN statements_topic t ON t.id = x.topic_id
UNION ALL
SELECT 'country', s.country, s.country, '', sum(x.n)
  FROM (SELECT speaker_id, count(*) AS n FROM matched GROUP BY speaker_id) x
  JOIN statements_speaker s ON s.id = x.speaker_id
 WHERE s.country <> '' GROUP BY s.country
UNION ALL
SELECT 'year', year::text, year::text, '', count(*) FROM matched GROUP BY year
"""


def facets(claims: QuerySet) -> dict[str, list[Facet]]:
    """Counts of the claims in `claims` per speaker, topic, speaker's country and year."""
    out: dict[str, list[Facet]] = {"speaker": [], "topic": [], "country": [], "year": []}
    if claims.query.is_empty():
        return out
    inner = claims.order_by().values("id", "speaker_id", year=ExtractYear("meeting__date"))
    sql, params = inner.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(FACETS_SQL.format(claims=sql), params)
        for kind, value, label, label_ur, n in cursor.fetchall():
            out[kind].append(Facet(value, label or value, int(n), label_ur))
    for kind in ("speaker", "topic", "country"):
        out[kind].sort(key=lambda f: (-f.count, f.label))
    out["year"].sort(key=lambda f: f.value, reverse=True)
    return out
