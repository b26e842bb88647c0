import EmporiumCore
import EmporiumHTTP
import Foundation
import HTTPTypes
import Testing

@Suite("Auth: registration, sign-in, sessions, password reset")
struct AuthTests {
    @Test("register, sign in, read and rename the profile; a role in the body is ignored")
    func registerAndProfile() async throws {
        try await TestShop.run { shop in
            let registered = try await shop.call(
                .post,
                "/api/v1/auth/register",
                json: ["email": "Ada@Example.com", "password": "correct horse battery", "name": "Ada", "role": "admin"]
            )
            #expect(registered.status == .created)
            #expect(registered.json["email"] as? String == "ada@example.com")
            let login = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": "ada@example.com", "password": "correct horse battery"]
            )
            #expect(login.status == .ok)
            #expect(login.json["token_type"] as? String == "Bearer")
            #expect(login.json["expires_in"] as? Int == 900)
            let token = try #require(login.json["access_token"] as? String)
            let me = try await shop.call(.get, "/api/v1/users/me", token: token)
            #expect(me.json["role"] as? String == "customer")
            #expect(me.json["password_hash"] == nil)
            let renamed = try await shop.call(
                .patch,
                "/api/v1/users/me",
                json: ["name": "Ada L.", "role": "admin"],
                token: token
            )
            #expect(renamed.json["name"] as? String == "Ada L.")
            #expect(renamed.json["role"] as? String == "customer")
        }
    }

    @Test("registering a taken address answers exactly like a new one and tells the owner by mail")
    func takenAddress() async throws {
        try await TestShop.run { shop in
            let body: [String: Any] = ["email": "taken@example.com", "password": "correct horse battery", "name": "A"]
            let first = try await shop.call(.post, "/api/v1/auth/register", json: body)
            let second = try await shop.call(.post, "/api/v1/auth/register", json: body)
            #expect(first.status == .created && second.status == .created)
            #expect(first.text == second.text)
            try await eventually("the owner's notice mail") {
                try shop.mails().contains { $0.contains("Someone tried to register your address") }
            }
        }
    }

    @Test("bad input names the field: email, password, a wrong type, broken JSON")
    func badInput() async throws {
        try await TestShop.run { shop in
            let cases: [(body: String, field: String)] = [
                (#"{"email":"not-an-address","password":"correct horse battery","name":"A"}"#, "email"),
                (#"{"email":"a@example.com","password":"short","name":"A"}"#, "password"),
                (#"{"email":"a@example.com","password":12,"name":"A"}"#, "password"),
                (#"{"email":"a@example.com","name":"A"}"#, "password"),
                (#"{"email":"a@example.com","#, "body"),
            ]
            for (body, field) in cases {
                let response = try await shop.call(.post, "/api/v1/auth/register", body: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "invalid_input")
                #expect(response.errorField == field, "\(body): \(response.text)")
            }
        }
    }

    @Test("a wrong password and an unknown address get the same 401")
    func sameAnswerForUnknownAccounts() async throws {
        try await TestShop.run { shop in
            let session = try await shop.signUp("known@example.com")
            let wrongPassword = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": session.email, "password": "not the password at all"]
            )
            let unknown = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": "nobody@example.com", "password": "not the password at all"]
            )
            #expect(wrongPassword.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrongPassword.text == unknown.text)
        }
    }

    @Test("failed sign-ins are throttled per account and per client address")
    func throttling() async throws {
        try await TestShop.run(configure: { $0.authPolicy.maximumFailedLogins = 3 }) { shop in
            let session = try await shop.signUp()
            for _ in 0..<3 {
                let failed = try await shop.call(
                    .post,
                    "/api/v1/auth/login",
                    json: ["email": session.email, "password": "wrong wrong wrong"]
                )
                #expect(failed.status == .unauthorized)
            }
            let throttled = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": session.email, "password": "a long enough password"]
            )
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorCode == "too_many_attempts")
            #expect(throttled.headers[.retryAfter] == "3600")
            // The same client, another account: the address has used up its failures too.
            let other = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": "other@example.com", "password": "x"]
            )
            #expect(other.status == .tooManyRequests)
        }
    }

    @Test("refresh rotates the pair; presenting a spent refresh token revokes the whole session")
    func refreshRotation() async throws {
        try await TestShop.run { shop in
            let session = try await shop.signUp()
            let rotated = try await shop.call(
                .post,
                "/api/v1/auth/refresh",
                json: ["refresh_token": session.refreshToken]
            )
            #expect(rotated.status == .ok)
            let newAccess = try #require(rotated.json["access_token"] as? String)
            let newRefresh = try #require(rotated.json["refresh_token"] as? String)
            #expect(newRefresh != session.refreshToken)
            #expect(try await shop.call(.get, "/api/v1/users/me", token: newAccess).status == .ok)

            let replay = try await shop.call(
                .post,
                "/api/v1/auth/refresh",
                json: ["refresh_token": session.refreshToken]
            )
            #expect(replay.status == .unauthorized)
            #expect(replay.errorCode == "invalid_token")
            // The thief's replay revoked the family: the rotated tokens are dead too.
            #expect(
                try await shop.call(.post, "/api/v1/auth/refresh", json: ["refresh_token": newRefresh]).status
                    == .unauthorized
            )
            #expect(try await shop.call(.get, "/api/v1/users/me", token: newAccess).status == .unauthorized)
        }
    }

    @Test("logout ends the session: its access token and refresh token stop working, other sessions do not")
    func logout() async throws {
        try await TestShop.run { shop in
            let session = try await shop.signUp()
            let other = try await shop.signIn(session.email, password: "a long enough password")
            let out = try await shop.call(.post, "/api/v1/auth/logout", token: session.accessToken)
            #expect(out.status == .noContent)
            #expect(try await shop.call(.get, "/api/v1/users/me", token: session.accessToken).status == .unauthorized)
            #expect(
                try await shop.call(.post, "/api/v1/auth/refresh", json: ["refresh_token": session.refreshToken]).status
                    == .unauthorized
            )
            #expect(try await shop.call(.get, "/api/v1/users/me", token: other.accessToken).status == .ok)
            #expect(try await shop.call(.post, "/api/v1/auth/logout").status == .unauthorized)
        }
    }

    @Test("password reset: the token comes by mail, works once, and signs the account out everywhere")
    func passwordReset() async throws {
        try await TestShop.run { shop in
            let session = try await shop.signUp()
            let unknown = try await shop.call(
                .post,
                "/api/v1/auth/password-reset",
                json: ["email": "nobody@example.com"]
            )
            let known = try await shop.call(.post, "/api/v1/auth/password-reset", json: ["email": session.email])
            #expect(unknown.status == .accepted && known.status == .accepted)
            #expect(unknown.text == known.text)
            var mail = ""
            try await eventually("the reset mail") {
                mail = try shop.mails().first { $0.contains("Reset your Emporium password") } ?? ""
                return !mail.isEmpty
            }
            let token = try #require(
                mail.split(separator: "\r\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
            )
            let confirmation: [String: Any] = ["token": token, "password": "a brand new password"]
            #expect(
                try await shop.call(.post, "/api/v1/auth/password-reset/confirm", json: confirmation).status
                    == .noContent
            )
            let reused = try await shop.call(.post, "/api/v1/auth/password-reset/confirm", json: confirmation)
            #expect(reused.status == .unauthorized)
            #expect(reused.errorField == "token")
            #expect(try await shop.call(.get, "/api/v1/users/me", token: session.accessToken).status == .unauthorized)
            let oldPassword = try await shop.call(
                .post,
                "/api/v1/auth/login",
                json: ["email": session.email, "password": "a long enough password"]
            )
            #expect(oldPassword.status == .unauthorized)
            _ = try await shop.signIn(session.email, password: "a brand new password")
            #expect(try shop.mails().filter { $0.contains("nobody@example.com") }.isEmpty)
        }
    }
}
