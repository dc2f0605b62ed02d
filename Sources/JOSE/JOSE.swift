/// JOSE: pure-Swift JSON Web Signature verification — base64url, SHA-2, HMAC, RSA and ECDSA —
/// with JWK and JWK Set support. Verification needs no secrets; signing exists only for tests
/// and the local identity emulator.
public enum JOSE {}
