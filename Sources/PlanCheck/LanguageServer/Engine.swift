/// One check of one root plan, as the pipeline gave it, with the look-ups
/// the features need built on first use.
///
/// A root is an open document that no other open document includes; its
/// analysis covers its includes and data files, so a request about an
/// included file is answered from the plan that includes it.
final class Analysis {
    let root: String
    let checked: Pipeline.CheckedPlan
    let asOf: CalendarDate
    /// Normalised path -> file in `checked.sources` (plans and data files).
    let files: [String: FileID]

    init(root: String, checked: Pipeline.CheckedPlan, asOf: CalendarDate) {
        self.root = root
        self.checked = checked
        self.asOf = asOf
        var files: [String: FileID] = [:]
        for (i, file) in checked.sources.files.enumerated() where files[Path.normalize(file.name)] == nil {
            files[Path.normalize(file.name)] = FileID(i)
        }
        self.files = files
    }

    private(set) lazy var index = SymbolIndex(loaded: checked.loaded, model: checked.model, data: checked.data,
                                              sources: checked.sources)

    /// Whether the plan names data (a `data` file or inline rows): only then
    /// does a hover show judgements.
    var namesData: Bool { !checked.model.dataFiles.isEmpty || !checked.model.inlineRows.isEmpty }

    /// Every judgement at `asOf`, as `plancheck eval` makes them; nil when the
    /// plan names no data. Made even when the plan has errors (an editor's plan
    /// usually has one somewhere); the hover decides what it may show.
    private(set) lazy var evaluation: Evaluation? = {
        guard namesData else { return nil }
        return Evaluator.evaluate(checked.model, data: checked.data, asOf: asOf)
    }()

    /// The first error that makes a judgement of the entry at `location`
    /// untrustworthy: one inside that entry, or any error in the data.
    func errorAffecting(_ location: Location) -> Diagnostic? {
        let entry = checked.loaded.trees[location.file]?.entries.first { $0.span.start <= location.span.start
            && location.span.end <= $0.span.end }
        let planFiles = Set(checked.loaded.trees.keys)
        return checked.diagnostics.first { d in
            guard d.severity == .error else { return false }
            if !planFiles.contains(d.location.file) || d.code.rawValue.hasPrefix("data-") || d.code == .csvSyntax {
                return true
            }
            guard let entry, d.location.file == location.file else { return false }
            return entry.span.start <= d.location.span.start && d.location.span.start <= entry.span.end
        }
    }

    func source(_ file: FileID) -> SourceFile { checked.sources[file] }

    /// Paths of every file this analysis read (plans, includes, data).
    var paths: Set<String> { Set(files.keys) }
}

/// The open documents and their analyses: decides which plans are roots,
/// which need re-checking after a change, and runs the pipeline for them.
struct Workspace {
    var documents: [String: TextDocument] = [:]  // by URI
    /// By root path.
    var analyses: [String: Analysis] = [:]
    /// Paths changed since the last check; nil entries mean "everything".
    var changed: Set<String> = []
    var everythingChanged = false
    var disk: any FileProvider
    var asOf: CalendarDate

    init(disk: any FileProvider, asOf: CalendarDate) {
        self.disk = disk
        self.asOf = asOf
    }

    var needsCheck: Bool { everythingChanged || !changed.isEmpty }

    /// Normalised path -> the URI the client opened it by.
    var openURIs: [String: String] {
        Dictionary(documents.values.map { (Path.normalize($0.path), $0.uri) }, uniquingKeysWith: { a, _ in a })
    }

    /// The analysis that holds `path`: the root's own, else one that includes it.
    func analysis(for path: String) -> Analysis? {
        if let own = analyses[path] { return own }
        return analyses.keys.sorted().lazy.compactMap { analyses[$0] }.first { $0.files[path] != nil }
    }

    /// Re-checks every root touched by a change since the last call, so a
    /// change in an included file re-checks the plans that include it. Returns
    /// the roots checked.
    @discardableResult
    mutating func recheck() -> [String] {
        // A data file open in the editor is never a plan: it is checked only
        // as part of a plan that reads it.
        let open = Set(documents.values.map(\.path).filter { !Workspace.isDataFile($0) })
        let buffers = Dictionary(documents.values.map { (Path.normalize($0.path), $0.text) },
                                 uniquingKeysWith: { a, _ in a })
        let files = OverlayFiles(buffers: buffers, disk: disk)
        // Roots that were closed go.
        for root in analyses.keys where !open.contains(root) { analyses[root] = nil }
        var checkedRoots: [String] = []
        // Up to a few rounds: a check can reveal that a root is now included
        // by another plan, or that a file is no longer included by anyone.
        for _ in 0..<4 {
            let covered = coveredPaths()
            let roots = open.filter { !covered.contains($0) }.sorted()
            var toCheck = roots.filter { root in
                guard let existing = analyses[root] else { return true }
                return everythingChanged || !existing.paths.isDisjoint(with: changed) || changed.contains(root)
            }
            toCheck.removeAll { checkedRoots.contains($0) }
            if toCheck.isEmpty { break }
            for root in toCheck {
                // A document with no file path (`untitled:Untitled-1`) has no
                // folder: its relative includes and data cannot be read.
                var rootFiles = files
                rootFiles.refusesRelativePaths = !root.hasPrefix("/")
                let checked = Pipeline.check(path: root, files: rootFiles, recordingReferences: true)
                analyses[root] = Analysis(root: root, checked: checked, asOf: asOf)
                checkedRoots.append(root)
            }
            // A root now included by another root gives way to it (of two that
            // include each other, the first by path stays).
            for root in analyses.keys.sorted() {
                let coveringOthers = analyses.filter { $0.key != root && $0.value.files[root] != nil }.keys
                if coveringOthers.contains(where: { other in analyses[root]?.files[other] == nil || other < root }) {
                    analyses[root] = nil
                }
            }
        }
        changed = []
        everythingChanged = false
        return checkedRoots
    }

    /// A CSV, TSV or workbook: data, never a plan, whatever it holds.
    static func isDataFile(_ path: String) -> Bool {
        Loader.isDataFile(WorkbookPath.split(path).path)
    }

    /// Paths read by some root's analysis other than as that root.
    func coveredPaths() -> Set<String> {
        var covered = Set<String>()
        for (root, analysis) in analyses {
            for path in analysis.paths where path != root { covered.insert(path) }
        }
        return covered
    }
}
