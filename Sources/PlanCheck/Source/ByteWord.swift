/// Eight bytes of text as one 64-bit word, for scans that test a word at a
/// time before falling back to a byte loop (the lexer's strings and
/// comments, the CSV reader's fields). Each test marks, in the high bit of
/// each byte, the bytes it holds for; no carry crosses a byte, so the marks
/// are exact and the lowest one is the first such byte.
enum ByteWord {
    static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `offset`, the first in the lowest byte.
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// The bytes of `w` equal to `byte`.
    static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let t = w ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((t & low) &+ low) | t) & high
    }

    /// The bytes of `w` below `byte` (which is at most 0x80).
    static func below(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        ~(((w & low) &+ (0x80 &- UInt64(byte)) &* 0x0101_0101_0101_0101) | w) & high
    }

    /// The bytes of `w` at 0x80 or above (not ASCII).
    static func nonASCII(_ w: UInt64) -> UInt64 { w & high }

    /// The index (0 to 7) of the first byte marked in `marks` (not zero).
    static func first(_ marks: UInt64) -> Int { marks.trailingZeroBitCount >> 3 }
}
