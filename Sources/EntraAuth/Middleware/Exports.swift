// `import EntraAuth` brings the validator core (identity, requirements, policy, key provider)
// and JOSE's JSON values (claims) along, so an app needs one import.
@_exported public import EntraAuthCore
@_exported public import JOSE
