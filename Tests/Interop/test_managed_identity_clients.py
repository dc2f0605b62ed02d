"""Real managed-identity clients get tokens from the emulator and aad-func accepts them.

azure-identity's ManagedIdentityCredential (sync: MSAL underneath; async: azure-identity's own
client) and MSAL's ManagedIdentityClient, in App Service mode (IDENTITY_ENDPOINT +
IDENTITY_HEADER) and IMDS mode (AZURE_POD_IDENTITY_AUTHORITY_HOST, which both libraries read),
for the system-assigned identity msi-func (holds DoAll) and the user-assigned reader-func
(by client ID, no role).
"""
from __future__ import annotations

import asyncio

import msal
import pytest
import requests
from azure.core.exceptions import ClientAuthenticationError
from azure.identity import CredentialUnavailableError, ManagedIdentityCredential
from azure.identity.aio import ManagedIdentityCredential as AsyncManagedIdentityCredential

import servers

SCOPE = servers.API_RESOURCE + "/.default"
IDENTITIES = {"system-assigned msi-func": (None, servers.MSI_FUNC, 200),
              "user-assigned reader-func": (servers.READER_FUNC["client_id"], servers.READER_FUNC, 403)}


def azure_identity_sync(client_id: str | None) -> str:
    credential = ManagedIdentityCredential(client_id=client_id) if client_id else ManagedIdentityCredential()
    return credential.get_token(SCOPE).token


def azure_identity_async(client_id: str | None) -> str:
    async def fetch() -> str:
        credential = AsyncManagedIdentityCredential(client_id=client_id) if client_id else AsyncManagedIdentityCredential()
        async with credential:
            return (await credential.get_token(SCOPE)).token
    return asyncio.run(fetch())


def msal_client(client_id: str | None) -> str:
    identity = msal.UserAssignedManagedIdentity(client_id=client_id) if client_id else msal.SystemAssignedManagedIdentity()
    client = msal.ManagedIdentityClient(identity, http_client=requests.Session())
    result = client.acquire_token_for_client(resource=servers.API_RESOURCE)
    assert "access_token" in result, result
    assert result["token_type"] == "Bearer"
    return result["access_token"]


CLIENTS = {"azure-identity sync": azure_identity_sync, "azure-identity async": azure_identity_async, "msal": msal_client}


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_token_is_accepted_by_aad_func(client, identity, mode, aad_func):
    client_id, expected, admin_status = IDENTITIES[identity]
    token = CLIENTS[client](client_id)

    status, claims, _ = servers.get(aad_func.values["URL"] + "/api/claims", token)
    assert status == 200, claims
    assert claims["appid"] == expected["client_id"]
    assert claims["oid"] == expected["object_id"]
    assert claims["aud"] == servers.API_RESOURCE

    status, body, headers = servers.get(aad_func.values["URL"] + "/api/admin", token)
    assert status == admin_status, body
    if admin_status == 403:
        assert body["reason"] == "insufficientAccess"
        assert body["requirement"] == 'anyRole("DoAll")'
        assert 'error="insufficient_scope"' in headers["WWW-Authenticate"]
    else:
        assert "DoAll" in body["roles"]


@pytest.mark.parametrize("selector", ["object_id", "resource_id"])
def test_sync_clients_select_user_assigned_identity_by_object_and_resource_id(selector, mode, aad_func):
    """Sync azure-identity sends object_id, and mi_res_id (App Service) or msi_res_id (IMDS)."""
    credential = ManagedIdentityCredential(identity_config={selector: servers.READER_FUNC[selector]})
    token = credential.get_token(SCOPE).token
    status, claims, _ = servers.get(aad_func.values["URL"] + "/api/claims", token)
    assert status == 200 and claims["oid"] == servers.READER_FUNC["object_id"]
    client = msal.ManagedIdentityClient(msal.UserAssignedManagedIdentity(**{selector: servers.READER_FUNC[selector]}),
                                        http_client=requests.Session())
    result = client.acquire_token_for_client(resource=servers.API_RESOURCE)
    assert servers.get(aad_func.values["URL"] + "/api/claims", result["access_token"])[1]["oid"] == servers.READER_FUNC["object_id"]


ASYNC_RESOURCE_ID_KEY = {"app_service": "mi_res_id", "imds": "msi_res_id"}


def async_token(identity_config: dict) -> str:
    async def fetch():
        credential = AsyncManagedIdentityCredential(identity_config=identity_config)
        async with credential:
            return (await credential.get_token(SCOPE)).token
    return asyncio.run(fetch())


def test_async_resource_id_is_refused_as_the_real_endpoints_would(mode, aad_func):
    """Async azure-identity 1.27 puts identity_config on the wire verbatim on App Service and IMDS,
    so identity_config={"resource_id": …} goes out as resource_id=, a parameter neither endpoint
    documents (App Service takes mi_res_id, IMDS msi_res_id; the sync client maps it). The emulator
    refuses it with 400 naming the right parameter — the client raises an authentication error —
    instead of minting a token Azure would not give."""
    with pytest.raises(ClientAuthenticationError) as raised:  # CredentialUnavailableError on IMDS
        async_token({"resource_id": servers.READER_FUNC["resource_id"]})
    assert ASYNC_RESOURCE_ID_KEY[mode] in str(raised.value)


def test_async_resource_id_with_the_hosts_own_parameter_works(mode, aad_func):
    """The workaround for async callers: name the host's parameter in identity_config."""
    token = async_token({ASYNC_RESOURCE_ID_KEY[mode]: servers.READER_FUNC["resource_id"]})
    status, claims, _ = servers.get(aad_func.values["URL"] + "/api/claims", token)
    assert status == 200 and claims["oid"] == servers.READER_FUNC["object_id"]


def test_unknown_user_assigned_identity_is_unavailable(mode, aad_func):
    credential = ManagedIdentityCredential(client_id="00000000-0000-4000-8000-000000000000")
    with pytest.raises(CredentialUnavailableError):
        credential.get_token(SCOPE)
