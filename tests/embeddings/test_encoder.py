import os
import shutil
import socket
import subprocess
import sys

import numpy as np
import pytest
from django.conf import settings

from embeddings import encoder


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_model_loads_with_the_network_blocked(no_network):
    encoder._model.cache_clear()
    vectors = encoder.encode(["Rust borrow checker", "salary negotiation"])
    assert vectors.shape == (2, encoder.DIMENSIONS)
    assert vectors.dtype == np.float32


def test_vectors_are_unit_length_and_related_texts_are_closer():
    offer, salary, garden, empty = encoder.encode(
        ["job offer", "salary negotiation for a senior role", "gardening tips", ""]
    )
    assert np.linalg.norm(offer) == pytest.approx(1.0, abs=1e-5)
    assert float(offer @ salary) > float(offer @ garden)
    assert not empty.any()


def test_a_batch_gives_the_same_vectors_as_one_text_at_a_time():
    texts = ["pair programming on Rust", "", "PostgreSQL vacuum tuning", "coffee chat"] * 70
    batch = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts[:4]])
    np.testing.assert_allclose(batch[:4], alone, atol=1e-6)


def test_a_process_without_any_network_loads_the_model():
    """In a network namespace of its own (only a loopback, down) nothing can be fetched."""
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False).returncode
    ):
        pytest.skip("this machine does not allow a process its own network namespace (unshare -rn)")
    code = (
        "import django; django.setup(); from embeddings import encoder; "
        "print(encoder.encode(['offline']).shape)"
    )
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "devhub.settings"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1, 256)"
