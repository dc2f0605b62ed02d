public import JOSE

/// Fixed RSA-2048 test keys, generated once with Python `cryptography` (48.0.0) and embedded so
/// tests never spend seconds generating keys on the cooperative thread pool (which starves
/// timing-sensitive tests on a 2-core machine). Test material only: never use these anywhere else.
public enum FixedTestKeys {
    /// (n, e, d, p, q) as unpadded base64url, big-endian.
    static let components: [(n: String, e: String, d: String, p: String, q: String)] = [
        (n: "0nCcyZ5DQOAp6Dd7ViNFQUFPVvmdKMSHqTB-jg95LNSp7zhuspKAB9gtRfV1Ivbola857kVCUffy86jz3BESAGrAfVfyc4ZURBsUTewmfqRld_cn9NPZQW3Yai9s-uWeYLbMwshfHA5Ozk1obehys9yDZHwFugWLqw5q2jPM_S72tPCHOjA4stj0yFE5IXhUZzIrp4bqRAyjN0CWZSkfmTVgyi5W2SK_HqSETTODlO6yaESkkze_TedY63rvDx6-b3OT5_4ZsQNcZWMc2LOnIQyuqxfEacF3C2nJmtwwNoR-ENGS225secNtfiIMeH5F4frBHW9VhmqMbgNLQdVxIw",
         e: "AQAB",
         d: "HgPQ4RLxLborUANF1LHgKWAK1HFy4IMzhEa17kY3ttS4TjYC1_Z8S2IihvVtGSkVYHAnN5xqSq2uWeGRsqQ-qI-RV-9o1eBleXdRTJHvpaWGEXfPm6RxutrTgMW16g1BKzM3flq88g_6XoN87xw17AB6PyVPXcp3stSyGeBEjyHW5jab8PgGUwM-ARQKj0RRmrZ1229dLNjCoCO5csrzlJ1fjGzOuvZ_-_r21NJ9gNFJlIWYjGvd5W0fG9nrrPQknhQtX_T2PHZK5ryDQWKDqIxJVW46Zti6Ks-tBr_ZI-H6MSf05TxbQKd8ZYcumw2eMCmR95wbWp2PPxdY5GqI3Q",
         p: "82VO_cBAQAqpvaTODQ1sTa2Y-uU4iHyVctCU-Y1fTKDOJFPhKzTYMFAjWX87qiatJeQrFg-PyRisWX2HP2OfytWt7X1Ngpag70B-56SEpi3ERqWmoIBVfodqHl4n42rny7VWcgkYCJicV7fywVxyZz7S2VHLngUZt0fp0iZJPB8",
         q: "3VZot-wrZKETYEPlclhMeK5zOuwlwBSd1TgBzBJDKmpLGvIpwTxg7zkfojC7BxAM7XUgxXA9tIafx-40VR5EH1Fk0xhQbd-_hLy6Mka3m-B7sRV2Lx_umzwEKjEN99IkA4revzyJkCZ58WrjVPZiE80wFzKLTWNbU1uR720KKn0"),
        (n: "vJmvlK7D5ZGEey2ORGiMcxN6q47CL7xbMeBS3XXyDNYmR778So7-UEVNPeWJhPCptJ1wCAEyBmu10ENsqDWQOahjRlenGeIm-olBOn5Mtw_OIiF6sxZQ3BM2b9L_Y8mXdgfog8BzzDVSOsDKWpu88iypdj3rebaddFJTIKfUu-mGrjJp82pJMEntufBp8DSA7cmNvUTaQKx8wDRDXAZkvqBfoFqdOrvhGFYL-XyhVf3X2CCl3_ZmjU6xx3WylbeMi110zkaP22oxo-Sbp5FyLotICVbxbf7RW8a5EcVldcCxNGQX9LmDyY5iOYJ6cxrG1kO68esTmbjwIZW9HkA2fw",
         e: "AQAB",
         d: "XiM4CLbTARuJTRKIGI02zZnDeS5grwMNYe_ebLwafV3G7bjepTiKp_Zvf5267qhRjN2otdYi6iGJNtLwwWU7AAyUwN-vgLPpUNSBwniYQieZdF_RpuJUqgTM_zQKVfyhpUB9RoYhRqS2zqy8VE24GglA7MwrZS1Jmm4dIAeln8UtCxpP-PLMjmJ41yBg3ECnovqAN6-gEC43BFDcsL5xiZxuj58XYwpUKiwbGRG7eOASZE8kN69pzPtJv82CGYvfYZng5G4Nrt6l3d77iDEFsY7e9_30S-6x6DUiX7Los2d69eJIfSlzdeSfLMWvzC8lvT0wubq-xo1hUgJCVvrMgQ",
         p: "4gVzhpnlhTgaFlK5caJ9hg3kGzIl8n8vkWHjWhexqFugSaVhIfOzcbrpvMm9m7JJ9gn3sFkMIatwmZYtSO6XPqfIpAW2o8pO-j_OC7qAuI0dB4OOH8WVYRhmyQjUEKBt-2VdNAOMmQjAzINS4rt7MpJXWA_Mkx0HpaV1BMxKDxk",
         q: "1Z2bTaF-tk_YIpTohgJzBV04AETAbu0DZ8-ywg_3jw8PbFinKT7hb-Sm7ksBSYwygqvG2Y0FrecGLEPiCQ7BsqS2yqlEVsXxq730LhPonE9xQMgsBHrfiEAQaBPLg30bwQk1276y9CY5yuqs1V7a2lnQGpSlqpyG6DJZSF6BXVc"),
        (n: "ogkbUYzXLuNDAsgp8bwiKR9I_UgMLu8pAR6wjyP9J2xcn6PeO8X1cZdnkKLo51j9bsfhNCkEtsi4_FEdilSZSl0UGOvsrBDKWLHmsw78yNpNg5l7fSxTvN-L9wi2L7s72RyeYgIBSck5lzwiV9BbKr2-eKkZThAv6NmtNNtDu3QShTl1MojEYNzKuC7MKOvqNZU21RXXsVp8Dlmsm9THaUuygFHti4JrxRtX9MzTaNaxKu4H75n3bSeZFdAhkPM9c3pYzCDFPiKoZm3wa5eVLXeNBRvExIzPDZFrEbLYPQVWe9PW-FU2K8yvwZAosmvPXTbo7hq3pkwzfHLoNAKJNQ",
         e: "AQAB",
         d: "C6vawSTDLNWB_T25kbfiq7IdHItXlKY1k_xSgjj40jcNXpKxM6krvQHHcVpeqtKqNz7OqKZqDcLHBPulxFHu1GBVzda-joVLbJiXMgoavgVFbzzQsYs4wTfGmeW8KRN-49cFIducR_o70Por93B4BKE0CqEULsneiD1CVeE-T3lB26-OUsgYoEAmHxhJ6p8SFBLuQTlIBBv8ZSsG6d7J3PQ7aiYUxHKYTX5crf0Lf5u2PjK3-WixVvB-MBHES3htqSjx9j2xSHO0C5ZpNztSKQZJIW5hDAvBMjj7abBxq88tlqx0e4Nk9QsvrKI6Lpx_sxKF4D0TGz_xFR8vVvxzEQ",
         p: "3H6vhHdkuy4QqqPBESvN2FT9gY997Csy4_B6yXYvIFWn7dNKwwvDhgKl4d8vs0WNiVwO4Dd_ZeWQDRZEOTaXb11WrgHUoUiuKLEtqSzHhHXt9wAPC39dXz3HAOuO7A3_X9QwcsG72pnRqL1kChFvfXvock_2YK4UEIUpUKAtitE",
         q: "vCCXnXEPxtsJkQPswFug5jo3mkr0rpaeOS6lS2SSGnmshktpxVNlpcIY7zroYC4suWGk862QoOfo-eptGTTVHuq5_Nut0m7w_WYTqWZFxi0k2CM8zzFIzbVqeTBNgcdQwxXHOGot1D7lZCGFXI4tBk95EHSq0mhu7Xfz_ueSKSU"),
        (n: "rVOBn8v-A_O02WQhunSRhcL-943Xn7Yghg_FtgzSdJ6eSJpJ6VcJq6lCS41QgGSd21blvADxBNe51Fh-s_c140JuaZLsB3latmPn_x9QgB-_dyxxW6GSOspvyV2-9pq3WrNd8IQd49ALJdY4OjbvPDXMW-xx0pDsmylZlgjMOZR-weNx9f-7g0Qix8BtCYPgizTktg1YcofkSYjF-n_rE5DofWyNlBtlmhZfIPAmdNJrSOg_BTzX2k_knEadcIC7nPlBRDSWTg00otAF8oZBQ8qD02g1kY1yi5xQqXsbr4YXRjFRh1nwoexX2PSHt4AXG8sSqmQiGP4dLu5E5s29Fw",
         e: "AQAB",
         d: "Kk1WNqT34wkI24HXxYULu0TDK7IfrSgrOe0BiRQKDVJlOT0Gyv9mKdJOjtf3jM6BxHWp7j-gk1j_TrcmfU_ZhBTDk9q65nwUyq0JgzemUw7skO504DNH2DduHwxVPiS2mVlrlPb5wI8XGW32HScpLl3G-ax0fzrFtHzcE4UkKu0POHTXKOviDye1htMmEkUsovndbhaoKhILN3uFQAc38-I6S9NBguIF5s_y2_1xkByHLSzQ1MQ88r7Ux2x_hL7-bWQW0BVsGWyVt1ALIq9QFlGdNBY6Zg8YljSebbXHmAWQF71Sk6EeSiXDr5IhpmhLAuz0QgndDiCLcIUNrhz5MQ",
         p: "2v7KFxQJgkCosf0TwTtEXvTiKcJmNZ779VA8R2vgrmSIT050hfapeZbSfLCG4lrRd8NCJopAv8qZsB6erGXEpLi8U0dfBnSlKNackf7WlN3l-JV-xq1LfQ31pDb-Gnfa54__53GySpIJI_yBP5Y2P765nFVQiFO_ztQHsOotcXk",
         q: "yp0updaAZSlKfg0h6M9dTxrict2xT6klYoWBv034ZrYSqaLBl2K_AWXoCX4Gz3bY5vJnJdns4LdiN-lt5HEsrox9hca7ynpfsHFYLV_K9zH-SaBJpcCO_ycsOadyDW61F3WS_ehVZnhNo3VpvT76h5-FgvXcYcTlziuEm7buDw8"),
    ]

    /// How many fixed keys there are.
    public static var count: Int { components.count }

    /// Fixed key number `index` (0 to ``count`` − 1), rebuilt from its components (fast: no prime search).
    public static func rsa(_ index: Int) -> RSAPrivateKey {
        let c = components[index]
        func bytes(_ text: String) -> [UInt8] { try! Base64URL.decode(text) }
        return try! RSAPrivateKey(modulus: bytes(c.n), publicExponent: bytes(c.e), privateExponent: bytes(c.d),
                                  prime1: bytes(c.p), prime2: bytes(c.q))
    }
}
