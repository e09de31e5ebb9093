import Foundation
import Testing
@testable import PlanCheck

/// The hand-written binary readers: DEFLATE (RFC 1951) and the ZIP container,
/// a test per malformed case. Every case must end in a clear error value,
/// never a trap or a hang.
@Suite struct InflateTests {
    /// A fixed-Huffman stream built symbol by symbol.
    static func fixed(_ body: (inout BitWriter) -> Void, final: Bool = true) -> [UInt8] {
        var w = BitWriter()
        w.write(final ? 1 : 0, 1)
        w.write(1, 2)
        body(&w)
        return w.finish()
    }

    @Test func emptyFixedBlock() {
        #expect(Inflate.inflate([0x03, 0x00], limit: 100) == .success([]))
    }

    @Test func storedBlock() {
        let stream: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
        #expect(Inflate.inflate(stream, limit: 100) == .success(Array("hello".utf8)))
    }

    @Test func literalsAndAnOverlappingMatch() {
        // "ab" then a match of length 6 at distance 2: "abababab".
        let stream = Self.fixed { w in
            w.writeLiteral(Int(UInt8(ascii: "a")))
            w.writeLiteral(Int(UInt8(ascii: "b")))
            w.writeLength(6)
            w.writeDistance(2)
            w.writeLiteral(256)
        }
        #expect(Inflate.inflate(stream, limit: 100) == .success(Array("abababab".utf8)))
    }

    @Test(arguments: [0, 1, 100, 5000, 70000])
    func roundTripsOurCompressor(_ size: Int) {
        var rng = SplitMix(seed: UInt64(size))
        var data: [UInt8] = []
        while data.count < size {
            // Text-like: runs of repeats and fresh bytes.
            if rng.next() % 3 == 0, data.count > 10 {
                let start = Int(rng.next() % UInt64(data.count - 5))
                data += data[start..<min(data.count, start + Int(rng.next() % 40) + 3)]
            } else {
                data.append(UInt8(rng.next() % 64) + 32)
            }
        }
        data = Array(data.prefix(size))
        #expect(Inflate.inflate(Deflate.compress(data), limit: size + 1) == .success(data))
    }

    @Test func dynamicBlocksFromRealWriters() throws {
        // Every part of a workbook written by LibreOffice and by XlsxWriter
        // (zlib's dynamic blocks) inflates and passes its CRC-32.
        for name in ["cheshire-east-libreoffice.xlsx", "cheshire-east-xlsxwriter.xlsx", "cheshire-east-openpyxl.xlsx"] {
            let zip = try ZipArchive.read(fixtureBytes(name)).get()
            #expect(zip.entries.contains { $0.method == 8 })
            for entry in zip.entries {
                let data = try zip.extract(entry).get()
                #expect(data.count == entry.uncompressedSize)
            }
        }
    }

    @Test func truncatedStream() throws {
        let zip = try ZipArchive.read(fixtureBytes("cheshire-east-xlsxwriter.xlsx")).get()
        let entry = try #require(zip.entries.first { $0.name == "xl/styles.xml" })
        let start = entry.localHeaderOffset + 30 + ZipArchive.u16(zip.bytes, entry.localHeaderOffset + 26)
            + ZipArchive.u16(zip.bytes, entry.localHeaderOffset + 28)
        let stream = Array(zip.bytes[start..<(start + entry.compressedSize)])
        #expect(Inflate.inflate(stream, limit: 1 << 20).map(\.count) == .success(entry.uncompressedSize))
        for cut in [1, stream.count / 2, stream.count - 1] {
            #expect(Inflate.inflate(Array(stream.prefix(cut)), limit: 1 << 20) == .failure(.truncated), "cut at \(cut)")
        }
        #expect(Inflate.inflate([], limit: 10) == .failure(.truncated))
        // A stored block whose bytes run out.
        #expect(Inflate.inflate([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x41], limit: 10) == .failure(.truncated))
    }

