#!/usr/bin/env python3
"""Regenerates the committed seed corpora from the test vectors already in the repository.

Run from the repository root: python3 Tests/Fuzz/Corpus/generate-seeds.py
Only needed when the vectors change; Tests/Fuzz/run.sh uses the committed files and needs no Python.
"""
import base64, hashlib, hmac, json, os, re

ROOT = 'Tests/Fuzz/Corpus'
JOSE = 'Tests/JOSETests/Vectors'


def write(target, name, data):
    os.makedirs(f'{ROOT}/{target}', exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(f'{ROOT}/{target}/{name}', 'wb') as f:
        f.write(data)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def load(path):
    with open(f'{JOSE}/{path}') as f:
        return json.load(f)


# http-request-parser: every distinct llhttp request fixture, plus a few shapes of this product.
llhttp = json.load(open('Tests/HTTPServerTests/Vectors/llhttp/request-index.json'))
seen = set()
for test in llhttp['tests']:
    data = bytes.fromhex(test['input_hex'])
    if not data or data in seen:
        continue
    seen.add(data)
    slug = re.sub(r'[^a-z0-9]+', '-', (test['file'].split('/')[-1][:-3] + '-' + test['title']).lower()).strip('-')[:60]
    write('http-request-parser', f'llhttp-{len(seen) - 1:03d}-{slug}', data)
own = {
    'own-pipelined-bearer': 'GET /api/claims?x=1&y=%20z HTTP/1.1\r\nHost: localhost:8080\r\nAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    'own-chunked-trailers': 'POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Sum: 5\r\n\r\n',
    'own-absolute-form': 'GET http://example.com:80/a/b?q HTTP/1.1\r\nHost: other\r\n\r\n',
    'own-expect-continue': 'POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello',
    'own-connect': 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    'own-options-star': 'OPTIONS * HTTP/1.0\r\n\r\n',
}
for name, text in own.items():
    write('http-request-parser', name, text)

# RFC 7515 appendix A: tokens, header and payload JSON, keys.
rfc = load('jose/rfc7515-appendix-a.json')['examples']
for example in rfc:
    section = example['section'].replace('.', '')
    write('jws-verifier', f'rfc7515-{section}-{example["alg"]}', example['compact'])
    write('json-reader', f'rfc7515-{section}-header', example['protected_header_json'])
    write('json-reader', f'rfc7515-{section}-payload', example['payload'])
    if 'jwk' in example:
        public = {k: v for k, v in example['jwk'].items() if k in ('kty', 'crv', 'x', 'y', 'n', 'e', 'k')}
        write('key-parsing', f'rfc7515-{section}-jwk', json.dumps(public))
        write('json-reader', f'rfc7515-{section}-jwk', json.dumps(example['jwk']))

# Tokens that reach the success path of the fuzz target's key set (kid "hmac" / "rsa" / "ec").
secret = base64.urlsafe_b64decode(rfc[0]['jwk']['k'] + '==')
for alg, digest in (('HS256', hashlib.sha256), ('HS384', hashlib.sha384), ('HS512', hashlib.sha512)):
    signing_input = b64u(json.dumps({'alg': alg, 'kid': 'hmac', 'typ': 'JWT'}, separators=(',', ':')).encode()) + '.' + \
        b64u(b'{"iss":"https://login.microsoftonline.com/t/v2.0","aud":"api://aad-func","roles":["DoAll"],"exp":1300819380}')
    write('jws-verifier', f'own-{alg}-kid-hmac', signing_input + '.' + b64u(hmac.new(secret, signing_input.encode(), digest).digest()))
for example in rfc[1:3]:
    header, payload, signature = example['compact'].split('.')
    kid = 'rsa' if example['alg'] == 'RS256' else 'ec'
    # The signature covers the original header, so this one must be refused (invalidSignature).
    write('jws-verifier', f'own-{example["alg"]}-kid-{kid}-resigned-header',
          b64u(json.dumps({'alg': example['alg'], 'kid': kid}).encode()) + '.' + payload + '.' + signature)

# Wycheproof JWS cases (compact ones) and the RFC 7520 cookbook.
wycheproof_jws = load('wycheproof/json_web_signature_test.json')
count = 0
for group in wycheproof_jws['testGroups']:
    for test in group['tests']:
        token = test.get('jws')
        if isinstance(token, str) and count < 40:
            write('jws-verifier', f'wycheproof-jws-{test["tcId"]:03d}', token)
            count += 1
for path in sorted(os.listdir(f'{JOSE}/jose/rfc7520-cookbook/jwk')):
    text = open(f'{JOSE}/jose/rfc7520-cookbook/jwk/{path}').read()
    write('json-reader', f'rfc7520-{path}', text)
    write('key-parsing', f'rfc7520-{path}', text)

# DER and PEM public keys, raw EC points, base64url text.
for name, file in (('rsa2048', 'rsa_signature_2048_sha256_test.json'), ('rsa3072', 'rsa_signature_3072_sha256_test.json'),
                   ('p256', 'ecdsa_secp256r1_sha256_p1363_test.json'), ('p384', 'ecdsa_secp384r1_sha384_p1363_test.json')):
    group = load(f'wycheproof/{file}')['testGroups'][0]
    write('key-parsing', f'wycheproof-{name}-spki.der', bytes.fromhex(group['publicKeyDer']))
    write('key-parsing', f'wycheproof-{name}.pem', group['publicKeyPem'])
    if name.startswith('rsa'):
        # PKCS#1 RSAPublicKey: the BIT STRING contents of the SubjectPublicKeyInfo (after the 0x00 pad byte).
        der = bytes.fromhex(group['publicKeyDer'])
        write('key-parsing', f'wycheproof-{name}-pkcs1.der', der[der.index(b'\x03\x82') + 5:])
        write('key-parsing', f'wycheproof-{name}-jwks.json', json.dumps({'keys': [group['publicKeyJwk'] if 'publicKeyJwk' in group else group['keyJwk']]}))
    else:
        write('key-parsing', f'wycheproof-{name}-x963', bytes.fromhex(group['publicKey']['uncompressed']))
        write('key-parsing', f'wycheproof-{name}-jwks.json', json.dumps({'keys': [group['publicKeyJwk']]}))
write('key-parsing', 'rfc7515-A2-n.b64u', rfc[1]['jwk']['n'])
write('key-parsing', 'short.b64u', 'AQAB')

# JSON edge shapes.
for name, text in {
    'own-scalars': '[null,true,false,0,-0,1.5e-3,-12E+2,"",""]',
    'own-escapes': '{"a":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/","b":{}}',
    'own-nested': '[' * 12 + '{"k":1}' + ']' * 12,
    'own-big-numbers': '[9223372036854775807,-9223372036854775808,9223372036854775808,1e400]',
    'own-claims': '{"aud":"api://aad-func","iss":"https://login.microsoftonline.com/t/v2.0","roles":["DoAll"],"exp":1700000000,"nbf":1699990000}',
}.items():
    write('json-reader', name, text)
