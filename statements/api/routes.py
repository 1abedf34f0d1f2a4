"""The JSON API, /api/v1/ (django-ninja): meetings, speakers, claims search, export, OpenAPI,
and its human-readable page (/api/v1/docs).

Endpoints only render: claims come from statements/search (SearchRequest.from_params on the
query string, then search()), everything else from the models' public querysets
(`Meeting.objects.published()`, `Speaker.objects.public()`, ...), the export from api/export.py.
Shapes are in api/schemas.py, instances become dicts in api/serializers.py; CORS, conditional
requests and the rate limit are in api/http.py. Every refusal is a JSON {"error", "field"}
with a 4xx status.
"""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_update
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Max, Prefetch
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, re_path, reverse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from statements.api import download, export, schemas, serializers
from statements.api.http import (
    ApiError,
    check_rate_limit,
    error_body,
    http_layer,
    json_error,
    reject_unknown_parameters,
)
from statements.models import Alias, Claim, Meeting, Participation, Passage, Speaker, Topic
from statements.search import SearchError, SearchRequest, search
from statements.search.facets import FACET_KINDS

ERRORS = {400: schemas.Error, 404: schemas.Error}
LIMITED = {400: schemas.Error, 429: schemas.Error}


class UrduJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Urdu as characters, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


# The human-readable page, /api/v1/docs: django-ninja's Swagger UI, whose files (CSS, bundle,
# and an init script that reads its settings from a JSON block, no inline code) the site serves
# itself ("ninja" is an installed app, so its static files are collected). No validator badge,
# which would fetch from swagger.io. Its stylesheet draws icons as data: URIs: the page, alone,
# allows those images.
DOCS = Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0})

