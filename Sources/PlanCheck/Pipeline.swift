/// The one pipeline every front door calls: the CLI, the tests and the
/// language server (`plancheck lsp`). Load (lex, parse, includes) -> resolve -> load data ->
/// check -> evaluate.
///
///     let run = Pipeline.check(path: "plan.plan", files: MemoryFiles(["plan.plan": text]))
///     run.diagnostics.hasErrors
public enum Pipeline {
    /// Everything known about one plan after checking.
    public struct CheckedPlan: Sendable {
        public var loaded: LoadedPlan
        public var model: PlanModel
        /// The plan's data: its `data "x.csv"` files, `--data` files and inline rows.
        public var data: DataSet
        /// Plan files, then data files.
        public var sources: SourceSet
        /// Sorted by position and deduplicated.
        public var diagnostics: [Diagnostic]
    }

    /// Parses and checks the plan at `path` (or `bytes`, e.g. standard input,
    /// named `path` in messages) with its includes, and validates the data it
    /// names plus any `dataPaths`.
    ///
    /// `keepingSyntax`: false for a caller that needs the findings, the model
    /// and the data but not the syntax (the command line, not the language
    /// server or the formatter). Each entry is then checked and resolved as
    /// soon as it is read, and let go: the syntax tree is never whole, and a
    /// large plan checks in about two thirds of the memory. `loaded.entries`
    /// is then empty, and `loaded.trees` holds trees without entries.
    ///
    /// `recordingReferences`: the data keeps where its files name the plan's
    /// ids (`DataSet.references`), for the language server.
    ///
    /// `otherPlansIDs`: the ids of other plans judged with this one against
    /// the same data; their rows are passed over, not unknown ids.
    public static func check(path: String, bytes: [UInt8]? = nil, files: any FileProvider,
                             dataPaths: [String] = [], keepingSyntax: Bool = true,
                             recordingReferences: Bool = false, otherPlansIDs: Set<String> = []) -> CheckedPlan {
        var checker = Checker()
        var resolver = Resolver()
        let loaded: LoadedPlan
        if keepingSyntax {
            loaded = Loader.load(path: path, bytes: bytes, files: files)
            resolver.expectItems(of: loaded.entries)
            for located in loaded.entries {
                checker.checkEntry(located)
                resolver.take(located, from: loaded.sources[located.file])
            }
        } else {
            loaded = Loader.load(path: path, bytes: bytes, files: files) { located, source in
                // Room for an item every 96 bytes of the first file: more than
                // a plan has (the bundled ones run 400 to 600 bytes an item),
                // and room never written to takes no memory.
                if resolver.model.items.capacity == 0 {
                    resolver.model.items.reserveCapacity(min(source.bytes.count / 96, 1 << 20))
                }
                checker.checkEntry(located)
                resolver.take(located, from: source)
            }
        }
        let resolved = resolver.finish()
        var sources = loaded.sources
        // A file named twice (in the plan and with --data) is read once; a tidy
        // file may be read more than once, with different clauses.
        var named = Set<String>()
        let requests = (resolved.model.dataFiles.map {
            DataLoader.FileRequest(path: $0.path, namedAt: $0.location, mapping: $0.mapping)
        } + dataPaths.map { DataLoader.FileRequest(path: $0) })
            .filter { request in
                let (file, sheet) = WorkbookPath.split(request.path)
                let key = (files.identity(file).map { $0 + (sheet.map { "#" + $0 } ?? "") } ?? Path.normalize(request.path))
                    + (request.mapping.isEmpty ? "" : "\(request.mapping.map(\.clause))")
                return named.insert(key).inserted
            }
        let (data, dataDiagnostics) = DataLoader.load(files: requests, provider: files, model: resolved.model,
                                                      sources: &sources, recordingReferences: recordingReferences,
                                                      otherPlansIDs: otherPlansIDs)
        // The checker runs even after syntax errors: an entry that failed to
        // parse is simply missing, and the rest is still worth reporting.
        checker.checkModel(resolved.model, baselineIDs: data.given ? data.baselineIDs : nil,
                           percentInData: data.percentInData)
        let checks = checker.diagnostics
        var found = loaded.diagnostics + resolved.diagnostics + checks + dataDiagnostics
        // Recorded ratings are compared with the data only when both are sound.
        if (data.given || !resolved.model.inlineRows.isEmpty), !found.contains(where: { $0.severity == .error }) {
            for (rating, item, computed) in Evaluator.ratingDisagreements(resolved.model, data: data) {
                let statuses = Array(Set(computed.map(\.rawValue))).sorted().joined(separator: " and ")
                found.append(Diagnostic(
                    .ragDiffers,
                    "\(item.id) is rated \(rating.rating.rawValue) on \(rating.date.display), but its data says \(statuses) then",
                    at: rating.location,
                    help: "green agrees with met or pending, amber with at risk or pending, red with missed; check the rating or the data"))
            }
        }
        // An empty file (or one of comments) read without error is no plan:
        // said, so a plan emptied by accident does not pass a hook in silence.
        if checker.readNoEntries, !loaded.planPaths.isEmpty, !found.contains(where: { $0.severity == .error }) {
            found.append(Diagnostic(.missingPlan, "the file has no entries: no plan, measures or actions",
                                    at: Location(file: FileID(0), span: .at(0)),
                                    help: "start the file with `plan \"Title\"` and a `period`"))
        }
        // An included plan that cannot be read declared names nobody can see:
        // each use of one would be an error of its own, all from one cause.
        // Those are left out, and the include's error says how many.
        let unknown = found.count { $0.code == .unknownReference }
        if unknown > 0, let include = found.firstIndex(where: { $0.code == .unreadableFile && $0.message.hasPrefix("cannot read included plan") }) {
            found[include].notes.append("\(unknown) reference\(unknown == 1 ? "" : "s") to names not declared in the files read \(unknown == 1 ? "is" : "are") not reported: the missing plan may declare them")
            found.removeAll { $0.code == .unknownReference }
        }
        let diagnostics = found.sortedAndDeduplicated().capped()
        return CheckedPlan(loaded: loaded, model: resolved.model, data: data, sources: sources, diagnostics: diagnostics)
    }

    /// A checked plan and its judgements.
    public struct EvaluatedPlan: Sendable {
        public var checked: CheckedPlan
        public var evaluation: Evaluation
        public var diagnostics: [Diagnostic] { checked.diagnostics }
        public var sources: SourceSet { checked.sources }
        public var model: PlanModel { checked.model }
    }

    /// Checks the plan and its data, then judges every target at `asOf`.
    /// Rows that could not be read are not in the data, so no judgement rests
    /// on them; callers should still refuse to show judgements when
    /// `diagnostics.hasErrors`.
    public static func evaluate(path: String, bytes: [UInt8]? = nil, files: any FileProvider, dataPaths: [String],
                                asOf: CalendarDate, keepingSyntax: Bool = true,
                                otherPlansIDs: Set<String> = []) -> EvaluatedPlan {
        let checked = check(path: path, bytes: bytes, files: files, dataPaths: dataPaths, keepingSyntax: keepingSyntax,
                            otherPlansIDs: otherPlansIDs)
        let evaluation = Evaluator.evaluate(checked.model, data: checked.data, asOf: asOf)
        return EvaluatedPlan(checked: checked, evaluation: evaluation)
    }
}
