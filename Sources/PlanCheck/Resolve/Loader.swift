/// Where the library gets file contents from. The CLI reads the disk; tests
/// hand in a dictionary. Keeping I/O behind this keeps the library pure.
public protocol FileProvider: Sendable {
    /// The file's bytes, or a message saying why it cannot be read.
    func read(_ path: String) -> Result<[UInt8], FileError>
    /// What names the file itself, whatever the path's spelling (`book.csv`,
    /// `/home/a/book.csv`, a link to it): a data file named twice is read
    /// once. Nil when the provider cannot tell (it is not there).
    func identity(_ path: String) -> String?
}

extension FileProvider {
    public func identity(_ path: String) -> String? { nil }
}

/// Why a file could not be read, in words for a diagnostic.
public struct FileError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Files held in memory, keyed by path. For tests and for standard input.
public struct MemoryFiles: FileProvider {
    public var files: [String: [UInt8]]
    public init(_ files: [String: String]) { self.files = files.mapValues { Array($0.utf8) } }
    public init(bytes: [String: [UInt8]]) { self.files = bytes }
    public func read(_ path: String) -> Result<[UInt8], FileError> {
        if let bytes = files[path] { return .success(bytes) }
        return .failure(FileError("no such file"))
    }
}

/// Paths as the plan writes them: `/`-separated, relative to the including file.
public enum Path {
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `relative` read from a file in `directory`, with `.` and `..` folded away.
    public static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || directory.isEmpty { return normalize(relative) }
        return normalize(directory + "/" + relative)
    }

    /// `path` with empty parts and `.` dropped, and each `..` taking away
    /// the part before it (at the root, nothing). Read as bytes: `/` and `.`
    /// are ASCII, so no character is ever split.
    public static func normalize(_ path: String) -> String {
        var path = path
        return path.withUTF8 { bytes in
            let slash = UInt8(ascii: "/")
            let dot = UInt8(ascii: ".")
            func isDotDot(_ part: Range<Int>) -> Bool {
                part.count == 2 && bytes[part.lowerBound] == dot && bytes[part.lowerBound + 1] == dot
            }
            let absolute = bytes.first == slash
            var parts: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                while i < bytes.count, bytes[i] == slash { i += 1 }
                let start = i
                while i < bytes.count, bytes[i] != slash { i += 1 }
                let part = start..<i
                if part.isEmpty || part.count == 1 && bytes[start] == dot { continue }
                if isDotDot(part), let last = parts.last, !isDotDot(last) {
                    parts.removeLast()
                } else if !(isDotDot(part) && absolute) {
                    parts.append(part)
                }
            }
            var out: [UInt8] = absolute ? [slash] : []
            out.reserveCapacity(bytes.count + 1)
            for (k, part) in parts.enumerated() {
                if k > 0 { out.append(slash) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part]))
            }
            return out.isEmpty ? "." : String(decoding: out, as: UTF8.self)
        }
    }
}

/// A plan read from disk with its includes expanded in place.
///
/// `include "other.plan"` is replaced by the other file's entries, as if
/// written there; a file reached twice is read once; a cycle or a chain deeper
/// than `maxDepth` is an error at the `include` line.
public struct LoadedPlan: Sendable {
    /// An entry and the file it came from.
    public struct Located: Sendable {
        public var file: FileID
        public var entry: Entry
    }

    public var sources: SourceSet
    public var entries: [Located]
    /// Every file's syntax tree, by `FileID` (nil for data files).
    public var trees: [FileID: SyntaxTree]
    public var diagnostics: [Diagnostic]
    /// Paths of the root file and every file it included.
    public var planPaths: [String]
}

public enum Loader {
    public static let maxDepth = Limits.includeDepth

    /// Names that end so (in any case) are data, never plans: an `include`
    /// of one is an error, and `check --affected` leaves one no plan names
    /// alone.
    public static let dataExtensions = [".csv", ".tsv", ".xlsx", ".xls", ".xlsm"]

    /// Whether `path` names a data file by its extension (`book.XLSX`).
    public static func isDataFile(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return dataExtensions.contains { lowered.hasSuffix($0) }
    }

    /// Reads `path` (or uses `bytes` when given, e.g. standard input) and its includes.
    public static func load(path: String, bytes: [UInt8]? = nil, files: any FileProvider,
                            into sources: SourceSet = SourceSet()) -> LoadedPlan {
        load(path: path, bytes: bytes, files: files, into: sources, each: nil)
    }

    /// As `load`, handing each entry, in plan order (includes in place), to
    /// `each` with its file as soon as it is read, for a caller that needs
    /// the syntax only once (the command line's check, eval and report): no
    /// more than an entry's syntax is held at a time (an `include` is read
    /// where it stands, so the included entries come before the rest of
    /// the file). `entries` is then empty, and `trees` holds each plan
    /// file's tree without entries or comments. The findings are those of
    /// `load`, in another order (all are sorted by place before use).
    public static func load(path: String, bytes: [UInt8]? = nil, files: any FileProvider,
                            into sources: SourceSet = SourceSet(),
                            each: (LoadedPlan.Located, SourceFile) -> Void) -> LoadedPlan {
        withoutActuallyEscaping(each) { load(path: path, bytes: bytes, files: files, into: sources, each: .some($0)) }
    }

