from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app import main

client = TestClient(main.app)


@main.app.get("/test-only/crash")
def crash() -> dict:
    """A handler with a bug: it raises instead of answering."""
    raise RuntimeError("a bug")


# answers a crash with the 500 a real server sends, instead of raising it into the test
crashing_client = TestClient(main.app, raise_server_exceptions=False)


def test_healthz_answers_ok():
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_by_default():
    response = client.get("/readyz")
    assert response.status_code == 200


def test_readyz_reports_not_ready():
    main._ready["value"] = False
    try:
        assert client.get("/readyz").status_code == 503
    finally:
        main._ready["value"] = True


def test_root_names_the_service():
    assert client.get("/").json()["service"] == ${{ values.name | tojson }}


def samples(name):
    """The samples of one metric family on /metrics, as (labels, value) pairs."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return [(s.labels, s.value) for family in text_string_to_metric_families(response.text)
            for s in family.samples if s.name == name]


def count(route, status):
    """How many requests to the route answered with the status, as the error-rate alert counts them."""
    wanted = {"service": ${{ values.name | tojson }}, "method": "GET", "route": route, "status": status}
    return sum(value for labels, value in samples("http_requests_total") if labels == wanted)


def test_metrics_count_requests_by_route_and_status():
    before = count("/healthz", "200"), count("/readyz", "503"), count("unmatched", "404")
    client.get("/healthz")
    main._ready["value"] = False
    try:
        client.get("/readyz")
    finally:
        main._ready["value"] = True
    client.get("/no/such/page")
    assert (count("/healthz", "200"), count("/readyz", "503"), count("unmatched", "404")) == tuple(b + 1 for b in before)


def test_metrics_time_requests_for_the_latency_alert():
    client.get("/healthz")
    buckets = [labels for labels, _ in samples("http_request_duration_seconds_bucket")
               if labels.get("route") == "/healthz"]
    assert buckets, "no latency histogram for /healthz"
    assert all(labels["service"] == ${{ values.name | tojson }} and "le" in labels for labels in buckets)


def test_a_crash_counts_as_a_500_for_the_error_rate_alert():
    before = count("/test-only/crash", "500")
    timed_before = timed("/test-only/crash")
    assert crashing_client.get("/test-only/crash").status_code == 500
    assert count("/test-only/crash", "500") == before + 1
    assert timed("/test-only/crash") == timed_before + 1


def timed(route):
    """How many requests to the route the latency histogram holds."""
    return sum(value for labels, value in samples("http_request_duration_seconds_count") if labels.get("route") == route)
