import ArgumentParser
import EmporiumCore
import EmporiumHTTP
import Foundation

/// The demo's shoppers, `shopper-0001@emporium.demo` and on, all with one public password: load tests sign in a
/// different customer per virtual user, so that their carts and orders do not collide (`loadtest/shoppers.csv`
/// lists them).
enum DemoShoppers {
    static let password = "demo-shopper-password"

    /// Checks a `--shoppers` count: the addresses have four digits.
    static func validate(count: Int) throws {
        guard (0...9_999).contains(count) else { throw ValidationError("--shoppers \(count): expected 0 to 9999") }
    }

    /// The address of shopper `number` (from 1).
    static func email(_ number: Int) -> String {
        String(format: "shopper-%04d@emporium.demo", number)
    }

    /// Creates the shoppers that are missing. They share one password hash: hashing each (a quarter of a second
    /// at bcrypt cost 12) would only slow the demo down for passwords that are public anyway.
    /// - Returns: how many were created.
    static func create(count: Int, in users: any UserRepository) async throws -> Int {
        guard count > 0 else { return 0 }
        let hash = try await BcryptPasswordHasher().hash(password)
        var created = 0
        for number in 1...count {
            let user = User(
                email: try EmailAddress(email(number)),
                name: "Demo shopper \(number)",
                role: .customer,
                passwordHash: hash,
                createdAt: Date()
            )
            do {
                try await users.insert(user)
                created += 1
            } catch let error as DomainError where error.code == .conflict {
                continue  // made by an earlier demo
            }
        }
        return created
    }
}
