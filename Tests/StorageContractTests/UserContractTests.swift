import EmporiumCore
import EmporiumTesting
import Foundation
import Testing

@Suite("Contract: users and credentials")
struct UserContractTests {
    @Test("emails are unique after normalisation", arguments: Backend.available)
    func uniqueEmail(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let ada = try await shop.user("ada@example.com")
            let found = try #require(try await shop.storage.users.user(email: EmailAddress("  ADA@Example.com ")))
            #expect(found == ada)
            await expectDomainError(.conflict) { _ = try await shop.user("Ada@EXAMPLE.com") }
        }
    }

    @Test("update changes name, role and hash; an unknown user is not found", arguments: Backend.available)
    func update(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            var user = try await shop.user()
            user.name = "Countess"
            user.role = .seller
            user.passwordHash = "new-hash"
            try await shop.storage.users.update(user)
            #expect(try await shop.storage.users.user(id: user.id) == user)
            user.id = Identifier()
            await expectDomainError(.notFound) { try await shop.storage.users.update(user) }
        }
    }

    @Test("a refresh token is used once; revoking the family marks every token", arguments: Backend.available)
    func refreshTokens(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let credentials = shop.storage.credentials
            let user = try await shop.user()
            let family = Identifier<RefreshToken>()
            let expiry = Fixtures.now.addingTimeInterval(3_600)
            try await credentials.insert(
                RefreshToken(tokenHash: "first", familyID: family, userID: user.id, expiresAt: expiry)
            )
            try await credentials.insert(
                RefreshToken(tokenHash: "second", familyID: family, userID: user.id, expiresAt: expiry)
            )
            #expect(try await credentials.markUsed(hash: "first", at: Fixtures.now))
            #expect(try await !credentials.markUsed(hash: "first", at: Fixtures.now), "a replay is detected")
            try await credentials.revokeFamily(family, at: Fixtures.now)
            let second = try #require(try await credentials.refreshToken(hash: "second"))
            #expect(second.revokedAt == Fixtures.now)
            #expect(second.usedAt == nil)
        }
    }

    @Test("a password-reset token works once and not after it expires", arguments: Backend.available)
    func passwordReset(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let credentials = shop.storage.credentials
            let user = try await shop.user()
            let expiry = Fixtures.now.addingTimeInterval(900)
            try await credentials.insert(PasswordResetToken(tokenHash: "reset", userID: user.id, expiresAt: expiry))
            try await credentials.insert(PasswordResetToken(tokenHash: "late", userID: user.id, expiresAt: expiry))
            #expect(try await credentials.consumePasswordReset(hash: "reset", at: Fixtures.now) == user.id)
            #expect(try await credentials.consumePasswordReset(hash: "reset", at: Fixtures.now) == nil)
            #expect(try await credentials.consumePasswordReset(hash: "late", at: expiry.addingTimeInterval(1)) == nil)
        }
    }

    @Test("failed logins are counted per account and per address within a window", arguments: Backend.available)
    func loginAttempts(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let attempts = Fixtures(database).storage.loginAttempts
            let email = try EmailAddress("target@example.com")
            for minutes in [90, 30, 10, 5] {
                let at = Fixtures.now.addingTimeInterval(-Double(minutes) * 60)
                try await attempts.record(LoginAttempt(email: email, clientAddress: "203.0.113.7", at: at))
            }
            let hourAgo = Fixtures.now.addingTimeInterval(-3_600)
            #expect(try await attempts.failures(email: email, since: hourAgo) == 3)
            #expect(try await attempts.failures(clientAddress: "203.0.113.7", since: hourAgo) == 3)
            #expect(try await attempts.failures(clientAddress: "198.51.100.1", since: hourAgo) == 0)
            try await attempts.clear(email: email)
            #expect(try await attempts.failures(email: email, since: hourAgo) == 0)
        }
    }
}
