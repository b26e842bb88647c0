import Foundation

/// Lines for the person at the terminal, written at once: `print` buffers when standard output is a pipe,
/// and the server's logs, written unbuffered, would overtake them.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
