"""The one search of the archive, used by the pages, the API, the feeds and the admin.

- request.py: the URL state of a search, both ways (SearchRequest, query_string);
- syntax.py: the query language (web-search syntax, function words); tsquery.py: tsquery text;
- vocabulary.py: the archive's own words (word forms, compounds, near spellings);
- names.py: names typed in any script, as speakers and topics;
- plan.py: from a parsed query to what the database runs;
- expressions.py: the SQL expressions (TsQuery, Matches, Rank, InArray);
- engine.py: `search()`, the cascade; facets.py: facet counts; highlight.py: snippets.
"""

from statements.search.engine import Notice, SearchResult, search
from statements.search.highlight import highlight
from statements.search.plan import terms_of
from statements.search.request import SearchError, SearchRequest, clean_params, query_string

__all__ = [
    "Notice",
    "SearchError",
    "SearchRequest",
    "SearchResult",
    "clean_params",
    "highlight",
    "query_string",
    "search",
    "terms_of",
]
