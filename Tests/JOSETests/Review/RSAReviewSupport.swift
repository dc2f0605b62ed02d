import Foundation
import Testing
@testable import JOSE

/// Shared helpers for the adversarial review tests of the RSA, ASN.1 and big-number code.
enum RSAReviewSupport {
    /// SplitMix64: a tiny, fixed-seed generator so every fuzz run sees the same inputs.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Development keys whose modulus bit length is not a multiple of 8 (generated once with
    /// Python's `secrets` + Miller–Rabin and loaded into `cryptography`, see
    /// `Vectors/review/PROVENANCE.md`). 2049 bits: emBits = 2048, so the PSS encoded message is
    /// one octet shorter than the modulus; 2047 bits: two unused top bits in the PSS block.
    static let oddSizeKeys: [Int: (n: String, d: String, p: String, q: String)] = [
        2047: (
            n: "7166ac918fc7a2a95f1e626a0388c0347e9cdcf8e1caa86d8461618f4bdc65897a8309c3522bbc1fe13344d8db4870dbdd580364ac94fdb7bde76745f54dc133d087f68674b2418334278b5dcc3d4229135082b012c4fb86615e8c1b4384fb0ce46f7806a267733d494568212815a434dc9842e632423f606095e80fea46887d36bc7bf3ba0823dafb35ec74113f51fdeef067f92472e10f5d18aa48a35272b9227d2818b5e873ef4af35e26c24a0996135f09a7d46434a0a43476f98dbdf18ddd9dab319318ca1f3cb70ee2b657f8ff1b0d0805e4c30da9d9214fb5afe66d9f9bdf6d0703c86a3fc7310e33afe599a84a9ed707c7ddbecb9808cf151c311f25",
            d: "1fce2946662a1ad02032786dbd72045e74c8701d89ce7a30c5393ed09ef940ad2f64433fb9f3343f48bd4569010faf3fab33fd37a643df694264fd8d1c80e35831fb804433c4af252a6290ef0cd27d94e1aaea0c922717589844994d2841cadbd1d205baee9fcf2d7838743d206df9712e11b269b7dce6c394335733e78442d15fa3f2ba0625a8fa4dd391d732bde0015ce77537fd9b9a3849c60a5086398448f27c49074f1fc0fc1e36ab29b699f8061070670b9955d69d8aae3756b30f3b8db556ea822e9cb095a3dee87a88fe94b26c32ff0d813ef5ef1635ca3c13e67ac0aed0edf4148dd421096b7810e95db4f26bced0224bb8467dca6f0ac53ca57c81",
            p: "e6a47de09bee1af763e9d015cce7923d4a1e7265a8a005233ef252ef0ced89635da3dd546cbe939d1e3135e0b5eb07c7b47c8dc21f19131e71d14f5adcf1be863f6b680a913b6d2f1b6df4783ceb1329bb9c57e13d0f74c0c7057bd28c7b81d61e150efea988d6beae98b261811c918058c7b8f2d415ab65560a2c6f323abd05",
            q: "7dde622f762ee1e0f9b24259ff3f6f6e03805434eb3c1c6bf8bc7324278473323725df2edb383850f5dc077bafa5919086c42f6147ea5271bb013b13e264e7aee6d8d6208b145884b723139245b613a79845ad39b1fcc88e34ca2a3d381404cc6880388dc52ba2f3a0a8b7754b740746ddf2dc9b85661458787eb91860ab73a1"),
        2049: (
            n: "1419348d30ebba314e21d4b29a84e77da679f6bb722232a1e4498c0953c7a0939a302f906777082906cf20555abe013e30fc9c0e96c1b3f896092468347936d85e1ecbab30c6834aec2db0cedcf97b8b0d1fec47cc9b3c0b8e1c358ee5b4dfae56e6dd5650adfae65197272dcaa6694e6ad0b4821ce4ff2d74720d9405f6ace0b158ac9a093238936f285b39cd6c9d6edac914bd986cad8e40356915b89ac45585e43a85796fa80b2b7ab323ad822671bf0552829f8c8a46039faa1e97f613e0a3aba13720a9ee3fd7e1454e07d92dc2e15062773ff0d1bbfb3e08586f8b939483026569ead542a03b29adab99139b4a7a3ccc69b39996d59e8dbe822839f4ae5",
            d: "62ea6a2939cbefe31996872b3e313cdebaa7281c01ed2d247857404de77766650b467bd148661c534e9fb7925db72486e0b15f9cad7b4834fab6a3e7f7d95a842735894c5011b1badc074357d756452266c5e62cb86289729547609099174888d04a0aacf5064eff9c2f3f33af5ab48cac47df1d3ef80aabbb9e58155c045f72014989c3168bb0e40a5b2719a5ed71c9974cf1f9e0e58336c7c7f7ce219507296ec1cb3ba154e4656f5c9816552d7fb0ab25bf5da0b156663c0ab8d5ea4e16c5f9488c2e80b649e410a925b203d706d5bb35a053d48530cfa1c59d231d91d3d41d29cc1a3de215ced1bd3b763cec56ba57247f9410383b5b0e27f77a77a614a1",
            p: "18e56d0dcb71160eabb7f4b7c7fb28a41acf47b2a4457b343cce7840b36e1bf5a9cc0995d6e18de25dabc83d7b5d77a7c9cbcfa9d0a7e3f0447653a1ba352d82aed89c7e9ab69ac604940748ab8afb3a320008030515138defc2012d283e50fc495b22a2ae8065d6b3ab500c85d20c1f3241dabceacc683a6b324bdec579a2469",
            q: "ceaa9486096c09233ea45a052d35595b9647a6e1b067e4eba51f31673700eaa9d436fa89fe9cc2416f0c12e36dd426dee9a75c0634b84e13166bbdd1c1a465e5997a5656c552d2e17b6b3e8f53b9c37ca50d3a56c129c7907d930655afe7ca32205a87e9056acec7f17092b851d18ef88ab8b56d9a17337712c7b764e09e731d"),
    ]

