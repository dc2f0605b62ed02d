#!/usr/bin/env python3
"""Writes private_keys.json: development keys in every encoding JOSE reads and writes, made by
Python `cryptography` (an OpenSSL binding), plus signatures it made with them. Run once; the
output is committed. Usage: python3 generate_private_keys.py > private_keys.json"""
import base64, json, sys
import cryptography
from cryptography.hazmat.primitives import hashes, serialization as s
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

def b64u(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
def uint(n, size=None):
    size = size or max(1, (n.bit_length() + 7) // 8)
    return n.to_bytes(size, "big")
def pem(key, fmt): return key.private_bytes(s.Encoding.PEM, fmt, s.NoEncryption()).decode()

message = b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXYifQ"
out = {"generator": "python cryptography " + cryptography.__version__, "message": message.decode(), "rsa": [], "ec": []}
for bits in (2048, 3072):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    n = key.private_numbers()
    out["rsa"].append({
        "bits": bits,
        "pkcs8_pem": pem(key, s.PrivateFormat.PKCS8),
        "pkcs1_pem": pem(key, s.PrivateFormat.TraditionalOpenSSL),
        "jwk": {"kty": "RSA", "n": b64u(uint(n.public_numbers.n)), "e": b64u(uint(n.public_numbers.e)),
                "d": b64u(uint(n.d)), "p": b64u(uint(n.p)), "q": b64u(uint(n.q)),
                "dp": b64u(uint(n.dmp1)), "dq": b64u(uint(n.dmq1)), "qi": b64u(uint(n.iqmp))},
        "rs256_signature": b64u(key.sign(message, padding.PKCS1v15(), hashes.SHA256())),
    })
for curve, size, digest in ((ec.SECP256R1(), 32, hashes.SHA256()), (ec.SECP384R1(), 48, hashes.SHA384())):
    key = ec.generate_private_key(curve)
    n = key.private_numbers()
    r, s_ = decode_dss_signature(key.sign(message, ec.ECDSA(digest)))
    out["ec"].append({
        "crv": "P-256" if size == 32 else "P-384",
        "pkcs8_pem": pem(key, s.PrivateFormat.PKCS8),
        "sec1_pem": pem(key, s.PrivateFormat.TraditionalOpenSSL),
        "jwk": {"kty": "EC", "crv": "P-256" if size == 32 else "P-384", "x": b64u(uint(n.public_numbers.x, size)),
                "y": b64u(uint(n.public_numbers.y, size)), "d": b64u(uint(n.private_value, size))},
        "signature": b64u(uint(r, size) + uint(s_, size)),
    })
out["p521_sec1_pem"] = pem(ec.generate_private_key(ec.SECP521R1()), s.PrivateFormat.TraditionalOpenSSL)
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