api = NinjaAPI(
    title="Diplomatic statements archive",
    version="1",
    description="Who said what, in which meeting, verbatim, with its exact place in the source. "
    "Read-only and public: published meetings, and their claims except rejected ones.",
    urls_namespace="api-v1",
    renderer=UrduJSONRenderer(),
    openapi_url="/openapi.json",
    docs=DOCS,
    docs_url="/docs",
    docs_decorator=csp_update({"img-src": [SELF, "data:"]}),
)
api.add_decorator(reject_unknown_parameters, mode="view")


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    response = api.create_response(request, error_body(exc.message, exc.field), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def _invalid_parameter(request, exc: ValidationError):
    """ninja's parameter validation (types, bounds) as a 400 naming the parameter."""
    first = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
    field = loc[-1] if len(loc) > 1 else None
    message = first.get("msg", "invalid parameter")
    return api.create_response(
        request, error_body(f"{field}: {message}" if field else message, field), status=400
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, error_body("not found"), status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, error_body(str(exc)), status=exc.status_code)


def _page(request, queryset, page: int, page_size: int, paginator: Paginator | None = None):
    """One page of an ordered queryset and its count/next/previous links; 400 past the end.
    A search passes its own paginator, counted as the search counted."""
    paginator = paginator or Paginator(queryset, page_size)
    try:
        current = paginator.page(page)
    except InvalidPage:
        raise ApiError(
            400, f"page {page} is past the last page ({paginator.num_pages})", "page"
        ) from None

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    meta = {
        "count": paginator.count,
        "next": link(current.next_page_number()) if current.has_next() else None,
        "previous": link(current.previous_page_number()) if current.has_previous() else None,
    }
    return current.object_list, meta


ObjectId = Path(..., ge=1, le=schemas.MAX_ID)


@api.get("/meetings", response={200: schemas.MeetingPage, 400: schemas.Error}, tags=["meetings"])
def meetings(request, params: Query[schemas.PageParams]):
    """Published meetings, newest first."""
    rows, meta = _page(
        request, Meeting.objects.published().order_by("-date", "id"), params.page, params.page_size
    )
    request.api_last_modified = Meeting.objects.published().aggregate(m=Max("updated_at"))["m"]
    return {**meta, "results": [serializers.meeting(request, m) for m in rows]}


@api.get("/meetings/{id}", response={200: schemas.MeetingDetail, **ERRORS}, tags=["meetings"])
def meeting(request, id: int = ObjectId):
    """A published meeting with its participants, public claims, passages and source text."""
    found = get_object_or_404(Meeting.objects.published().select_related("source"), pk=id)
    claims = (
        Claim.objects.public()
        .filter(meeting=found)
        .select_related("speaker", "meeting")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name_en", "id")))
        .order_by("start", "id")
    )
    participations = (
        Participation.objects.public()
        .filter(meeting=found)
        .select_related("speaker")
        .order_by("id")
    )
    changed = claims.aggregate(m=Max("updated_at"))["m"]
    request.api_last_modified = max(filter(None, [found.updated_at, changed]))
    return {
        **serializers.meeting(request, found),
        "participants": [
            {"speaker": serializers.speaker_ref(p.speaker), "role": p.role} for p in participations
        ],
        "claims": [serializers.claim(request, c) for c in claims],
        "passages": list(
            Passage.objects.public()
            .filter(meeting=found)
            .order_by("position")
            .values(*serializers.PASSAGE)
        ),
        "source": serializers.source(found.source),
    }


@api.get("/speakers", response={200: schemas.SpeakerPage, 400: schemas.Error}, tags=["speakers"])
def speakers(request, params: Query[schemas.PageParams]):
    """Speakers of the published archive, by English name."""
    ordered = Speaker.objects.public().order_by("name_en", "name", "id")
    rows, meta = _page(request, ordered, params.page, params.page_size)
    return {**meta, "results": [serializers.speaker(request, s) for s in rows]}


@api.get("/speakers/{id}", response={200: schemas.SpeakerDetail, **ERRORS}, tags=["speakers"])
def speaker(request, id: int = ObjectId):
    """A speaker with every form (alias) the sources use for them."""
    found = get_object_or_404(Speaker.objects.public(), pk=id)
    aliases = Alias.objects.filter(speaker=found).order_by("text", "id").values("text", "language")
    return {**serializers.speaker(request, found), "aliases": list(aliases)}


def _search(request, scope: str = "search"):
    check_rate_limit(request, scope)
    for name, values in request.GET.lists():
        if any("\x00" in value for value in values):
            raise ApiError(400, f"{name} must not contain NUL characters", name)
    try:
        return SearchRequest.from_params(request.GET)
    except SearchError as exc:
        raise ApiError(400, exc.message, exc.field) from None
    except ValueError as exc:  # an id the parser could not read as a number
        raise ApiError(400, f"a parameter could not be read: {exc}") from None


def _facets(result) -> dict:
    return {
        name: [
            {"value": f.value, "label": f.label, "label_ur": f.label_ur, "count": f.count}
            for f in values
        ]
        for name, values in result.facets.items()
    }


@api.get("/claims", response={200: schemas.ClaimPage, **LIMITED}, tags=["claims"])
def claims(request, params: Query[schemas.ClaimParams]):
    """Search the public claims (the site's search, statements/search/), with facet counts
    when they are cached or the result is small (see `facets_complete`)."""
    result = search(_search(request))
    ordered = result.claims.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name_en", "id"))
    )
    paginator = result.paginator(params.page_size, rows=ordered)
    rows, meta = _page(request, ordered, params.page, params.page_size, paginator)
    meta["count"] = result.total  # past COUNT_LIMIT: the bound, with count_is_exact false
    with_q = bool(result.terms)
    results = []
    for claim in rows:
        item = serializers.claim(request, claim)
        item["rank"] = float(claim.rank) if with_q else None
        item["headline"] = str(result.headline(claim.text)) if with_q else None
        item["matched_as"] = getattr(claim, "matched_as", None)
        item["glosses"] = [{"urdu": u, "english": e} for u, e in result.glosses(claim.text)]
        results.append(item)
    facets = _facets(result)
    if not result.facets_complete:
        facets = {name: [] for name in FACET_KINDS}
    return {
        **meta,
        "results": results,
        "count_is_exact": result.count_is_exact,
        "facets": facets,
        "facets_complete": result.facets_complete,
        "corrected_query": result.corrected_query,
        "names": _names(result),
        "english": [
            {
                "english": term.text,
                "entries": term.entries,
                "searched_as": [r.urdu for r in term.renderings],
                "left_out": [r.urdu for r in term.dropped],
                "words_apart": [[r.urdu for r in p.renderings] for p in term.parts],
            }
            for term in result.plan.english
        ],
        "not_in_glossary": result.plan.english_unknown,
    }


@api.get("/claims/facets", response={200: schemas.ClaimFacets, **LIMITED}, tags=["claims"])
def claim_facets(request, params: Query[schemas.SearchParams]):
    """The facets of a search, counted exactly (and kept for the next asker until the archive
    changes): what /api/v1/claims leaves out of a large result's first response."""
    result = search(_search(request), facets="all")
    return {"count": result.total, "facets": _facets(result)}


