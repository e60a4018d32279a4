"""pytest-lsp set-up: the real server process (`python -m gradguard server`) over stdio."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_lsp
from lsp_client import RecordingClient, capabilities, make_client
from lsprotocol import types
from pytest_lsp import ClientServerConfig

SERVER_COMMAND = [sys.executable, "-m", "gradguard", "server"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "lsp_init(options=None, encodings=None): initializationOptions and position encodings",
    )


@pytest_lsp.fixture(config=ClientServerConfig(SERVER_COMMAND, client_factory=make_client))
async def client(
    lsp_client: RecordingClient, request: pytest.FixtureRequest
) -> AsyncIterator[None]:
    marker = request.node.get_closest_marker("lsp_init")
    kwargs: dict[str, Any] = marker.kwargs if marker else {}
    # jedi off unless a test asks: its second, slower pass would publish again (see test_jedi_pass)
    options = {"jedi": False, **kwargs.get("options", {})}
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(kwargs.get("encodings")),
            initialization_options=options,
        )
    )
    yield
    await lsp_client.shutdown_session()
