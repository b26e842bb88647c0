import ArgumentParser
import Foundation
import Logging

/// `emporium migrate`: applies the schema migrations that have not run yet.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger(label: "emporium.migrate")
        try await database.withDatabase(logger: logger) { _ in }
        print("Database \(database.resolvedURL.redactingPassword) is up to date.")
    }
}

extension String {
    /// The URL with its password replaced by `***`, for messages.
    var redactingPassword: String {
        guard let at = firstIndex(of: "@"), let scheme = range(of: "://"),
            let colon = self[scheme.upperBound..<at].firstIndex(of: ":")
        else { return self }
        return String(self[..<index(after: colon)]) + "***" + String(self[at...])
    }
}
