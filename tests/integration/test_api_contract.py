"""The OpenAPI document matches the real responses, and fuzzed requests never get a 500.

schemathesis generates requests from ``/api/v1/openapi.json`` (valid and invalid parameters)
against a real worker fed a small blog, and validates every response against the document.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from liveledger.api.openapi import DOCUMENT_MODELS, openapi_document
from liveledger.cli.publish_cmd import publish_lines
from tests.conftest import Broker, isolated_settings
from tests.integration import views_fixture as fx
from tests.support.worker import WorkerProcess, get_bytes, get_json

pytestmark = pytest.mark.kafka

schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture(scope="module")
def api_worker(broker: Broker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    tmp = tmp_path_factory.mktemp("api")
    settings = isolated_settings(broker.bootstrap, tmp / "state", api_token="contract-test-token")
    asyncio.run(publish_lines(settings, fx.lines()))
    w = WorkerProcess(settings, Path(tmp) / "worker.log").start()
    w.wait_processed(11)
    yield w
    w.stop()


@schema.parametrize()
@hsettings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_response_matches_the_document_and_none_is_a_500(
    case: schemathesis.Case, api_worker: WorkerProcess
) -> None:
    response = case.call(base_url=api_worker.url)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
    # Every check runs except "schema-valid requests are accepted": OpenAPI cannot say that `from`
    # must not be after `to`, so such a request is schema-valid yet rightly answered 400.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


def test_documents_validate_against_their_pydantic_models(api_worker: WorkerProcess) -> None:
    for view, model in DOCUMENT_MODELS.items():
        doc = get_json(f"{api_worker.url}/api/v1/{view}")
        assert doc["items"], f"{view} is empty: the test would prove nothing"
        model.model_validate(doc)
    served = orjson.loads(get_bytes(f"{api_worker.url}/api/v1/openapi.json"))
    assert served == openapi_document()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("/api/v1/casualties?region=ZZ-99", "region: 'ZZ-99' is not an ISO 3166-2 region"),
        ("/api/v1/casualties?day=2024-02-30", "day: '2024-02-30' is not a date"),
        ("/api/v1/strikes?colour=red", "unknown parameter 'colour' for strikes"),
        ("/api/v1/strikes?from=2024-11-21&to=2024-11-20", "is after to"),
        ("/api/v1/figures?claimant=a&claimant=b", "each parameter may be given once"),
        ("/api/v1/timeline?x=1", "unknown parameter 'x' for timeline"),
    ],
)
def test_bad_queries_get_400_with_a_clear_message(api_worker: WorkerProcess, query: str, message: str) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(api_worker.url + query, timeout=10)
    assert info.value.code == 400
    assert message in orjson.loads(info.value.read())["error"]["message"]


def _post(url: str, body: bytes, token: str | None) -> tuple[int, dict[str, object]]:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, orjson.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, orjson.loads(e.read())


def test_publishing_over_http_needs_the_token_and_reports_each_item(api_worker: WorkerProcess) -> None:
    url = f"{api_worker.url}/api/v1/entries"
    good = {
        "entry_id": "h1",
        "blog_id": fx.BLOG,
        "title": "Via HTTP",
        "body": "A quiet night in Kyiv.",
        "occurred_at": "2024-11-21T06:00:00Z",
    }
    assert _post(url, orjson.dumps(good), None)[0] == 401
    assert _post(url, orjson.dumps(good), "wrong")[0] == 401
    status, summary = _post(url, orjson.dumps([good, {"entry_id": "h2", "blog_id": fx.BLOG}]), "contract-test-token")
    assert status == 422
    assert summary["published"] == 1 and summary["duplicates"] == 0
    assert summary["rejected"] == [{"line": 2, "error": "body: Field required"}]
    status, again = _post(url, orjson.dumps(good), "contract-test-token")
    assert (status, again) == (200, {"published": 0, "duplicates": 1, "rejected": []})
    api_worker.wait_processed(12)
    timeline = get_json(f"{api_worker.url}/api/v1/timeline?blog={fx.BLOG}")
    assert "h1" in {item["entry_id"] for item in timeline["items"]}


def test_metrics_in_prometheus_text(api_worker: WorkerProcess) -> None:
    text = get_bytes(f"{api_worker.url}/metrics").decode()
    samples = {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }
    assert samples["liveledger_entries_processed_total"] >= 11
    assert samples["liveledger_contributions_applied_total"] > 0
    assert samples['liveledger_view_keys{view="casualties"}'] >= 1
    assert any(k.startswith("liveledger_consumer_lag{") for k in samples)
    assert "# TYPE liveledger_dead_letters_total counter" in text


def test_reads_can_be_protected(broker: Broker, tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    settings = isolated_settings(broker.bootstrap, tmp_path / "state", api_token="read-token")
    with WorkerProcess(settings, tmp_path / "w.log", LIVELEDGER_PROTECT_READS="true") as w:
        w.wait_ready()
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"{w.url}/api/v1/casualties", timeout=10)
        assert info.value.code == 401
        req = urllib.request.Request(f"{w.url}/api/v1/casualties", headers={"Authorization": "Bearer read-token"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert orjson.loads(resp.read())["view"] == "casualties"
