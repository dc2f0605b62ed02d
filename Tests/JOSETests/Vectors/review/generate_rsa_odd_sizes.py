#!/usr/bin/env python3
"""Regenerates rsa_odd_sizes_test.json: RSA signatures from Python `cryptography` (OpenSSL) over
moduli whose bit length is not a multiple of 64 (or 8). Run: python3 generate_rsa_odd_sizes.py"""
import json, os, secrets
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa, padding

HASHES = {"SHA-256": hashes.SHA256(), "SHA-384": hashes.SHA384(), "SHA-512": hashes.SHA512()}
# (bits, e): emBits = bits - 1 is a multiple of 8 for 2049/3073/4097 (PSS leading zero octet).
KEYS = [(2047, 65537), (2049, 65537), (2055, 65537), (2112, 65537), (2113, 3),
        (3071, 65537), (3073, 65537), (4095, 65537), (4097, 3)]

def probable_prime(n):
    if n % 2 == 0: return False
    d, r = n - 1, 0
    while d % 2 == 0: d, r = d // 2, r + 1
    for _ in range(40):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1): continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1: break
        else: return False
    return True

def prime(bits, e):
    while True:
        p = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if (p - 1) % e and probable_prime(p): return p

def key_of_exact_size(bits, e):
    # OpenSSL rounds odd sizes down, so the primes are made here and handed to cryptography.
    while True:
        p, q = prime((bits + 1) // 2, e), prime(bits // 2, e)
        n = p * q
        if n.bit_length() != bits or p == q: continue
        d = pow(e, -1, (p - 1) * (q - 1))
        return rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                     rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, n)).private_key()

def pss(h, salt): return padding.PSS(mgf=padding.MGF1(h), salt_length=salt)

groups = []
for bits, e in KEYS:
    key = key_of_exact_size(bits, e)
    n = key.public_key().public_numbers().n
    assert n.bit_length() == bits
    tests = []
    def add(msg, sig, pad, hname, valid, comment):
        tests.append({"tcId": len(tests) + 1, "msg": msg.hex(), "sig": sig.hex(), "padding": pad,
                      "hash": hname, "result": "valid" if valid else "invalid", "comment": comment})
    for hname, h in HASHES.items():
        hlen = h.digest_size
        for msg in (b"", os.urandom(1), os.urandom(77)):
            add(msg, key.sign(msg, padding.PKCS1v15(), h), "pkcs1v15", hname, True, "OpenSSL signature")
            add(msg, key.sign(msg, pss(h, hlen), h), "pss", hname, True, "OpenSSL signature, sLen = hLen")
        msg = os.urandom(20)
        add(msg, key.sign(msg, pss(h, 0), h), "pss", hname, False, "sLen = 0 (only sLen = hLen is accepted)")
        add(msg, key.sign(msg, pss(h, hlen + 1), h), "pss", hname, False, "sLen = hLen + 1")
        other = hashes.SHA1() if hname == "SHA-256" else hashes.SHA256()
        add(msg, key.sign(msg, padding.PSS(mgf=padding.MGF1(other), salt_length=hlen), h), "pss", hname, False,
            "MGF1 over a different hash")
        add(msg, key.sign(msg, padding.PKCS1v15(), h), "pss", hname, False, "PKCS#1 v1.5 signature checked as PSS")
        add(msg, key.sign(msg, pss(h, hlen), h), "pkcs1v15", hname, False, "PSS signature checked as PKCS#1 v1.5")
        sig = bytearray(key.sign(msg, padding.PKCS1v15(), h)); sig[-1] ^= 1
        add(msg, bytes(sig), "pkcs1v15", hname, False, "last signature bit flipped")
    groups.append({"keySize": bits, "n": format(n, "x"), "e": format(e, "x"), "tests": tests})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rsa_odd_sizes_test.json"), "w") as f:
    json.dump({"generator": "generate_rsa_odd_sizes.py", "testGroups": groups}, f, indent=1)
