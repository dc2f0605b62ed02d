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
        .executable(name: "entra-auth", targets: ["entra-auth"]),
        .executable(name: "hello-server", targets: ["hello-server"]),
        .executable(name: "jose-bench", targets: ["jose-bench"]),
    ],
    targets: [
        // MARK: Libraries
        .target(name: "HTTPServer", swiftSettings: strictSettings),
        .target(name: "JOSE", swiftSettings: strictSettings),

        // MARK: Executables
        .executableTarget(name: "entra-auth", dependencies: ["JOSE"], swiftSettings: strictSettings),
        .executableTarget(
            name: "hello-server", dependencies: ["HTTPServer"],
            path: "samples/hello-server", swiftSettings: strictSettings),
        .executableTarget(
            name: "jose-bench", dependencies: ["JOSE"],
            path: "Benchmarks/jose-bench", swiftSettings: strictSettings),

        // MARK: Tests
        .testTarget(
            name: "HTTPServerTests", dependencies: ["HTTPServer"],
            resources: [.copy("Vectors")], swiftSettings: strictSettings),
        .testTarget(
            name: "JOSETests", dependencies: ["JOSE", "entra-auth"],
            resources: [.copy("Vectors")], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
