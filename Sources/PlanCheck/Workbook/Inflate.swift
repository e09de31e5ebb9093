/// Why a DEFLATE stream (RFC 1951) could not be inflated. Each case is one
/// way a stream breaks the specification, or our size cap.
public enum InflateError: Error, Sendable, Hashable {
    /// The input ends before the final block does.
    case truncated
    /// A block header with BTYPE 11, which RFC 1951 reserves.
    case reservedBlockType
    /// A stored block whose LEN is not the complement of its NLEN.
    case storedLengthMismatch
    /// A dynamic block's code lengths describe no valid prefix code:
    /// over-subscribed, incomplete, too many symbols, a repeat with nothing
    /// before it or past the end, or no end-of-block code.
    case invalidCodeLengths
    /// Bits that match no code, or a length or distance symbol the format
    /// does not define (286, 287, 30, 31).
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// The output would grow past `limit` bytes (a "ZIP bomb" is refused here).
    case tooLarge(limit: Int)

    public var message: String {
        switch self {
        case .truncated: "the compressed data ends too early (truncated)"
        case .reservedBlockType: "the compressed data uses a reserved block type"
        case .storedLengthMismatch: "a stored block's length check fails"
        case .invalidCodeLengths: "the compressed data has an invalid Huffman code"
        case .invalidSymbol: "the compressed data holds an invalid code"
        case .distanceTooFar: "the compressed data refers back before its start"
        case .tooLarge(let limit): "it inflates to more than \(limit) bytes, the most plancheck reads"
        }
    }
}

/// A DEFLATE (RFC 1951) decoder of our own: stored, fixed-Huffman and
/// dynamic-Huffman blocks, every length checked, the output capped.
///
/// A pure function of bytes, for the XLSX reader and for fuzzing:
///
///     Inflate.inflate([0x03, 0x00], limit: 1 << 20)   // .success([]): one empty fixed block
public enum Inflate {
    /// Inflates a raw DEFLATE stream (no zlib or gzip wrapper). Stops with
    /// `.tooLarge` as soon as the output would pass `limit`; `sizeHint` (the
    /// size a ZIP entry declares) only sizes the first allocation.
    public static func inflate(_ input: [UInt8], limit: Int, sizeHint: Int = 0) -> Result<[UInt8], InflateError> {
        input.withUnsafeBufferPointer { inflate($0, limit: limit, sizeHint: sizeHint) }
    }

    public static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int,
                               sizeHint: Int = 0) -> Result<[UInt8], InflateError> {
        var state = Inflater(input: input, limit: max(0, limit), sizeHint: sizeHint)
        defer { state.output.deallocate() }
        if let error = state.run() { return .failure(error) }
        return .success(Array(UnsafeBufferPointer(start: state.output.baseAddress, count: state.count)))
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
                                    83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
                                     5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
                                       11, 12, 12, 13, 13]
    /// The order in which a dynamic block lists the code-length code's lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let fixedLiteralTable: HuffmanTable = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return HuffmanTable(lengths: lengths, allowSingle: false)!
    }()
    static let fixedDistanceTable = HuffmanTable(lengths: [UInt8](repeating: 5, count: 32), allowSingle: false)!
}

/// A canonical Huffman code as RFC 1951 §3.2.2 builds it from code lengths,
/// as one lookup table indexed by the next `bits` input bits (least
/// significant first). An entry is `symbol << 4 | length`; length 0 marks
/// bits that start no code.
struct HuffmanTable: Sendable {
    var entries: [UInt16]
    var bits: Int

