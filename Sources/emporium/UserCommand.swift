import ArgumentParser
import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import Logging

/// `emporium user create`: accounts for administrators and sellers, with the password read from a file.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage user accounts.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from a file (or /dev/stdin), never from the command line."
        )

        @Option(help: "The account's email address.")
        var email: String

        @Option(help: "A file whose first line is the password (at least 12 characters).")
        var passwordFile: String

        @Option(help: "customer, seller or admin.")
        var role: String = "customer"

        @Option(help: "The display name; defaults to the part of the email before @.")
        var name: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let role = try Role(parsing: role)
            let password = try readPassword()
            let name = name ?? String(email.prefix { $0 != "@" })
            let email = email
            let user = try await database.withDatabase(logger: Logger(label: "emporium.user")) { database in
                try await UserAccounts(users: database.storage.users, hasher: BcryptPasswordHasher())
                    .create(email: email, name: name, password: password, role: role)
            }
            print("Created \(user.role.rawValue) \(user.email) with id \(user.id).")
        }

        private func readPassword() throws -> String {
            // A file handle also reads pipes: /dev/stdin, or a shell's <(…).
            guard let handle = FileHandle(forReadingAtPath: passwordFile), let data = try? handle.readToEnd() else {
                throw ValidationError("--password-file \(passwordFile): cannot read the file")
            }
            let text = String(decoding: data, as: UTF8.self)
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
    }
}
