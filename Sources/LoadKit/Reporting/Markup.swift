/// Text made safe for XML and HTML documents (`junit.xml`, `report.html`).
enum Markup {
    /// Escapes markup and drops the characters XML 1.0 cannot carry (control characters other than tab and
    /// newline).
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An attribute value in double quotes.
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }
}
