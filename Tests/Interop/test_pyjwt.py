"""PyJWT validates an emulator token the way any OpenID Connect relying party would:
discovery document → jwks_uri → RS256 signature, issuer, audience, lifetime."""
from __future__ import annotations

import json
import urllib.request

import jwt
import pytest

import servers


def discovery(emulator) -> dict:
    with urllib.request.urlopen(emulator.values["AUTH_AUTHORITY"] + ".well-known/openid-configuration", timeout=30) as response:
        return json.load(response)


def test_pyjwt_verifies_emulator_token_from_discovery_and_jwks(emulator):
    document = discovery(emulator)
    assert document["issuer"].startswith("https://sts.windows.net/")
    token = servers.emulator_token(emulator)
    signing_key = jwt.PyJWKClient(document["jwks_uri"]).get_signing_key_from_jwt(token)
    claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=servers.API_RESOURCE,
                        issuer=document["issuer"], options={"require": ["exp", "iat", "nbf", "iss", "aud"]})
    assert claims["appid"] == servers.MSI_FUNC["client_id"]
    assert claims["roles"] == ["DoAll"]
    assert claims["ver"] == "1.0"
    assert jwt.get_unverified_header(token)["alg"] == "RS256"


def test_pyjwt_refuses_wrong_audience_and_tampered_token(emulator):
    document = discovery(emulator)
    token = servers.emulator_token(emulator)
    key = jwt.PyJWKClient(document["jwks_uri"]).get_signing_key_from_jwt(token).key
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, key, algorithms=["RS256"], audience="api://other", issuer=document["issuer"])
    header, payload, signature = token.split(".")
    tampered = ".".join([header, payload, ("A" if signature[0] != "A" else "B") + signature[1:]])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(tampered, key, algorithms=["RS256"], audience=servers.API_RESOURCE, issuer=document["issuer"])
