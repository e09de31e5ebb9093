/// Why a file could not be read as a ZIP archive, or one of its entries
/// extracted. `message` says it the way a user can act on.
public enum ZipError: Error, Sendable, Hashable {
    /// No end-of-central-directory record: not a ZIP file at all.
    case notZip
    /// An OLE compound file (the container of old `.xls` and of
    /// password-protected OOXML). `encrypted` when it holds an EncryptedPackage.
    case compoundFile(encrypted: Bool)
    /// A structure whose lengths or offsets run past the data, or whose
    /// signature is wrong.
    case corrupt(String)
    /// ZIP64 (archives or entries over 4 GiB), split archives, or a
    /// compression method other than stored and DEFLATE.
    case unsupported(String)
    /// An entry with the encryption flag set.
    case encryptedEntry(String)
    /// The entry is not in the archive.
    case missingEntry(String)
    /// The entry's DEFLATE stream is broken, or inflates past the cap.
    case inflate(String, InflateError)
    /// The inflated bytes do not match the size or CRC-32 the archive records.
    case checksum(String)
    /// The entry declares more bytes than the cap allows.
    case tooLarge(String, limit: Int)

    public var message: String {
        switch self {
        case .notZip: "it is not a ZIP archive, so not an .xlsx workbook"
        case .compoundFile(true):
            "the workbook is encrypted (password-protected); save a copy without a password"
        case .compoundFile(false):
            "it is an old binary Excel file (.xls), not an .xlsx workbook; save it as .xlsx or CSV"
        case .corrupt(let what): "the ZIP archive is corrupt: \(what)"
        case .unsupported(let what): "the ZIP archive uses \(what), which plancheck does not read"
        case .encryptedEntry(let name): "the archive's entry \(name) is encrypted"
        case .missingEntry(let name): "the archive has no \(name)"
        case .inflate(let name, let error): "cannot decompress \(name): \(error.message)"
        case .checksum(let name): "\(name) fails its CRC-32 or size check: the file is damaged"
        case .tooLarge(let name, let limit): "\(name) would inflate to more than \(limit) bytes, the most plancheck reads"
        }
    }
}

/// One file in a ZIP archive as its central directory entry describes it
/// (APPNOTE.TXT §4.3.12).
public struct ZipEntry: Sendable, Hashable {
    public var name: String
    /// 0 stored, 8 DEFLATE.
    public var method: Int
    public var flags: Int
    public var crc32: UInt32
    public var compressedSize: Int
    public var uncompressedSize: Int
    /// Where the entry's local file header starts.
    public var localHeaderOffset: Int
}

