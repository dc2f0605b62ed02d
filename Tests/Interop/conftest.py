"""Session fixtures: one emulator and one aad-func for the whole interop run."""
from __future__ import annotations

import pytest

import servers


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    running = servers.start_emulator(tmp_path_factory.mktemp("logs"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def aad_func(tmp_path_factory, emulator):
    running = servers.start_aad_func(tmp_path_factory.mktemp("logs"), emulator)
    yield running
    running.stop()


@pytest.fixture
def app_service_mode(monkeypatch, emulator):
    """The environment of an App Service / Functions host whose identity endpoint is the emulator."""
    for name in ("AZURE_POD_IDENTITY_AUTHORITY_HOST", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "AZURE_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IDENTITY_ENDPOINT", emulator.values["IDENTITY_ENDPOINT"])
    monkeypatch.setenv("IDENTITY_HEADER", emulator.values["IDENTITY_HEADER"])
    return "app_service"


@pytest.fixture
def imds_mode(monkeypatch, emulator):
    """The environment of a VM whose IMDS is the emulator (AZURE_POD_IDENTITY_AUTHORITY_HOST)."""
    for name in ("IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "AZURE_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", emulator.values["AZURE_POD_IDENTITY_AUTHORITY_HOST"])
    return "imds"


@pytest.fixture(params=["app_service", "imds"])
def mode(request):
    """Each test runs once per managed-identity host kind."""
    return request.getfixturevalue(f"{request.param}_mode")
