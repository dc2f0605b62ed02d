import Foundation
import JOSE
import Testing
@testable import IdentityEmulator

@Suite("Emulator configuration")
struct ConfigurationTests {
    static let valid = """
        {
          "tenantId": "b7e1f0a4-6c2d-4f8e-9a3b-5d1c2e4f6a70",
          "applications": [
            { "displayName": "aad-func", "clientId": "3f2a8c1e-9b4d-4e6f-8a2c-7d5e1b9f0c34",
              "appIdUris": ["api://aad-func"],
              "appRoles": [ { "value": "DoAll", "allowedMemberTypes": ["Application"] } ] }, { "displayName": "Microsoft Graph", "clientId": "00000003-0000-0000-c000-000000000000", "appIdUris": ["https://graph.microsoft.com"] }
          ],
          "identities": [
            { "name": "msi-func", "type": "SystemAssigned", "clientId": "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e",
              "objectId": "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e",
              "resourceId": "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.Web/sites/msi-func" },
            { "name": "reader-func", "type": "UserAssigned", "clientId": "6b2d4f8a-3c5e-4a7b-9d0f-1e3a5c7e9b2d",
              "objectId": "8d6f4b2a-0e1c-4b3d-9f5a-7c9e1b3d5f4a",
              "resourceId": "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/reader-func" }
          ],
          "appRoleAssignments": [ { "identity": "msi-func", "application": "aad-func", "role": "DoAll" } ],
          "groups": [ { "objectId": "4e2a6c8e-5f7b-4d9a-8c1e-2b4d6f8a0c3e", "displayName": "aad-func-readers", "members": ["reader-func"] } ]
        }
        """

    func refusal(_ text: String) -> EmulatorConfigurationError? {
        do {
            _ = try EmulatorConfiguration(parsing: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("the documented JSON form of the seed scenario reads back as the built-in default")
    func defaultRoundTrip() throws {
        #expect(try EmulatorConfiguration(parsing: Array(Self.valid.utf8)) == .default)
        try EmulatorConfiguration.default.validate()
    }

    @Test("an unknown member is refused at its name's line and column")
    func unknownMember() throws {
        let text = Self.valid.replacingOccurrences(of: #""type": "UserAssigned", "clientId""#, with: #""type": "UserAssigned", "clientID""#)
        let error = try #require(refusal(text))
        #expect(error.reason == .unknownMember)
        #expect(error.line == 12)
        #expect(error.column == 54)
        #expect(error.message.hasPrefix("identities[1].clientID: unknown member \"clientID\""))
        #expect(error.description.hasPrefix("12:54: unknownMember: "))
    }

    @Test("a JSON syntax error reports the line and column from the reader's offset")
    func syntax() throws {
        let text = Self.valid.replacingOccurrences(of: #""appIdUris": ["api://aad-func"],"#, with: #""appIdUris": ["api://aad-func",],"#)
        let error = try #require(refusal(text))
        #expect(error.reason == .invalidJSON)
        #expect(error.line == 5)
        #expect(error.column == 38)   // the "]" after the trailing comma
    }

    @Test("a role whose allowedMemberTypes lacks Application cannot be assigned to an identity")
    func roleForUsersOnly() throws {
        let text = Self.valid.replacingOccurrences(of: #""allowedMemberTypes": ["Application"]"#, with: #""allowedMemberTypes": ["User"]"#)
        let error = try #require(refusal(text))
        #expect(error.reason == .roleNotAssignableToApplications)
        #expect(error.line == 16)
        #expect(error.message.hasPrefix("appRoleAssignments[0].role:"))
    }

    @Test("references, duplicates, types and values are checked", arguments: [
        (#""role": "DoAll""#, #""role": "DoSome""#, EmulatorConfigurationError.Reason.unknownReference, 16),
        (#""members": ["reader-func"]"#, #""members": ["writer-func"]"#, .unknownReference, 17),
        (#""type": "UserAssigned""#, #""type": "SystemAssigned""#, .duplicate, 12),
        (#""type": "UserAssigned""#, #""type": "Managed""#, .invalidValue, 12),
        (#""tenantId": "b7e1f0a4-6c2d-4f8e-9a3b-5d1c2e4f6a70""#, #""tenantId": 7"#, .wrongType, 2),
        (#""tenantId": "b7e1f0a4-6c2d-4f8e-9a3b-5d1c2e4f6a70""#, #""tenantId": "contoso""#, .invalidValue, 2),
        (#""clientId": "6b2d4f8a-3c5e-4a7b-9d0f-1e3a5c7e9b2d""#, #""clientId": "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e""#, .duplicate, 12),
    ])
    func checks(original: String, replacement: String, reason: EmulatorConfigurationError.Reason, line: Int) throws {
        #expect(Self.valid.contains(original))
        let error = try #require(refusal(Self.valid.replacingOccurrences(of: original, with: replacement)))
        #expect(error.reason == reason, "\(error)")
        #expect(error.line == line, "\(error)")
    }

    @Test("a signing key file must be an RSA private JWK; the key it holds signs")
    func signingKeyFile() throws {
        let key = TestKeys.primary
        let jwk = JSONValue.object(JSONObject([
            .init(name: "kty", value: "RSA"), .init(name: "n", value: .string(Base64URL.encode(key.publicKey.modulus))),
            .init(name: "e", value: "AQAB"), .init(name: "d", value: .string(Base64URL.encode(key.privateExponent))),
            .init(name: "p", value: .string(Base64URL.encode(key.prime1))), .init(name: "q", value: .string(Base64URL.encode(key.prime2))),
        ]))
        let loaded = try SigningKeyFile.rsaPrivateKey(from: JSONWriter.serializedBytes(jwk))
        #expect(loaded.publicKey == key.publicKey)
        #expect(throws: EmulatorConfigurationError.self) { try SigningKeyFile.rsaPrivateKey(from: Array("-----BEGIN PRIVATE KEY-----".utf8)) }
        #expect(try SigningKeyFile.rsaPrivateKey(from: Array(key.pkcs8PEMRepresentation.utf8)).publicKey == key.publicKey)
        #expect(try SigningKeyFile.rsaPrivateKey(from: Array(key.pkcs1PEMRepresentation.utf8)).publicKey == key.publicKey)
        #expect(throws: EmulatorConfigurationError.self) { try SigningKeyFile.rsaPrivateKey(from: Array(#"{"kty":"EC"}"#.utf8)) }
    }
}
