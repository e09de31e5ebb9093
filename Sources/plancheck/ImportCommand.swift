import Glibc
import PlanCheck

/// `plancheck import TABLE [-o PLAN] [--force] [--period "April 2013 to March 2014"] [--sheet NAME]`:
/// a plan table (TSV, CSV or an .xlsx workbook) in, a plan out (standard output, or `-o`).
///
/// The summary (entries, targets recognised, TODOs left) and what `check` says
/// of the result go to standard error. Exit 0 when the plan was written and
/// checks without errors; 1 when it was written but has errors; 2 for bad
/// usage or a table that cannot be read, and then nothing is written. `-o`
/// never overwrites an existing file without `--force`, nor the table itself
/// even with it, and writes as `System.writeOutput` says (atomically when it
/// is a regular file).
enum ImportCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "import")
        } catch {
            return CLI.usageError(error, command: Commands.named("import"))
        }
        guard args.positional.count == 1, let path = args.positional.first else {
            return Input.fail(args.positional.isEmpty ? "import needs one table file (TSV or CSV)" : "import reads one table at a time")
        }
        let output = args.value("-o") ?? args.value("--output")
        let force = args.flag("--force", "-f")
        if let output {
            guard !output.isEmpty, output != "-" else { return Input.fail("-o needs a file name (without -o the plan goes to standard output)") }
            // Not even --force writes the plan over the table it is made from.
            if let written = System.identity(output),
               written == (path == "-" ? System.identity(descriptor: 0) : System.identity(path)) {
                let which = path == output ? "it is the table being imported" : "it is \(path == "-" ? "standard input" : path), the table being imported"
                System.write("plancheck: cannot write \(output): \(which); not overwritten (name another file for the plan)\n", to: 2)
                return 2
            }
            if !force && System.wouldReplaceAFile(output) {
                System.write("plancheck: \(output) exists; not overwritten (use --force to replace it)\n", to: 2)
                return 2
            }
        }
        let read = path == "-" ? System.readStandardInput() : DiskFiles().read(path)
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(let failure):
            System.write("plancheck: cannot read \(path): \(failure.message)\n", to: 2)
            return 2
        }
        let name = path == "-" ? "<stdin>" : path
        let imported: PlanImport.Imported
        switch PlanImport.run(bytes: bytes, options: .init(name: name, period: args.value("--period"), sheet: args.value("--sheet"))) {
        case .success(let result): imported = result
        case .failure(let failure):
            let place = failure.line.map { "\(name):\($0): " } ?? "\(name): "
            System.write("plancheck: \(place)cannot import: \(failure.message)\n", to: 2)
            return 2
        }

        // The result checked as it will be read back.
        let planName = output ?? "<stdout>"
        let checked = Pipeline.check(path: planName, bytes: Array(imported.text.utf8), files: DiskFiles())
        let errors = checked.diagnostics.filter { $0.severity == .error }.count
        let warnings = checked.diagnostics.count - errors

        if let output {
            if let failure = System.writeOutput(imported.text, to: output) {
                System.write("plancheck: cannot write \(output): \(failure)\n", to: 2)
                return 2
            }
        } else {
            System.write(imported.text, to: 1)
        }
        var summary = "plancheck: \(imported.summary)"
        if let output { summary += "; wrote \(output)" }
        System.write(summary + "\n", to: 2)
        for sheet in imported.otherSheets {
            System.write("plancheck: sheet \"\(sheet)\" holds a plan table too; import it with --sheet \"\(sheet)\"\n", to: 2)
        }
        for sheet in imported.hiddenSheets {
            System.write("plancheck: the hidden sheet \"\(sheet)\" holds a plan table too, passed over as hidden; import it with --sheet \"\(sheet)\"\n", to: 2)
        }
        if errors > 0 {
            let rendered = DiagnosticRenderer(sources: checked.sources, color: System.useColor(2)).render(checked.diagnostics)
            System.write(rendered + "\n", to: 2)
            System.write("plancheck: the imported plan has \(errors) error\(errors == 1 ? "" : "s"); `plancheck check` shows them\n", to: 2)
            return 1
        }
        System.write("plancheck: the imported plan checks clean" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"): `plancheck check` shows them)" : "") + "\n", to: 2)
        return 0
    }
}
