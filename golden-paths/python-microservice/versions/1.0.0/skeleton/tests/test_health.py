from fastapi.testclient import TestClient

from app import main

client = TestClient(main.app)


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
    assert client.get("/").json()["service"] == "${{ values.name }}"
