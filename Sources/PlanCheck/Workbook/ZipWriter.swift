/// Writes small ZIP archives and .xlsx workbooks: for tests, fuzz seeds and
/// `make bench`, which need workbooks of a chosen shape (a 100,000-row sheet)
/// without committing megabytes. plancheck itself never writes workbooks.
///
///     var zip = ZipWriter()
///     zip.add("a.txt", Array("hello".utf8))
///     let bytes = zip.finish()
public struct ZipWriter: Sendable {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds an entry, DEFLATE-compressed unless `stored`.
    public mutating func add(_ name: String, _ data: [UInt8], stored: Bool = false, flags: Int = 0) {
        let compressed = stored ? data : Deflate.compress(data)
        let crc = CRC32.checksum(data)
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        let method = stored ? 0 : 8
        func header(_ signature: UInt32, central: Bool) -> [UInt8] {
            var h: [UInt8] = []
            Self.put32(&h, signature)
            if central { Self.put16(&h, 20) }  // version made by
            Self.put16(&h, 20)  // version needed
            Self.put16(&h, flags)
            Self.put16(&h, method)
            Self.put16(&h, 0)  // time
            Self.put16(&h, 0x21)  // date: 1980-01-01
            Self.put32(&h, crc)
            Self.put32(&h, UInt32(compressed.count))
            Self.put32(&h, UInt32(data.count))
            Self.put16(&h, nameBytes.count)
            Self.put16(&h, 0)  // extra
            if central {
                Self.put16(&h, 0)  // comment
                Self.put16(&h, 0)  // disk
                Self.put16(&h, 0)  // internal attributes
                Self.put32(&h, 0)  // external attributes
                Self.put32(&h, UInt32(offset))
            }
            return h + nameBytes
        }
        bytes += header(ZipArchive.localSignature, central: false)
        bytes += compressed
        directory += header(ZipArchive.centralSignature, central: true)
        count += 1
    }

    /// The archive: entries, central directory, end record.
    public mutating func finish() -> [UInt8] {
        let directoryOffset = bytes.count
        var out = bytes + directory
        Self.put32(&out, ZipArchive.endSignature)
        Self.put16(&out, 0)
        Self.put16(&out, 0)
        Self.put16(&out, count)
        Self.put16(&out, count)
        Self.put32(&out, UInt32(directory.count))
        Self.put32(&out, UInt32(directoryOffset))
        Self.put16(&out, 0)
        return out
    }

