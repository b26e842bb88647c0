import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation

/// The catalog and buyers of the HTTP benchmark: seeded products, the first of them stocked without limit,
/// and buyer accounts (bcrypt at its lowest cost, so signing them in is quick).
struct BenchFixture {
    static let password = "a benchmark buyer's password"

    let products: [String]
    let buyers: [String]

    static func prepare(_ database: any SQLDatabase, folder: URL) async throws -> BenchFixture {
        try await CatalogSeeder(store: SQLSeedStore(database: database)).seed(products: HTTPBenchmark.catalogSize)
        let page = try await database.storage.products.search(ProductQuery(sort: .priceAscending, limit: 100))
        var ids = page.items.map(\.id)
        var cursor = page.nextCursor
        while ids.count < HTTPBenchmark.checkoutProducts, let next = cursor {
            let more = try await database.storage.products.search(ProductQuery(sort: .priceAscending, cursor: next, limit: 100))
            ids += more.items.map(\.id)
            cursor = more.nextCursor
        }
        for id in ids { try await database.storage.products.setStock(of: id, onHand: 10_000_000) }
        let accounts = UserAccounts(users: database.storage.users, hasher: BcryptPasswordHasher(cost: 4))
        var buyers: [String] = []
        for index in 0..<HTTPBenchmark.buyers {
            let email = "buyer\(index)-\(UUID().uuidString.prefix(6).lowercased())@bench.example"
            _ = try await accounts.create(email: email, name: "Buyer \(index)", password: password, role: .customer)
            buyers.append(email)
        }
        return BenchFixture(products: ids.map(\.description), buyers: buyers)
    }

    /// Access tokens of every buyer from the server.
    func signIn(at server: ServerProcess) async throws -> [String] {
        var tokens: [String] = []
        for email in buyers {
            let (status, data) = try await server.request(
                "/api/v1/auth/login",
                method: "POST",
                body: #"{"email":"\#(email)","password":"\#(Self.password)"}"#,
                token: nil
            )
            guard status == 200, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let token = json["access_token"] as? String
            else { throw BenchError("login of \(email) answered \(status)") }
            tokens.append(token)
        }
        return tokens
    }
}
