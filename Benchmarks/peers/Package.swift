// swift-tools-version:6.0
// Benchmark peers for EntraAuth, measured beside it by ../run.sh. This package is separate from
// the root one on purpose: the root Package.swift stays dependency-free, this one may depend on
// the frameworks users would otherwise pick. Nothing here ships.
//
//   hb-hello      Hummingbird 2, GET /hello -> "ok"                          (vs hello-server)
//   hb-jwtkit     Hummingbird 2 + jwt-kit doing aad-func's checks            (vs aad-func)
//   hb-entraauth  Hummingbird 2 protected by EntraAuthCore (this repository) (vs aad-func)
//   jwt-bench     jwt-kit / swift-crypto verification rates                  (vs jose-bench)
import PackageDescription

let package = Package(
    name: "entraauth-bench-peers",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "EntraAuth", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        /// jwt-kit side: the Entra claims model and checks, and key discovery from an authority.
        .target(name: "JWTKitEntra", dependencies: [.product(name: "JWTKit", package: "jwt-kit")]),
        .executableTarget(name: "hb-hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
        .executableTarget(
            name: "hb-jwtkit",
            dependencies: ["JWTKitEntra", .product(name: "Hummingbird", package: "hummingbird")]),
        .executableTarget(
            name: "hb-entraauth",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "EntraAuthCore", package: "EntraAuth"),
                .product(name: "JOSE", package: "EntraAuth"),
            ]),
        .executableTarget(
            name: "jwt-bench",
            dependencies: [
                "JWTKitEntra",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