    static func put16(_ out: inout [UInt8], _ v: Int) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF))
    }

    static func put32(_ out: inout [UInt8], _ v: UInt32) {
        for shift in [0, 8, 16, 24] { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }

    /// A minimal .xlsx: one sheet per (name, rows). A cell that reads as a
    /// plain number is a number, `82.5%` a number styled `0.0%`, `2013-09-30`
    /// a date serial styled `yyyy-mm-dd`; anything else an inline string.
    /// `stored` leaves the sheets uncompressed (quicker to write in a debug build).
    /// Sheets named in `hidden` are marked `state="hidden"`; `merges` gives a
    /// sheet's merged ranges by its name (`["Plan": ["A2:A3"]]`).
    public static func workbook(_ sheets: [(name: String, rows: [[String]])], stored: Bool = false,
                                hidden: Set<String> = [], merges: [String: [String]] = [:]) -> [UInt8] {
        var zip = ZipWriter()
        func escape(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default: out.append(c)
                }
            }
            return out
        }
        let sheetList = sheets.indices.map {
            "<sheet name=\"\(escape(sheets[$0].name))\" sheetId=\"\($0 + 1)\""
                + (hidden.contains(sheets[$0].name) ? " state=\"hidden\"" : "") + " r:id=\"rId\($0 + 1)\"/>"
        }.joined()
        zip.add("[Content_Types].xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """.utf8))
        zip.add("_rels/.rels", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8))
        zip.add("xl/workbook.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
            """.utf8))
        let rels = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        let stylesRelation = "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        zip.add("xl/_rels/workbook.xml.rels", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)\(stylesRelation)</Relationships>
            """.utf8))
        zip.add("xl/styles.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>
            """.utf8))
        for (i, sheet) in sheets.enumerated() {
            var xml: [UInt8] = Array("""
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                """.utf8)
            for (r, row) in sheet.rows.enumerated() {
                xml += Array("<row r=\"\(r + 1)\">".utf8)
                for (c, cell) in row.enumerated() where !cell.isEmpty {
                    let ref = CellReference(column: c, row: r + 1).name
                    if Double(cell) != nil, cell.first != "+", !cell.contains("e"), !cell.contains("n") {
                        xml += Array("<c r=\"\(ref)\"><v>\(cell)</v></c>".utf8)
                    } else if cell.hasSuffix("%"), let number = Double(cell.dropLast()) {
                        xml += Array("<c r=\"\(ref)\" s=\"1\"><v>\(number / 100)</v></c>".utf8)
                    } else if cell.utf8.count == 10, let date = CalendarDate.parseISO(cell) {
                        xml += Array("<c r=\"\(ref)\" s=\"2\"><v>\(date.dayNumber + 25_569)</v></c>".utf8)
                    } else {
                        xml += Array("<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escape(cell))</t></is></c>".utf8)
                    }
                }
                xml += Array("</row>".utf8)
            }
            xml += Array("</sheetData>".utf8)
            if let ranges = merges[sheet.name], !ranges.isEmpty {
                xml += Array("<mergeCells count=\"\(ranges.count)\">".utf8)
                for range in ranges { xml += Array("<mergeCell ref=\"\(range)\"/>".utf8) }
                xml += Array("</mergeCells>".utf8)
            }
            xml += Array("</worksheet>".utf8)
            zip.add("xl/worksheets/sheet\(i + 1).xml", xml, stored: stored)
        }
        return zip.finish()
    }
}

/// DEFLATE compression, the inverse of `Inflate`.
public enum Deflate {
    /// Compresses into one fixed-Huffman DEFLATE block with greedy LZ77
    /// matching (a 32 KiB window, one candidate per 3-byte hash): simple,
    /// and enough to make test and benchmark workbooks of realistic size.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, 1)  // final
        writer.write(1, 2)  // fixed Huffman
        var table = [Int](repeating: -1, count: 1 << 15)
        var i = 0
        let n = input.count
        while i < n {
            var bestLength = 0
            var bestDistance = 0
            if i + 3 <= n {
                let hash = (Int(input[i]) << 10 ^ Int(input[i + 1]) << 5 ^ Int(input[i + 2])) & 0x7FFF
                let candidate = table[hash]
                table[hash] = i
                if candidate >= 0, i - candidate <= 32768 {
                    var length = 0
                    while length < 258, i + length < n, input[candidate + length] == input[i + length] { length += 1 }
                    if length >= 3 {
                        bestLength = length
                        bestDistance = i - candidate
                    }
                }
            }
            if bestLength >= 3 {
                writer.writeLength(bestLength)
                writer.writeDistance(bestDistance)
                // Keep the hash table warm inside the match, cheaply.
                var k = i + 1
                while k + 3 <= min(n, i + bestLength) {
                    table[(Int(input[k]) << 10 ^ Int(input[k + 1]) << 5 ^ Int(input[k + 2])) & 0x7FFF] = k
                    k += 1
                }
                i += bestLength
            } else {
                writer.writeLiteral(Int(input[i]))
                i += 1
            }
        }
        writer.writeLiteral(256)
        return writer.finish()
    }
}

/// DEFLATE's bit order: values least significant bit first, Huffman codes
/// most significant bit first.
public struct BitWriter: Sendable {
    var out: [UInt8] = []
    var buffer: UInt64 = 0
    var count = 0

    public init() {}

    public mutating func write(_ value: Int, _ bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            out.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    /// A Huffman code of `bits` bits, written most significant bit first.
    public mutating func writeCode(_ code: Int, _ bits: Int) {
        var reversed = 0
        for k in 0..<bits { reversed |= ((code >> k) & 1) << (bits - 1 - k) }
        write(reversed, bits)
    }

    /// A literal/length symbol (0...287) in the fixed code.
    public mutating func writeLiteral(_ symbol: Int) {
        switch symbol {
        case 0..<144: writeCode(0x30 + symbol, 8)
        case 144..<256: writeCode(0x190 + symbol - 144, 9)
        case 256..<280: writeCode(symbol - 256, 7)
        default: writeCode(0xC0 + symbol - 280, 8)
        }
    }

    public mutating func writeLength(_ length: Int) {
        var index = Inflate.lengthBase.count - 1
        while Inflate.lengthBase[index] > length { index -= 1 }
        writeLiteral(257 + index)
        write(length - Inflate.lengthBase[index], Inflate.lengthExtra[index])
    }

    public mutating func writeDistance(_ distance: Int) {
        var index = Inflate.distanceBase.count - 1
        while Inflate.distanceBase[index] > distance { index -= 1 }
        writeCode(index, 5)
        write(distance - Inflate.distanceBase[index], Inflate.distanceExtra[index])
    }

    public mutating func finish() -> [UInt8] {
        if count > 0 { out.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        count = 0
        return out
    }
}
