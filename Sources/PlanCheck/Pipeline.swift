/// The one pipeline every front door calls: the CLI, the tests and, later, a
/// language server. Load (lex, parse, includes) -> resolve -> check.
///
///     let run = Pipeline.check(path: "plan.plan", files: MemoryFiles(["plan.plan": text]))
///     run.diagnostics.hasErrors
public enum Pipeline {
    /// Everything known about one plan after checking.
    public struct CheckedPlan: Sendable {
        public var loaded: LoadedPlan
        public var model: PlanModel
        /// Sorted by position and deduplicated.
        public var diagnostics: [Diagnostic]
        public var sources: SourceSet { loaded.sources }
    }

    /// Parses and checks the plan at `path` (or `bytes`, e.g. standard input,
    /// named `path` in messages) with its includes.
    public static func check(path: String, bytes: [UInt8]? = nil, files: any FileProvider,
                             baselineIDs: Set<String>? = nil) -> CheckedPlan {
        let loaded = Loader.load(path: path, bytes: bytes, files: files)
        let resolved = Resolver.resolve(loaded)
        var diagnostics = loaded.diagnostics + resolved.diagnostics
        // The checker runs even after syntax errors: an entry that failed to
        // parse is simply missing, and the rest is still worth reporting.
        diagnostics += Checker.check(loaded, resolved.model, baselineIDs: baselineIDs)
        return CheckedPlan(loaded: loaded, model: resolved.model, diagnostics: diagnostics.sortedAndDeduplicated())
    }
}
