// Reads single fields out of a platform's JSON answer without a full JSON parser.

/// Finds top-level-looking `"name": value` pairs in a JSON text.
///
/// Limitation: it matches the first occurrence of the name anywhere in the text, nested or
/// not — enough for the flat `{"errcode":…,"errmsg":…}` answers the chat platforms send.
enum JSONProbe {
    /// The integer after `"name":`, or nil.
    static func integer(_ name: String, in text: String) -> Int? {
        guard let rest = valueText(name, in: text) else { return nil }
        let digits = rest.prefix { $0 == "-" || $0.isNumber }
        return Int(digits)
    }

    /// The string after `"name":`, unescaped only for `\"` and `\\`, or nil.
    static func string(_ name: String, in text: String) -> String? {
        guard let rest = valueText(name, in: text), rest.first == "\"" else { return nil }
        var output = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped {
                output.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return output
            } else {
                output.append(character)
            }
        }
        return nil
    }

    private static func valueText(_ name: String, in text: String) -> Substring? {
        guard let range = text[...].range(of: "\"\(name)\"") else { return nil }
        var rest = text[range.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        return rest
    }
}
