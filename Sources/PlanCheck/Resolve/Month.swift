/// English month names, as plans write them in dates ("30 September 2013", "Sep 2013",
/// "Apr-18", a bare "September").
///
/// Matching is case-insensitive and works on UTF-8 bytes, so the lexer can ask about a
/// word without making a `String`:
///
///     Month.number("sept")         // 9
///     Month.number("JANUARY")      // 1
///     Month.number("Septmber")     // nil
///     Month.suggestion(for: "Septmber")   // "September"
public enum Month {
    /// "January" ... "December"; index `n - 1` for month `n`.
    public static let fullNames: [String] = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "Jan" ... "Dec"; index `n - 1` for month `n`.
    public static let shortNames: [String] = fullNames.map { String($0.prefix(3)) }

    /// The month (1...12) named by `bytes`: a full name, a three-letter abbreviation, or
    /// "Sept", in any case. Nil for anything else.
    public static func number(_ bytes: some Collection<UInt8>) -> Int? {
        // Fold up to the longest name ("September", 9 letters) into one integer, five bits
        // a letter, so each comparison below is a single integer test.
        var key: UInt64 = 0
        var length = 0
        for byte in bytes {
            length += 1
            guard length <= 9 else { return nil }
            let lower = byte | 0x20  // ASCII letters only; anything else fails below
            guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return nil }
            key = key << 5 | UInt64(lower - UInt8(ascii: "a") + 1)
        }
        guard length >= 3 else { return nil }
        switch key {
        case jan, january: return 1
        case feb, february: return 2
        case mar, march: return 3
        case apr, april: return 4
        case may: return 5
        case jun, june: return 6
        case jul, july: return 7
        case aug, august: return 8
        case sep, sept, september: return 9
        case oct, october: return 10
        case nov, november: return 11
        case dec, december: return 12
        default: return nil
        }
    }

    /// `number(_:)` for a `String`.
    public static func number(_ text: String) -> Int? {
        number(text.utf8)
    }

    /// The full month name nearest to a misspelt `word` ("Febuary" gives "February"), or
    /// nil when `word` already names a month or nothing is close. Three- and four-letter
    /// words are also compared with the abbreviations, so "Spe" gives "September".
    public static func suggestion(for word: String) -> String? {
        if number(word) != nil { return nil }
        if let full = Suggest.closest(to: word, among: fullNames) { return full }
        guard word.unicodeScalars.count <= 4,
            let short = Suggest.closest(to: word, among: shortNames + ["Sept"])
        else { return nil }
        return fullNames[number(short)! - 1]
    }

    // Keys for `number(_:)`, built the same way from lower-case ASCII.
    private static func key(_ name: StaticString) -> UInt64 {
        var key: UInt64 = 0
        name.withUTF8Buffer { for byte in $0 { key = key << 5 | UInt64(byte - UInt8(ascii: "a") + 1) } }
        return key
    }

    private static let jan = key("jan"), january = key("january")
    private static let feb = key("feb"), february = key("february")
    private static let mar = key("mar"), march = key("march")
    private static let apr = key("apr"), april = key("april")
    private static let may = key("may")
    private static let jun = key("jun"), june = key("june")
    private static let jul = key("jul"), july = key("july")
    private static let aug = key("aug"), august = key("august")
    private static let sep = key("sep"), sept = key("sept"), september = key("september")
    private static let oct = key("oct"), october = key("october")
    private static let nov = key("nov"), november = key("november")
    private static let dec = key("dec"), december = key("december")
}
