def test_service_worker_is_served_from_the_root_without_logging_in(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert b"importScripts(" in response.content and b"sw-push" in response.content
