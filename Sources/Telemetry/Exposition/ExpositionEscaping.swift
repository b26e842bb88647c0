/// Escaping rules of the Prometheus text and OpenMetrics formats.
enum ExpositionEscaping {
    /// Label values escape `\`, `"` and newline.
    static func appendLabelValue(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: output.append(byte)
            }
        }
    }

    /// HELP text escapes `\` and newline; OpenMetrics also escapes `"`.
    static func appendHelp(_ help: String, format: ExpositionFormat, to output: inout [UInt8]) {
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\"") where format == .openMetrics:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            default: output.append(byte)
            }
        }
    }
}
