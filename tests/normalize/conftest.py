"""Normalizer tests run offline: pythainlp must never try to download its corpora."""

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import socket
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail loudly if anything under test opens a connection."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("normalize tests must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield
