import Foundation

/// A virtual user's variables: its data row, what its steps extracted, and the built-ins.
public struct Variables: Sendable {
    /// `source.column` values of the virtual user's data rows.
    var data: [String: String] = [:]
    /// Values extracted by earlier steps.
    var extracted: [String: String] = [:]
    /// The virtual user's number, from 1.
    var vu: Int
    /// The iteration of the virtual user, from 1.
    var iteration = 0

    /// Creates the variables of a virtual user.
    init(vu: Int) {
        self.vu = vu
    }

    /// A variable's value; `nil` when it has none.
    func value(of name: String) -> String? {
        switch name {
        case "vu": String(vu)
        case "iteration": String(iteration)
        case "uuid": UUID().uuidString.lowercased()
        default: extracted[name] ?? data[name]
        }
    }

    /// The names every template may use without a data file or an extraction.
    static let builtIns: Set<String> = ["vu", "iteration", "uuid"]
}
