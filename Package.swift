// swift-tools-version:6.0
// EntraAuth: protect internal HTTP APIs with Microsoft Entra ID tokens and app roles.
// Hard rule: this package declares no package dependencies. Foundation, Dispatch and the
// C library are the whole platform.
import PackageDescription

/// Settings every target shares: Swift 6 language mode (strict concurrency) plus the
/// upcoming features that keep APIs explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "EntraAuth",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "JOSE", targets: ["JOSE"]),
        .library(name: "EntraAuthCore", targets: ["EntraAuthCore"]),
        .library(name: "EntraAuth", targets: ["EntraAuth"]),
        .library(name: "ManagedIdentity", targets: ["ManagedIdentity"]),
        .library(name: "IdentityEmulator", targets: ["IdentityEmulator"]),
        .executable(name: "entra-auth", targets: ["entra-auth"]),
        .executable(name: "aad-func", targets: ["aad-func"]),
        .executable(name: "msi-func", targets: ["msi-func"]),
        .executable(name: "demo", targets: ["demo"]),
        .executable(name: "hello-server", targets: ["hello-server"]),
        .executable(name: "jose-bench", targets: ["jose-bench"]),
    ],
    targets: [
        // MARK: Libraries
        .target(name: "HTTPServer", swiftSettings: strictSettings),
        .target(name: "JOSE", swiftSettings: strictSettings),
        /// Outbound HTTPS for key discovery and managed-identity tokens (URLSession behind a protocol).
        .target(name: "OutboundHTTP", swiftSettings: strictSettings),
        /// The validator core: keys, policy, token cache, identity, requirements. Never imports
        /// HTTPServer, so other frameworks (Hummingbird, Vapor) can use it without name clashes.
        .target(
            name: "EntraAuthCore", dependencies: ["JOSE", "OutboundHTTP"],
            path: "Sources/EntraAuth/Core", swiftSettings: strictSettings),
        /// The middleware for this package's server: a thin layer over EntraAuthCore.
        .target(
            name: "EntraAuth", dependencies: ["EntraAuthCore", "HTTPServer", "JOSE"],
            path: "Sources/EntraAuth/Middleware", swiftSettings: strictSettings),
        .target(name: "ManagedIdentity", dependencies: ["OutboundHTTP"], swiftSettings: strictSettings),
        .target(name: "IdentityEmulator", dependencies: ["HTTPServer", "JOSE"], swiftSettings: strictSettings),
        /// aad-func's configuration and routes, shared by the aad-func sample and the demo.
        .target(
            name: "AadFuncKit", dependencies: ["EntraAuth", "HTTPServer"],
            path: "samples/aad-func/AadFuncKit", swiftSettings: strictSettings),

        // MARK: Executables
        .executableTarget(
            name: "entra-auth",
            dependencies: ["JOSE", "EntraAuthCore", "ManagedIdentity", "IdentityEmulator", "HTTPServer"],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "aad-func", dependencies: ["AadFuncKit", "EntraAuth", "HTTPServer"],
            path: "samples/aad-func", exclude: ["AadFuncKit", "function-app", "README.md", "Dockerfile"], swiftSettings: strictSettings),
        .executableTarget(
            name: "msi-func", dependencies: ["ManagedIdentity", "OutboundHTTP", "HTTPServer"],
            path: "samples/msi-func", exclude: ["function-app"], swiftSettings: strictSettings),
        .executableTarget(
            name: "demo", dependencies: ["AadFuncKit", "EntraAuth", "IdentityEmulator", "ManagedIdentity", "OutboundHTTP", "HTTPServer", "JOSE"],
            path: "samples/demo", swiftSettings: strictSettings),
        .executableTarget(
            name: "hello-server", dependencies: ["HTTPServer"],
            path: "samples/hello-server", swiftSettings: strictSettings),
        .executableTarget(
            name: "jose-bench", dependencies: ["JOSE"],
            path: "Benchmarks/jose-bench", swiftSettings: strictSettings),

        // MARK: Tests
        /// Shared test support: fixed RSA keys (generating keys at test time stalls the 2-thread
        /// pool) and a raw TCP client that sends exact bytes.
        .target(name: "TestSupport", dependencies: ["JOSE"], path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"],
            resources: [.copy("Vectors")], swiftSettings: strictSettings),
        .testTarget(
            name: "JOSETests", dependencies: ["JOSE", "entra-auth"],
            resources: [.copy("Vectors")], swiftSettings: strictSettings),
        .testTarget(name: "OutboundHTTPTests", dependencies: ["OutboundHTTP", "HTTPServer"], swiftSettings: strictSettings),
        .testTarget(
            name: "EntraAuthTests", dependencies: ["EntraAuthCore", "EntraAuth", "HTTPServer", "JOSE", "OutboundHTTP", "TestSupport"],
            resources: [.copy("Vectors")], swiftSettings: strictSettings),
        .testTarget(
            name: "ManagedIdentityTests", dependencies: ["ManagedIdentity", "OutboundHTTP", "HTTPServer", "JOSE"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "DemoTests", dependencies: ["demo", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "IdentityEmulatorTests", dependencies: ["IdentityEmulator", "HTTPServer", "JOSE", "TestSupport"],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