/// A ZIP archive read from bytes: the end-of-central-directory record, the
/// central directory, and each entry's local header when it is extracted.
/// Every length and offset is checked against the bytes before it is used.
///
///     switch ZipArchive.read(bytes) {
///     case .success(let zip): let xml = try zip.extract("xl/workbook.xml", limit: 1 << 26).get()
///     case .failure(let error): print(error.message)
///     }
public struct ZipArchive: Sendable {
    public let bytes: [UInt8]
    public let entries: [ZipEntry]

    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Reads the archive's directory; entries are inflated by `extract`.
    public static func read(_ bytes: [UInt8], maxEntries: Int = WorkbookLimits.maxZipEntries) -> Result<ZipArchive, ZipError> {
        if bytes.starts(with: compoundFileSignature) {
            return .failure(.compoundFile(encrypted: containsUTF16(bytes, "EncryptedPackage")))
        }
        // The end record is 22 bytes plus a comment of at most 65535 bytes.
        guard bytes.count >= 22 else { return .failure(bytes.starts(with: [0x50, 0x4B]) ? .corrupt("too short") : .notZip) }
        var end = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65535)
        while i >= lowest {
            if u32(bytes, i) == endSignature, i + 22 + u16(bytes, i + 20) == bytes.count {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else {
            return .failure(bytes.starts(with: [0x50, 0x4B]) ? .corrupt("no end of central directory record") : .notZip)
        }
        if end >= 20, u32(bytes, end - 20) == zip64LocatorSignature {
            return .failure(.unsupported("ZIP64 (an archive over 4 GiB or 65535 entries)"))
        }
        let disk = u16(bytes, end + 4)
        let directoryDisk = u16(bytes, end + 6)
        let entriesHere = u16(bytes, end + 8)
        let entryCount = u16(bytes, end + 10)
        let directorySize = Int(u32(bytes, end + 12))
        let directoryOffset = Int(u32(bytes, end + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            return .failure(.unsupported("ZIP64 (an archive over 4 GiB or 65535 entries)"))
        }
        guard disk == 0, directoryDisk == 0, entriesHere == entryCount else {
            return .failure(.unsupported("several parts (a split archive)"))
        }
        guard entryCount <= maxEntries else { return .failure(.corrupt("it lists \(entryCount) entries")) }
        guard directoryOffset + directorySize <= end else {
            return .failure(.corrupt("the central directory lies outside the file"))
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(entryCount)
        var p = directoryOffset
        for _ in 0..<entryCount {
            guard p + 46 <= end, u32(bytes, p) == centralSignature else {
                return .failure(.corrupt("a central directory entry is missing or damaged"))
            }
            let nameLength = u16(bytes, p + 28)
            let extraLength = u16(bytes, p + 30)
            let commentLength = u16(bytes, p + 32)
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= end else { return .failure(.corrupt("a central directory entry runs past its end")) }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let compressed = Int(u32(bytes, p + 20))
            let uncompressed = Int(u32(bytes, p + 24))
            let offset = Int(u32(bytes, p + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                return .failure(.unsupported("ZIP64 (an entry over 4 GiB)"))
            }
            entries.append(ZipEntry(name: name, method: u16(bytes, p + 10), flags: u16(bytes, p + 8),
                                    crc32: u32(bytes, p + 16), compressedSize: compressed,
                                    uncompressedSize: uncompressed, localHeaderOffset: offset))
            p = next
        }
        return .success(ZipArchive(bytes: bytes, entries: entries))
    }

    public func entry(_ name: String) -> ZipEntry? { entries.first { $0.name == name } }

    /// The entry's bytes, inflated and checked against its recorded size and
    /// CRC-32. Refuses an entry that declares, or inflates to, more than `limit`.
    public func extract(_ name: String, limit: Int = WorkbookLimits.maxInflatedEntry) -> Result<[UInt8], ZipError> {
        guard let entry = entry(name) else { return .failure(.missingEntry(name)) }
        return extract(entry, limit: limit)
    }

    public func extract(_ entry: ZipEntry, limit: Int = WorkbookLimits.maxInflatedEntry) -> Result<[UInt8], ZipError> {
        let name = entry.name
        guard entry.flags & 1 == 0 else { return .failure(.encryptedEntry(name)) }
        guard entry.uncompressedSize <= limit else { return .failure(.tooLarge(name, limit: limit)) }
        let p = entry.localHeaderOffset
        guard p + 30 <= bytes.count, u32(bytes, p) == Self.localSignature else {
            return .failure(.corrupt("the local header of \(name) is missing or damaged"))
        }
        let start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28)
        guard start + entry.compressedSize <= bytes.count else {
            return .failure(.corrupt("the data of \(name) runs past the end of the file"))
        }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { return .failure(.checksum(name)) }
            data = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            let result = bytes.withUnsafeBufferPointer { all in
                // Never more than the entry declares: an entry that lies about
                // its size (a ZIP bomb) stops there.
                Inflate.inflate(UnsafeBufferPointer(rebasing: all[start..<(start + entry.compressedSize)]),
                                limit: entry.uncompressedSize, sizeHint: entry.uncompressedSize)
            }
            switch result {
            case .success(let inflated): data = inflated
            case .failure(.tooLarge): return .failure(.checksum(name))
            case .failure(let error): return .failure(.inflate(name, error))
            }
        default:
            return .failure(.unsupported("compression method \(entry.method) for \(name)"))
        }
        guard data.count == entry.uncompressedSize, CRC32.checksum(data) == entry.crc32 else {
            return .failure(.checksum(name))
        }
        return .success(data)
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    func u16(_ b: [UInt8], _ i: Int) -> Int { Self.u16(b, i) }
    func u32(_ b: [UInt8], _ i: Int) -> UInt32 { Self.u32(b, i) }
    static func containsUTF16(_ bytes: [UInt8], _ text: String) -> Bool {
        var needle: [UInt8] = []
        for b in text.utf8 { needle += [b, 0] }
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
