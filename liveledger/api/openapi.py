"""The OpenAPI 3.1 document of the API, built from the pydantic models of its responses."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from liveledger.api.audit_status import VerifyRun
from liveledger.api.models import (
    DOCUMENT_MODELS,
    AuditState,
    Explanation,
    Health,
    Incident,
    Moments,
    Problem,
    PublishSummary,
    TimelineDocument,
)
from schemas.facts import METRICS
from streams.query.documents import PARAMS, known_region_codes

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"}
_DATE: dict[str, Any] = {"type": "string", "format": "date"}


def _param_docs() -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        "region": (
            "ISO 3166-2 region or ISO 3166-1 country code, e.g. UA-63",
            {"type": "string", "enum": sorted(known_region_codes())},
        ),
        "day": ("One day, YYYY-MM-DD", _DATE),
        "from": ("First day included, YYYY-MM-DD (not after `to`)", _DATE),
        "to": ("Last day included, YYYY-MM-DD", _DATE),
        "weapon": ("Weapon, e.g. drone, missile, guided-bomb", _TEXT),
        "actor": ("Who carried out the strike", _TEXT),
        "claimant": ("Who asserts the figure", _TEXT),
        "metric": ("Metric name, e.g. troops", {"type": "string", "enum": list(METRICS)}),
        "subject": ("What is counted, e.g. North Korean troops", _TEXT),
    }


_AS_OF: dict[str, Any] = {
    "name": "as_of",
    "in": "query",
    "required": False,
    "description": "A moment on liveledger's clock (ISO date or datetime with a timezone): the document as it "
    "stood then, answered from the worker's state; the bytes of `liveledger replay --as-of T`. 410 when the "
    "moment is before the kept history (LIVELEDGER_ASOF_HORIZON_S)",
    "schema": {"type": "string", "minLength": 10},
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_response(desc: str, schema: str) -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {"schema": _ref(schema)}}}


def _audit_paths(bad: dict[str, Any]) -> dict[str, Any]:
    """Explain, export and the verified badge (``liveledger.api.audit_routes``)."""
    path_param = {"in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
    return {
        "/api/v1/explain/{view}/{key}": {
            "get": {
                "summary": "Every contribution behind one view value, from the worker's state (as `audit explain`)",
                "operationId": "explain",
                "parameters": [
                    {"name": "view", **path_param, "schema": {"type": "string", "enum": list(PARAMS)}},
                    {"name": "key", **path_param, "description": "the view key, e.g. UA-63/2024-11-20/guided-bomb"},
                ],
                "responses": {
                    "200": _json_response("The value and its contributions, oldest first", "Explanation"),
                    "404": _json_response("No such view, or no entry ever contributed to the key", "Problem"),
                },
            }
        },
        "/api/v1/export/{what}": {
            "get": {
                "summary": "Incidents or claims as `audit export` gives them",
                "operationId": "export",
                "parameters": [
                    {"name": "what", **path_param, "schema": {"type": "string", "enum": ["incidents", "claims"]}},
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["csv", "jsonl"]},
                    },
                    _AS_OF,
                ],
                "responses": {
                    "200": {
                        "description": "The rows, as a download",
                        "content": {
                            "text/csv": {"schema": {"type": "string"}},
                            "application/x-ndjson": {"schema": {"type": "string"}},
                        },
                    },
                    "400": bad,
                    "404": _json_response("Nothing to export under that name", "Problem"),
                },
            }
        },
        "/api/v1/audit/status": {
            "get": {
                "summary": "The hash chain as the worker checked it, per blog, and the last `audit verify` run",
                "operationId": "audit_status",
                "responses": {"200": _json_response("Chain and verify status", "AuditState")},
            }
        },
        "/api/v1/audit/verify-runs": {
            "post": {
                "summary": "Report an `audit verify` run (what `audit verify --report URL` sends); needs the API token",
                "operationId": "post_verify_run",
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("VerifyRun")}},
                },
                "responses": {
                    "200": {
                        "description": "The run as kept: the `verify` part of /api/v1/audit/status",
                        "content": {"application/json": {"schema": _ref("VerifyRun")}},
                    },
                    "400": _json_response("Not JSON, or not a verify run: the message names the field", "Problem"),
                    "401": _json_response("Missing or wrong token", "Problem"),
                },
            }
        },
    }


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    models: list[type[BaseModel]] = [
        Problem, Health, PublishSummary, Incident, Explanation, AuditState, VerifyRun, TimelineDocument, Moments,
        *DOCUMENT_MODELS.values(),
    ]  # fmt: skip
    schemas: dict[str, Any] = {}
    for m in models:
        s = m.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(s.pop("$defs", {}))
        schemas[m.__name__] = s
    bad = _json_response("Bad query: the message names the parameter", "Problem")
    paths: dict[str, Any] = {}
    param_docs = _param_docs()
    for view, params in PARAMS.items():
        paths[f"/api/v1/{view}"] = {
            "get": {
                "summary": f"The {view} view, filtered",
                "operationId": f"get_{view}",
                "parameters": [
                    {
                        "name": p,
                        "in": "query",
                        "required": False,
                        "description": param_docs[p][0],
                        "schema": param_docs[p][1],
                    }
                    for p in params
                ]
                + [_AS_OF],
                "responses": {
                    "200": _json_response(f"The {view} document", DOCUMENT_MODELS[view].__name__),
                    "400": bad,
                    "410": _json_response("as_of is before the history the worker keeps", "Problem"),
                },
            }
        }
    paths["/api/v1/timeline"] = {
        "get": {
            "summary": "Live entries, newest published first, each with its figures",
            "operationId": "get_timeline",
            "parameters": [
                {"name": "blog", "in": "query", "required": False, "description": "Only this blog", "schema": _TEXT},
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "description": "Only the newest N entries; `total` then says how many there are",
                    "schema": {"type": "integer", "minimum": 1},
                },
                _AS_OF,
            ],
            "responses": {
                "200": _json_response("The timeline document", "TimelineDocument"),
                "400": bad,
                "410": _json_response("as_of is before the history the worker keeps", "Problem"),
            },
        }
    }
    paths["/api/v1/moments"] = {
        "get": {
            "summary": "The time slider's track: every entry event's acceptance time and where the story changed",
            "operationId": "get_moments",
            "responses": {"200": _json_response("Moments, sorted", "Moments")},
        }
    }
    paths["/api/v1/casualties/incidents/{incident_id}"] = {
        "get": {
            "summary": "One casualty incident, from whichever worker holds it",
            "operationId": "get_incident",
            "parameters": [
                {
                    "name": "incident_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1},
                    "description": "area/day/kind, e.g. UA-63/2024-11-20/guided-bomb",
                }
            ],
            "responses": {
                "200": _json_response("The incident", "Incident"),
                "404": _json_response("No such incident", "Problem"),
            },
        }
    }
    paths["/api/v1/health"] = {
        "get": {
            "summary": "Worker health",
            "operationId": "health",
            "responses": {
                "200": _json_response("Ready: broker reachable, tables recovered", "Health"),
                "503": _json_response("Not ready: recovering, or the broker is unreachable", "Health"),
            },
        }
    }
    paths.update(_audit_paths(bad))
    paths["/api/v1/entries"] = {
        "post": {
            "summary": "Publish entries (JSON object or array, the publish input shape); needs the API token",
            "operationId": "post_entries",
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {}}}},
            "responses": {
                "200": _json_response("All published or duplicates", "PublishSummary"),
                "422": _json_response("Some rejected; the rest published", "PublishSummary"),
                "400": bad,
                "401": _json_response("Missing or wrong token", "Problem"),
                "403": _json_response("Publishing over HTTP is off", "Problem"),
                "413": _json_response("Body over the size limit", "Problem"),
                "503": _json_response("The broker did not acknowledge in time; retry", "Problem"),
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "liveledger", "version": "1", "description": "Views of live-blog figures."},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
