import FoundationEssentials

/// Password reset by a single-use token sent by email.
///
/// Asking for a reset answers the same whether or not the address has an account. Using the token sets the
/// new password, spends the token, signs out every session of the account and forgets its failed sign-ins.
extension AuthService {
    /// Emails a reset token when the address has an account; does nothing otherwise.
    /// - Throws: `invalid_input` naming `email` when it is not an address.
    public func requestPasswordReset(email: String) async throws {
        let address = try EmailAddress(email)
        guard let user = try await users.user(email: address) else { return }
        let token = SecretToken.generate()
        let moment = now()
        let expiry = moment.addingTimeInterval(policy.passwordResetLifetime.timeInterval)
        try await credentials.insert(
            PasswordResetToken(tokenHash: digests.digest(token), userID: user.id, expiresAt: expiry)
        )
        let minutes = Int(policy.passwordResetLifetime.timeInterval / 60)
        try await mailer.send(
            MailMessage(
                id: "password-reset-\(digests.digest(token).prefix(16))",
                to: user.email,
                subject: "Reset your Emporium password",
                body: """
                    Hello \(user.name),

                    someone (we hope you) asked to reset the password of your Emporium account.
                    Your reset token, valid for \(minutes) minutes and for one use:

                        \(token)

                    Send it with your new password to POST /api/v1/auth/password-reset/confirm.
                    If you did not ask for this, ignore this message: your password stays as it is.
                    """
            )
        )
    }

    /// Sets a new password with a reset token.
    /// - Throws: `invalid_input` naming `password` when the new password is too short or long;
    ///   `invalid_token` when the token is unknown, expired or used.
    public func confirmPasswordReset(token: String, newPassword: String) async throws {
        try PasswordPolicy.validate(newPassword)
        let moment = now()
        guard let userID = try await credentials.consumePasswordReset(hash: digests.digest(token), at: moment),
            var user = try await users.user(id: userID)
        else {
            throw DomainError(
                .invalidToken,
                "the reset token is unknown, expired or already used: ask for a new one",
                details: ["field": .string("token")]
            )
        }
        user.passwordHash = try await hasher.hash(newPassword)
        try await users.update(user)
        try await credentials.revokeFamilies(of: user.id, at: moment)
        try await loginAttempts.clear(email: user.email)
    }
}