    private static func load(path: String, bytes: [UInt8]?, files: any FileProvider, into sources: SourceSet,
                             each: ((LoadedPlan.Located, SourceFile) -> Void)?) -> LoadedPlan {
        var state = LoadedPlan(sources: sources, entries: [], trees: [:], diagnostics: [], planPaths: [])
        var stack: [(key: String, name: String)] = []
        var seen = Set<String>()
        // A file is known by what it is, not how its path is spelt: `a.plan`,
        // `../d/a.plan` and a link to it are one file, read once.
        let rootPath = files.identity(path) ?? Path.normalize(path)
        let content: [UInt8]
        if let bytes {
            content = bytes
        } else {
            switch files.read(path) {
            case .success(let read): content = read
            case .failure(let failure):
                let id = state.sources.add(SourceFile(name: path, bytes: []))
                state.diagnostics.append(Diagnostic(.unreadableFile, "cannot read \(path): \(failure.message)",
                                                    at: Location(file: id, span: .at(0))))
                return state
            }
        }
        expand(path: path, key: rootPath, bytes: content, files: files, each: each, state: &state,
               stack: &stack, seen: &seen)
        return state
    }

    private static func expand(path: String, key: String, bytes: [UInt8], files: any FileProvider,
                               each: ((LoadedPlan.Located, SourceFile) -> Void)?,
                               state: inout LoadedPlan, stack: inout [(key: String, name: String)], seen: inout Set<String>) {
        seen.insert(key)
        stack.append((key, Path.normalize(path)))
        defer { stack.removeLast() }
        state.planPaths.append(path)
        let source = SourceFile(name: path, bytes: bytes)
        let file = state.sources.add(source)
        // An include's entries go where it stands, before the rest of the file.
        func include(_ entry: Entry, _ target: TextLiteral) {
            let location = Location(file: file, span: target.span)
            for clause in entry.clauses {
                state.diagnostics.append(Diagnostic(.misplacedClause,
                                                    "an include cannot have a `\(clause.keyword.text)` clause",
                                                    at: Location(file: file, span: clause.span),
                                                    help: "put clauses on the entries of the included plan"))
            }
            // A data file named by `include`, as `data` was meant: one error,
            // not the CSV's every line read as plan syntax.
            if isDataFile(target.value) {
                state.diagnostics.append(Diagnostic(.syntax, "`include` reads a plan, but \"\(target.value)\" is a data file",
                                                    at: location, help: "write `data \"\(target.value)\"` to read it as data"))
                return
            }
            let includedPath = Path.join(Path.directory(of: path), target.value)
            let includedKey = files.identity(includedPath) ?? Path.normalize(includedPath)
            if let position = stack.firstIndex(where: { $0.key == includedKey }) {
                let chain = (stack[position...].map(\.name) + [Path.normalize(includedPath)]).joined(separator: " -> ")
                state.diagnostics.append(Diagnostic(.includeCycle, "\"\(target.value)\" includes itself",
                                                    at: location, notes: ["the chain is \(chain)"],
                                                    help: "remove one of the includes in the chain"))
                return
            }
            if seen.contains(includedKey) { return }
            if stack.count >= maxDepth {
                state.diagnostics.append(Diagnostic(.includeDepth,
                                                    "includes are nested more than \(maxDepth) deep",
                                                    at: location, help: "include the files from one top-level plan instead"))
                return
            }
            switch files.read(includedPath) {
            case .success(let included):
                expand(path: includedPath, key: includedKey, bytes: included, files: files, each: each,
                       state: &state, stack: &stack, seen: &seen)
            case .failure(let failure):
                state.diagnostics.append(Diagnostic(.unreadableFile,
                                                    "cannot read included plan \"\(target.value)\": \(failure.message)",
                                                    at: location, notes: ["looked for \(includedPath)"]))
            }
        }
        if let each {
            // Each entry is handed on as soon as it is read, and not kept; an
            // include is read in its place, so its file's entries come next.
            // (The file's findings then follow its includes' in the list; all
            // findings are sorted by place before anyone sees them.)
            let parsed = Parser.parse(source, file: file) { entry in
                if entry.kind == .include, let target = entry.title {
                    include(entry, target)
                } else {
                    each(LoadedPlan.Located(file: file, entry: entry), source)
                }
            }
            state.trees[file] = SyntaxTree(file: file, entries: [], comments: [])
            state.diagnostics.append(contentsOf: parsed.diagnostics)
            return
        }
        let parsed = Parser.parse(source, file: file, keepingTokens: false)
        state.trees[file] = parsed.tree
        state.diagnostics.append(contentsOf: parsed.diagnostics)
        // Room for this file's entries at once: a large plan's list is not
        // grown (with the old and new copies both alive) a dozen times over.
        // (Geometrically, past the first file, so a plan of many includes
        // does not copy its list once per file.)
        let needed = state.entries.count + parsed.tree.entries.count
        if needed > state.entries.capacity {
            state.entries.reserveCapacity(state.entries.isEmpty ? needed : max(needed, 2 * state.entries.capacity))
        }
        for entry in parsed.tree.entries {
            if entry.kind == .include, let target = entry.title {
                include(entry, target)
            } else {
                state.entries.append(LoadedPlan.Located(file: file, entry: entry))
            }
        }
    }
}