def _names(result) -> list[dict]:
    """The names the query held, with the public speakers and the topics they were taken for."""
    ids = {i for n in result.names for i in n.speakers}
    public = Speaker.objects.public().in_bulk(ids)
    topics = Topic.objects.in_bulk({i for n in result.names for i in n.topics})
    return [
        {
            "text": n.text,
            "speakers": [serializers.speaker_ref(public[i]) for i in n.speakers if i in public],
            "topics": [serializers.topic_ref(topics[i]) for i in n.topics if i in topics],
        }
        for n in result.names
    ]


EXPORT_RESPONSE = {
    "responses": {
        200: {
            "description": "The whole published archive, streamed.",
            "content": {
                "application/x-ndjson": {
                    "schema": {"type": "string", "description": "One JSON object a line."}
                }
            },
        }
    }
}


@api.get(
    "/export",
    response={200: schemas.ExportDocument, **LIMITED},
    tags=["export"],
    openapi_extra=EXPORT_RESPONSE,
)
def export_archive(request, params: Query[schemas.ExportParams]):
    """The whole published archive in one self-describing document, streamed; the same bytes
    as `manage.py export` (apart from generated_at). ETag and Last-Modified describe the
    archive's state, so an unchanged archive answers a conditional request with 304."""
    check_rate_limit(request, "export")
    state = export.archive_state()
    request.api_last_modified = state.last_modified
    response = StreamingHttpResponse(
        export.stream(format=params.format, generated_at=timezone.now()),
        content_type=export.CONTENT_TYPES[params.format],
    )
    response["ETag"] = f'W/"{state.etag}-{params.format}"'
    response["Content-Disposition"] = f'inline; filename="archive.{params.format}"'
    return response


DOWNLOAD_RESPONSE = {
    "responses": {
        200: {
            "description": "Every claim of the search, in the search's order, streamed.",
            "content": {
                "text/csv": {
                    "schema": {
                        "type": "string",
                        "description": "UTF-8 with a byte-order mark; columns: "
                        + ", ".join(download.CSV_HEADER)
                        + ".",
                    }
                },
                "application/x-ndjson": {
                    "schema": {
                        "type": "string",
                        "description": 'A {"type":"search"} header, one {"type":"claim"} '
                        'object a line, then {"type":"end","count":n}.',
                    }
                },
            },
        }
    }
}


@api.get(
    "/claims/download",
    response={200: schemas.SearchDownload, **LIMITED},
    tags=["claims"],
    openapi_extra=DOWNLOAD_RESPONSE,
)
def download_claims(request, params: Query[schemas.DownloadParams]):
    """Every claim a search matches (the parameters of /api/v1/claims, q included), in its
    order, as CSV, NDJSON or JSON: streamed at constant memory, and rate-limited like the
    export. A bad parameter is a 400 before anything is sent."""
    req = _search(request, scope="export")
    result = search(req, facets="none")
    now = timezone.now()
    rows = download.Rows(
        claim_url=_url_pattern(request, "claim-detail", 987654321),
        meeting_url=_url_pattern(request, "meeting-detail", "slug-of-the-meeting"),
        accessed=timezone.localdate(now),
    )
    response = StreamingHttpResponse(
        download.stream(result.claims, params.format, rows, req.to_params(), now),
        content_type=download.CONTENT_TYPES[params.format],
    )
    name = f"claims-{now:%Y%m%d-%H%M%S}.{params.format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Result-Count"] = str(result.total) + ("" if result.count_is_exact else "+")
    return response


def _url_pattern(request, name: str, placeholder) -> str:
    """The absolute URL of `name` with "{}" for its one argument: the rows of a download take
    their permalinks from it, as the API's do from get_absolute_url()."""
    return request.build_absolute_uri(reverse(name, args=[placeholder])).replace(
        str(placeholder), "{}"
    )


def _json_not_found(request, *args, **kwargs):
    return json_error(404, "no such endpoint: see /api/v1/openapi.json")


def _with_http_layer(patterns: list) -> list:
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrapped.append(pattern)
            continue
        callback = _json_not_found if pattern.name == "api-root" else pattern.callback
        wrapped.append(
            URLPattern(pattern.pattern, http_layer(callback), pattern.default_args, pattern.name)
        )
    wrapped.append(re_path(r"^.*$", http_layer(_json_not_found)))
    return wrapped


def urlpatterns() -> list:
    """The API's routes, each behind the HTTP layer, with a JSON 404 for anything else."""
    patterns, _app_name, _namespace = api.urls
    return _with_http_layer(patterns)