    /// Nil when the lengths over-subscribe the code, or leave it incomplete
    /// (allowed only for a single code of length 1 when `allowSingle`, as zlib
    /// allows; no codes at all is allowed too when `allowSingle`, for a block
    /// that uses no distances).
    init?(lengths: [UInt8], allowSingle: Bool) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        let codes = counts.reduce(0, +)
        var left = 1
        for length in 1...15 {
            left <<= 1
            left -= counts[length]
            if left < 0 { return nil }
        }
        var maxLength = 0
        for length in 1...15 where counts[length] > 0 { maxLength = length }
        if codes == 0 {
            guard allowSingle else { return nil }
            entries = [0, 0]
            bits = 1
            return
        }
        if left > 0 && !(allowSingle && codes == 1 && maxLength == 1) { return nil }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        bits = maxLength
        var table = [UInt16](repeating: 0, count: 1 << maxLength)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let l = Int(length)
            var reversed = 0
            var c = next[l]
            next[l] += 1
            for _ in 0..<l {
                reversed = reversed << 1 | c & 1
                c >>= 1
            }
            let entry = UInt16(symbol << 4 | l)
            var i = reversed
            while i < table.count {
                table[i] = entry
                i += 1 << l
            }
        }
        entries = table
    }
}

/// The decoder's state: input bits, the output so far.
private struct Inflater {
    let input: UnsafeBufferPointer<UInt8>
    let limit: Int
    var position = 0
    var bitBuffer: UInt64 = 0
    var bitCount = 0
    /// Zero bytes fed in past the end of the input, so a lookup may peek
    /// further than the stream goes; consuming any of them is truncation.
    var padding = 0
    var output: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(input: UnsafeBufferPointer<UInt8>, limit: Int, sizeHint: Int) {
        self.input = input
        self.limit = limit
        let capacity = max(64, min(limit, sizeHint > 0 ? sizeHint : input.count * 4))
        output = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func refill() {
        while bitCount <= 56 {
            let byte: UInt64
            if position < input.count {
                byte = UInt64(input[position])
            } else {
                byte = 0
                padding += 1
            }
            position += 1
            bitBuffer |= byte << UInt64(bitCount)
            bitCount += 8
        }
    }

    /// True once more bits were consumed than the input holds.
    @inline(__always)
    var overran: Bool { bitCount < padding * 8 }

    @inline(__always)
    mutating func bits(_ n: Int) -> Int {
        if bitCount < n { refill() }
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return value
    }

    /// The next symbol of `table`, or nil for bits that start no code.
    @inline(__always)
    mutating func decode(_ table: UnsafeBufferPointer<UInt16>, _ tableBits: Int) -> Int? {
        if bitCount < tableBits { refill() }
        let entry = Int(table[Int(bitBuffer & ((1 << UInt64(tableBits)) - 1))])
        let length = entry & 15
        guard length != 0 else { return nil }
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return entry >> 4
    }

    mutating func reserve(_ extra: Int) -> InflateError? {
        let needed = count + extra
        guard needed > output.count else { return nil }
        guard needed <= limit else { return .tooLarge(limit: limit) }
        let capacity = min(limit, max(needed, output.count * 2))
        let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        _ = grown.initialize(from: UnsafeBufferPointer(rebasing: output[0..<count]))
        output.deallocate()
        output = grown
        return nil
    }

    mutating func run() -> InflateError? {
        while true {
            let final = bits(1)
            let type = bits(2)
            if overran { return .truncated }
            let problem: InflateError?
            switch type {
            case 0: problem = stored()
            case 1: problem = huffman(Inflate.fixedLiteralTable, Inflate.fixedDistanceTable)
            case 2: problem = dynamic()
            default: problem = .reservedBlockType
            }
            if let problem { return problem }
            if final == 1 { return nil }
        }
    }

    mutating func stored() -> InflateError? {
        // Drop to a byte boundary; what the buffer holds beyond it is unread input.
        let drop = bitCount % 8
        bitBuffer >>= UInt64(drop)
        bitCount -= drop
        let start = position - bitCount / 8
        bitBuffer = 0
        bitCount = 0
        guard start + 4 <= input.count else { return .truncated }
        let length = Int(input[start]) | Int(input[start + 1]) << 8
        let complement = Int(input[start + 2]) | Int(input[start + 3]) << 8
        guard length == ~complement & 0xFFFF else { return .storedLengthMismatch }
        guard start + 4 + length <= input.count else { return .truncated }
        if let problem = reserve(length) { return problem }
        for i in 0..<length { output[count + i] = input[start + 4 + i] }
        count += length
        position = start + 4 + length
        padding = 0
        return nil
    }

    mutating func dynamic() -> InflateError? {
        let literalCount = bits(5) + 257
        let distanceCount = bits(5) + 1
        let codeLengthCount = bits(4) + 4
        if overran { return .truncated }
        guard literalCount <= 286, distanceCount <= 30 else { return .invalidCodeLengths }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[Inflate.codeLengthOrder[i]] = UInt8(bits(3)) }
        if overran { return .truncated }
        guard let codeLengthTable = HuffmanTable(lengths: codeLengthLengths, allowSingle: false) else {
            return .invalidCodeLengths
        }
        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var i = 0
        while i < lengths.count {
            let symbol = codeLengthTable.entries.withUnsafeBufferPointer { decode($0, codeLengthTable.bits) }
            if overran { return .truncated }
            guard let symbol else { return .invalidCodeLengths }
            switch symbol {
            case 0...15:
                lengths[i] = UInt8(symbol)
                i += 1
            default:
                var repeated: UInt8 = 0
                let times: Int
                if symbol == 16 {
                    guard i > 0 else { return .invalidCodeLengths }
                    repeated = lengths[i - 1]
                    times = 3 + bits(2)
                } else if symbol == 17 {
                    times = 3 + bits(3)
                } else {
                    times = 11 + bits(7)
                }
                if overran { return .truncated }
                guard i + times <= lengths.count else { return .invalidCodeLengths }
                for _ in 0..<times {
                    lengths[i] = repeated
                    i += 1
                }
            }
        }
        guard lengths[256] != 0,
              let literals = HuffmanTable(lengths: Array(lengths[0..<literalCount]), allowSingle: true),
              let distances = HuffmanTable(lengths: Array(lengths[literalCount...]), allowSingle: true) else {
            return .invalidCodeLengths
        }
        return huffman(literals, distances)
    }

