"""openapi/aad-func.yaml stays in step with the code it documents."""
from __future__ import annotations

import re

import yaml

import servers


def test_reason_enum_lists_every_entra_auth_error_reason():
    source = (servers.REPO / "Sources/EntraAuth/Core/Errors/EntraAuthError.swift").read_text()
    body = source[source.index("public enum Reason"):source.index("public var reason")]
    reasons = re.findall(r"^\s+case (\w+)$", body, re.M)
    document = yaml.safe_load((servers.REPO / "openapi/aad-func.yaml").read_text())
    assert reasons and document["components"]["schemas"]["Problem"]["properties"]["reason"]["enum"] == reasons


def test_every_route_of_aad_func_is_documented():
    source = (servers.REPO / "samples/aad-func/AadFuncKit/AadFuncRoutes.swift").read_text()
    routes = set(re.findall(r'router\.get\("([^"]+)"', source)) | {"/.auth/me"}
    document = yaml.safe_load((servers.REPO / "openapi/aad-func.yaml").read_text())
    assert routes == set(document["paths"])
