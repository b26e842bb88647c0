/// A scenario file that cannot be run: which file, which line, which field, and what was expected.
/// `emporium-load` exits with status 2 on it.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is not on one line (the file cannot be read).
    public var line: Int
    /// The path of the field, for example `scenarios[0].rate` or `journeys.browse[2].get`.
    public var field: String
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `smoke.yaml:12: scenarios[0].rate: expected a number of iterations per second, got "fast"`.
    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}