    @Test func reservedBlockType() {
        #expect(Inflate.inflate([0x07], limit: 10) == .failure(.reservedBlockType))
    }

    @Test func storedLengthMismatch() {
        #expect(Inflate.inflate([0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5], limit: 10) == .failure(.storedLengthMismatch))
    }

    @Test func overSubscribedCodeLengths() {
        // A dynamic block whose code-length code gives four symbols length 1.
        var w = BitWriter()
        w.write(1, 1)
        w.write(2, 2)
        w.write(0, 5)  // 257 literal/length codes
        w.write(0, 5)  // 1 distance code
        w.write(0, 4)  // 4 code-length codes: 16, 17, 18, 0
        for _ in 0..<4 { w.write(1, 3) }
        #expect(Inflate.inflate(w.finish(), limit: 10) == .failure(.invalidCodeLengths))
    }

    @Test func repeatWithNothingBefore() {
        // Code-length codes: symbols 16 and 17 of length 1 (complete); the first is 16.
        var w = BitWriter()
        w.write(1, 1)
        w.write(2, 2)
        w.write(0, 5)
        w.write(0, 5)
        w.write(0, 4)
        w.write(1, 3)  // 16
        w.write(1, 3)  // 17
        w.write(0, 3)  // 18
        w.write(0, 3)  // 0
        w.writeCode(0, 1)  // symbol 16: repeat the previous length, but there is none
        w.write(0, 2)
        #expect(Inflate.inflate(w.finish(), limit: 10) == .failure(.invalidCodeLengths))
    }

    @Test func distanceBeforeTheStart() {
        let stream = Self.fixed { w in
            w.writeLiteral(65)
            w.writeLength(3)
            w.writeDistance(2)
            w.writeLiteral(256)
        }
        #expect(Inflate.inflate(stream, limit: 100) == .failure(.distanceTooFar))
    }

    @Test func undefinedLengthAndDistanceSymbols() {
        let length286 = Self.fixed { w in
            w.writeLiteral(65)
            w.writeLiteral(286)
        }
        #expect(Inflate.inflate(length286, limit: 100) == .failure(.invalidSymbol))
        let distance30 = Self.fixed { w in
            w.writeLiteral(65)
            w.writeLiteral(257)
            w.writeCode(30, 5)
        }
        #expect(Inflate.inflate(distance30, limit: 100) == .failure(.invalidSymbol))
    }

    @Test func inflatingPastTheLimitStops() {
        // 13 bits for every 258 bytes: about 1 MB from 7 KB.
        let stream = Self.fixed { w in
            w.writeLiteral(65)
            for _ in 0..<4000 {
                w.writeLength(258)
                w.writeDistance(1)
            }
            w.writeLiteral(256)
        }
        #expect(stream.count < 8000)
        #expect(Inflate.inflate(stream, limit: 1 << 16) == .failure(.tooLarge(limit: 1 << 16)))
        #expect(Inflate.inflate(stream, limit: 1 << 21).map(\.count) == .success(1 + 4000 * 258))
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix(seed: 14)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = Inflate.inflate(bytes, limit: 1 << 16)
        }
    }

    @Test func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}

@Suite struct ZipArchiveTests {
    static func book() -> [UInt8] {
        ZipWriter.workbook([("Sheet1", [["measure", "date", "value"], ["2.3", "2013-09", "86%"]])])
    }

    @Test func readsWhatWeWrite() throws {
        var zip = ZipWriter()
        zip.add("a.txt", Array("hello hello hello".utf8))
        zip.add("b.bin", [1, 2, 3], stored: true)
        let archive = try ZipArchive.read(zip.finish()).get()
        #expect(archive.entries.map(\.name) == ["a.txt", "b.bin"])
        #expect(try archive.extract("a.txt").get() == Array("hello hello hello".utf8))
        #expect(try archive.extract("b.bin").get() == [1, 2, 3])
        #expect(archive.extract("c").failure == .missingEntry("c"))
    }

