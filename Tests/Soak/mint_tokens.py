#!/usr/bin/env python3
"""Mints one token per class for the soak run, signed with the emulator's own signing key.

Usage: mint_tokens.py KEY.jwk KID ISSUER TENANT AUDIENCE > tokens.json
Prints {"valid": …, "roleless": …, "expired": …, "wrong-audience": …, "graph": …,
"bad-signature": …, "garbage": …}. Needs the `cryptography` package.
"""
import base64, json, sys, time, uuid
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64u_int(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def load_key(path: str) -> rsa.RSAPrivateKey:
    jwk = json.load(open(path))
    n, e, d, p, q = (b64u_int(jwk[k]) for k in ("n", "e", "d", "p", "q"))
    numbers = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, n))
    return numbers.private_key()


def sign(key, header: dict, claims: dict) -> str:
    signing_input = b64u(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64u(json.dumps(claims, separators=(",", ":")).encode())
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64u(signature)


def main() -> None:
    key_path, kid, issuer, tenant, audience = sys.argv[1:6]
    key = load_key(key_path)
    now = int(time.time())
    header = {"typ": "JWT", "alg": "RS256", "x5t": kid, "kid": kid}

    def claims(**changes):
        base = {"aud": audience, "iss": issuer, "iat": now - 60, "nbf": now - 60, "exp": now + 86400,
                "appid": "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e", "appidacr": "2", "idp": issuer, "idtyp": "app",
                "oid": "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e", "sub": "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e",
                "tid": tenant, "uti": uuid.uuid4().hex, "ver": "1.0", "roles": ["DoAll"]}
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    valid = sign(key, header, claims())
    head, payload, signature = valid.split(".")
    flipped = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    flipped[-1] ^= 1
    tokens = {
        "valid": valid,
        "roleless": sign(key, header, claims(roles=None)),
        "expired": sign(key, header, claims(iat=now - 7200, nbf=now - 7200, exp=now - 3600)),
        "wrong-audience": sign(key, header, claims(aud="api://some-other-api")),
        "graph": sign(key, dict(header, nonce=b64u(uuid.uuid4().bytes)), claims(aud="https://graph.microsoft.com")),
        "bad-signature": head + "." + payload + "." + b64u(bytes(flipped)),
        "garbage": "eyJub3QiOiJhIHRva2VuIn0.garbage.garbage",
    }
    json.dump(tokens, sys.stdout)


if __name__ == "__main__":
    main()
