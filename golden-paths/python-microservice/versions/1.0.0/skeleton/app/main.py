"""HTTP entry point of ${{ values.name }}: health, readiness and the service's own routes."""
import os

from fastapi import FastAPI, Response, status

app = FastAPI(title="${{ values.name }}", description="${{ values.description }}")

_ready = {"value": os.environ.get("START_READY", "true") == "true"}


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


@app.get("/")
def root() -> dict:
    """What this service is."""
    return {"service": "${{ values.name }}", "owner": "${{ values.owner }}"}