    @Test func notAZip() {
        #expect(ZipArchive.read(Array("measure,date,value\n".utf8)).failure == .notZip)
        #expect(ZipArchive.read([]).failure == .notZip)
    }

    @Test func truncatedArchive() {
        let bytes = Self.book()
        // Without its end record the directory cannot be found.
        if case .corrupt = ZipArchive.read(Array(bytes.prefix(bytes.count - 10))).failure {} else {
            Issue.record("a cut archive should be corrupt")
        }
        // Any prefix at all: an error, never a trap.
        for cut in stride(from: 0, to: bytes.count, by: 7) { _ = Workbook.read(Array(bytes.prefix(cut))) }
    }

    @Test func directoryOutsideTheFile() {
        var bytes = Self.book()
        let end = bytes.count - 22
        bytes[end + 16] = 0xFF
        bytes[end + 17] = 0xFF
        bytes[end + 18] = 0xFF
        bytes[end + 19] = 0x7F
        if case .corrupt = ZipArchive.read(bytes).failure {} else { Issue.record("expected corrupt") }
    }

    @Test func zip64IsRefused() {
        var bytes = Self.book()
        let end = bytes.count - 22
        bytes[end + 8] = 0xFF
        bytes[end + 9] = 0xFF
        bytes[end + 10] = 0xFF
        bytes[end + 11] = 0xFF
        if case .unsupported(let what) = ZipArchive.read(bytes).failure {
            #expect(what.contains("ZIP64"))
        } else {
            Issue.record("expected ZIP64 refusal")
        }
    }

    @Test func badChecksum() throws {
        var zip = ZipWriter()
        zip.add("a.txt", Array("hello".utf8))
        var bytes = zip.finish()
        bytes[14] ^= 0xFF  // the local header's CRC is not used; the directory's is
        let directory = try ZipArchive.read(bytes).get().entries[0]
        var damaged = bytes
        let central = bytes.count - 22 - (46 + 5)
        damaged[central + 16] ^= 0xFF
        #expect(directory.crc32 == CRC32.checksum(Array("hello".utf8)))
        #expect(try ZipArchive.read(damaged).get().extract("a.txt").failure == .checksum("a.txt"))
    }

    @Test func entryThatLiesAboutItsSize() throws {
        // Declares 10 bytes, inflates to a megabyte: stops at 10.
        let stream = InflateTests.fixed { w in
            w.writeLiteral(65)
            for _ in 0..<4000 {
                w.writeLength(258)
                w.writeDistance(1)
            }
            w.writeLiteral(256)
        }
        var bytes = ZipWriterHelpers.archive(name: "bomb.xml", method: 8, compressed: stream, size: 10, crc: 0)
        #expect(try ZipArchive.read(bytes).get().extract("bomb.xml").failure == .checksum("bomb.xml"))
        // Declares more than the cap: refused before inflating.
        bytes = ZipWriterHelpers.archive(name: "bomb.xml", method: 8, compressed: stream, size: 0xFFFF_FFFE, crc: 0)
        #expect(try ZipArchive.read(bytes).get().extract("bomb.xml", limit: 1 << 20).failure
            == .tooLarge("bomb.xml", limit: 1 << 20))
    }

    @Test func encryptedEntryAndUnknownMethod() throws {
        var zip = ZipWriter()
        zip.add("a.txt", Array("x".utf8), stored: true, flags: 1)
        #expect(try ZipArchive.read(zip.finish()).get().extract("a.txt").failure == .encryptedEntry("a.txt"))
        let bzip = ZipWriterHelpers.archive(name: "a.txt", method: 12, compressed: [1, 2], size: 2, crc: 0)
        if case .unsupported = try ZipArchive.read(bzip).get().extract("a.txt").failure {} else {
            Issue.record("expected unsupported method")
        }
    }

    @Test func compoundFiles() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(ZipArchive.read(ole).failure == .compoundFile(encrypted: false))
        var encrypted = ole
        for b in "EncryptedPackage".utf8 { encrypted += [b, 0] }
        #expect(ZipArchive.read(encrypted).failure == .compoundFile(encrypted: true))
    }
}