    mutating func huffman(_ literals: HuffmanTable, _ distances: HuffmanTable) -> InflateError? {
        literals.entries.withUnsafeBufferPointer { lit in
            distances.entries.withUnsafeBufferPointer { dist in
                Inflate.lengthBase.withUnsafeBufferPointer { lengthBase in
                    Inflate.distanceBase.withUnsafeBufferPointer { distanceBase in
                        codes(lit, literals.bits, dist, distances.bits, lengthBase, distanceBase)
                    }
                }
            }
        }
    }

    mutating func codes(_ lit: UnsafeBufferPointer<UInt16>, _ litBits: Int, _ dist: UnsafeBufferPointer<UInt16>,
                        _ distBits: Int, _ lengthBase: UnsafeBufferPointer<Int>,
                        _ distanceBase: UnsafeBufferPointer<Int>) -> InflateError? {
        while true {
            guard let symbol = decode(lit, litBits) else { return overran ? .truncated : .invalidSymbol }
            if overran { return .truncated }
            if symbol < 256 {
                if count == output.count, let problem = reserve(1) { return problem }
                output[count] = UInt8(truncatingIfNeeded: symbol)
                count += 1
                continue
            }
            if symbol == 256 { return nil }
            let index = symbol - 257
            guard index < 29 else { return .invalidSymbol }
            let length = lengthBase[index] + bits(Inflate.lengthExtra[index])
            guard let distanceSymbol = decode(dist, distBits) else { return overran ? .truncated : .invalidSymbol }
            guard distanceSymbol < 30 else { return .invalidSymbol }
            let distance = distanceBase[distanceSymbol] + bits(Inflate.distanceExtra[distanceSymbol])
            if overran { return .truncated }
            guard distance <= count else { return .distanceTooFar }
            if count + length > output.count, let problem = reserve(length) { return problem }
            var from = count - distance
            let base = output.baseAddress!
            if distance >= length {
                (base + count).update(from: base + from, count: length)
                count += length
            } else {
                for _ in 0..<length {
                    base[count] = base[from]
                    count += 1
                    from += 1
                }
            }
        }
    }
}
