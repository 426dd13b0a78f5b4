"""HTTP entry point of ${{ values.name }}: health, readiness, metrics and the service's own routes."""
import os
import time

from fastapi import FastAPI, Request, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

SERVICE = ${{ values.name | tojson }}

app = FastAPI(title=SERVICE, description=${{ values.description | tojson }})

# The series the alert rules in chart/templates/prometheusrule.yaml select: keep their names and labels in step.
REQUESTS = Counter("http_requests", "HTTP requests answered, by method, route and status code.",
                   ["service", "method", "route", "status"])
LATENCY = Histogram("http_request_duration_seconds", "Time to answer an HTTP request, by method and route.",
                    ["service", "method", "route"])

_ready = {"value": os.environ.get("START_READY", "true") == "true"}


@app.middleware("http")
async def measure(request: Request, call_next):
    """Counts and times every request by its route's template (not the raw path, which would grow without bound).

    A handler that raises is answered 500 by the server, outside this middleware: it is counted here as the 500 it
    becomes, so the error-rate alert sees crashes, and the exception goes on to be answered and logged.
    """
    start = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception:
        _record(request, 500, start)
        raise
    _record(request, response.status_code, start)
    return response


def _record(request: Request, status_code: int, start: float) -> None:
    route = getattr(request.scope.get("route"), "path", "unmatched")
    REQUESTS.labels(SERVICE, request.method, route, str(status_code)).inc()
    LATENCY.labels(SERVICE, request.method, route).observe(time.perf_counter() - start)


@app.get("/healthz")
def healthz() -> dict:
    """Liveness: the process answers."""
    return {"status": "ok"}


@app.get("/readyz")
def readyz(response: Response) -> dict:
    """Readiness: the service can take traffic (dependencies reachable)."""
    if not _ready["value"]:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "not ready"}
    return {"status": "ready"}


@app.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    """Prometheus metrics, scraped through the chart's ServiceMonitor."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@app.get("/")
def root() -> dict:
    """What this service is."""
    return {"service": SERVICE, "owner": ${{ values.owner | tojson }}}
