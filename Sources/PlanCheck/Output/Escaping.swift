extension String {
    /// Appends `text` with each ASCII byte that `replacement` maps to a string
    /// replaced by that string, and the bytes between copied in runs rather
    /// than a scalar at a time: the escapers of every writer (CSV quotes, HTML
    /// entities, Markdown punctuation) go through here.
    ///
    /// Only ASCII bytes are offered to `replacement`; they never sit inside a
    /// multi-byte character, so every run is whole characters.
    ///
    ///     var out = "\""
    ///     out.appendEscaping("say \"hi\"") { $0 == UInt8(ascii: "\"") ? "\"\"" : nil }
    ///     // out == "\"say \"\"hi\"\""
    mutating func appendEscaping(_ text: String, _ replacement: (UInt8) -> String?) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var i = runStart
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte < 0x80, let replaced = replacement(byte) {
                self += text[runStart..<i]
                self += replaced
                runStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        self += text[runStart..<utf8.endIndex]
    }
}