/// A one-entry archive with any header values, for lying and broken entries.
enum ZipWriterHelpers {
    static func archive(name: String, method: Int, compressed: [UInt8], size: UInt32, crc: UInt32) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        func header(central: Bool) -> [UInt8] {
            var h: [UInt8] = []
            ZipWriter.put32(&h, central ? 0x0201_4B50 : 0x0403_4B50)
            if central { ZipWriter.put16(&h, 20) }
            ZipWriter.put16(&h, 20)
            ZipWriter.put16(&h, 0)
            ZipWriter.put16(&h, method)
            ZipWriter.put16(&h, 0)
            ZipWriter.put16(&h, 0x21)
            ZipWriter.put32(&h, crc)
            ZipWriter.put32(&h, UInt32(compressed.count))
            ZipWriter.put32(&h, size)
            ZipWriter.put16(&h, nameBytes.count)
            ZipWriter.put16(&h, 0)
            if central {
                for _ in 0..<3 { ZipWriter.put16(&h, 0) }
                ZipWriter.put32(&h, 0)
                ZipWriter.put32(&h, 0)
            }
            return h + nameBytes
        }
        let local = header(central: false) + compressed
        let central = header(central: true)
        var out = local + central
        ZipWriter.put32(&out, 0x0605_4B50)
        ZipWriter.put16(&out, 0)
        ZipWriter.put16(&out, 0)
        ZipWriter.put16(&out, 1)
        ZipWriter.put16(&out, 1)
        ZipWriter.put32(&out, UInt32(central.count))
        ZipWriter.put32(&out, UInt32(local.count))
        ZipWriter.put16(&out, 0)
        return out
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixturesDirectory.appendingPathComponent("data/" + name)))
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// The XML reader under the workbook: what OOXML writers put in their parts.
@Suite struct XMLScannerTests {
    static func events(_ xml: String) -> (events: [String], problem: String?) {
        let bytes = Array(xml.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var out: [String] = []
            while let event = scanner.next() {
                switch event {
                case .start(let name, let tag, let empty):
                    out.append("<" + scanner.text(name) + (scanner.attributeText("v", in: tag).map { " v=" + $0 } ?? "")
                        + (empty ? "/>" : ">"))
                case .end(let name): out.append("</" + scanner.text(name) + ">")
                case .text(let range, let raw): out.append(scanner.text(range, raw: raw))
                }
            }
            return (out, scanner.problem)
        }
    }

    @Test func declarationsCommentsAndDoctypeAreSkipped() {
        let result = Self.events("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><!-- <no> --><x:a v='1 &gt; 0'>t</x:a>")
        #expect(result.events == ["<a v=1 > 0>", "t", "</a>"])
        #expect(result.problem == nil)
    }

    @Test func referencesAndEscapes() {
        let result = Self.events("<t>&lt;&amp;&quot;&apos;&#65;&#x42;_x0043_&unknown;<![CDATA[&amp;<]]></t>")
        #expect(result.events == ["<t>", "<&\"'ABC&unknown;", "&amp;<", "</t>"])
    }

    @Test(arguments: ["<a", "<a><b></a", "<!-- open", "<![CDATA[ open", "<?pi", "</a>", "<a>text"])
    func malformedEndsWithAProblem(_ xml: String) {
        #expect(Self.events(xml).problem != nil, "\(xml)")
    }

    @Test func nestingIsCapped() {
        let deep = String(repeating: "<a>", count: WorkbookLimits.maxXMLDepth + 1)
        #expect(Self.events(deep).problem?.hasPrefix("elements are nested too deeply") == true)
    }
}