    /// Hex that may have an odd number of digits (Python's `format(x, "x")`).
    static func hexNumber(_ string: String) throws -> [UInt8] {
        try RSATestSupport.hex(string.count % 2 == 1 ? "0" + string : string)
    }

    /// One of ``oddSizeKeys`` as a private key (e = 65537). `RSAPrivateKey` needs 2048 bits or more.
    static func oddSizeKey(bitCount: Int) throws -> RSAPrivateKey {
        let parts = try #require(oddSizeKeys[bitCount])
        return try RSAPrivateKey(
            modulus: hexNumber(parts.n), publicExponent: [1, 0, 1], privateExponent: hexNumber(parts.d),
            prime1: hexNumber(parts.p), prime2: hexNumber(parts.q))
    }

    /// One of ``oddSizeKeys`` as a public key (1024-bit floor, so the 2047-bit key loads too).
    static func oddSizePublicKey(bitCount: Int) throws -> RSAPublicKey {
        let parts = try #require(oddSizeKeys[bitCount])
        return try RSAPublicKey(modulus: hexNumber(parts.n), publicExponent: [1, 0, 1], minimumModulusBitCount: 1024)
    }

    /// The raw RSA signature primitive on a chosen encoded message (`EM^d mod n`, modulus length),
    /// computed without the CRT: lets a test produce a correctly *signed* but deliberately
    /// *mis-encoded* block. - Precondition: `EM < n`.
    static func rawSignature(of encodedMessage: [UInt8], bitCount: Int) throws -> [UInt8] {
        let parts = try #require(oddSizeKeys[bitCount])
        let n = BigUInt(bigEndian: try hexNumber(parts.n))
        let d = BigUInt(bigEndian: try hexNumber(parts.d))
        let context = try #require(MontgomeryContext(limbs: n.limbs))
        let m = BigUInt(bigEndian: encodedMessage)
        try #require(m < n, "encoded message must be below n")
        let s = BigUInt(limbs: context.power(m.limbs(paddedTo: context.limbCount), secretExponent: d.limbs))
        return s.bigEndianBytes(count: (bitCount + 7) / 8)
    }
}
