import PlanCheck

/// `plancheck fmt`: print, rewrite (`-w`) or list (`--check`) plans not in the
/// canonical layout. A file with syntax errors is never rewritten.
enum FormatCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "fmt")
        } catch {
            return CLI.usageError(error, command: Commands.named("fmt"))
        }
        let write = args.flag("-w", "--write")
        let check = args.flag("--check")
        let showDiff = args.flag("--diff")
        guard !(write && (check || showDiff)) else { return CLI.usageError(Arguments.Problem(message: "choose one of -w, and --check or --diff"), command: Commands.named("fmt")) }
        guard !args.positional.isEmpty else { return CLI.usageError(Arguments.Problem(message: "fmt needs at least one plan file"), command: Commands.named("fmt")) }
        if write && args.positional.contains("-") { return Input.fail("-w cannot rewrite standard input") }

        var status: Int32 = 0
        var printed = ""
        var changed: [String] = []
        var diffs = ""
        for path in args.positional {
            let name = path == "-" ? args.value("--stdin-filename") ?? "<stdin>" : path
            // A file is read with its stamp: -w writes only over the file as it was read.
            let read: Result<ReadFile, FileError> = path == "-"
                ? System.readStandardInput().map { ReadFile(bytes: $0, stamp: nil) }
                : System.readRegularFile(path)
            let file: ReadFile
            switch read {
            case .success(let f): file = f
            case .failure(let failure):
                System.write("plancheck: cannot read \(name): \(failure.message)\n", to: 2)
                status = 2
                continue
            }
            let bytes = file.bytes
            let source = SourceFile(name: name, bytes: bytes)
            guard let formatted = Formatter.format(source) else {
                var sources = SourceSet()
                let id = sources.add(source)
                let diagnostics = Parser.parse(source, file: id).diagnostics.sortedAndDeduplicated()
                let renderer = DiagnosticRenderer(sources: sources, color: System.useColor(2))
                System.write(renderer.render(diagnostics) + "\n", to: 2)
                System.write("plancheck: \(name) has syntax errors; not formatted\n", to: 2)
                status = max(status, 1)
                continue
            }
            let same = Array(formatted.utf8) == bytes
            if check || showDiff {
                if !same { changed.append(name) }
                if showDiff && !same {
                    diffs += UnifiedDiff.render(old: String(decoding: bytes, as: UTF8.self), new: formatted,
                                                oldName: name, newName: name + " (formatted)")
                }
            } else if write {
                if !same {
                    if let failure = System.rewrite(path, with: formatted, original: file) {
                        System.write("plancheck: cannot write \(path): \(failure)\n", to: 2)
                        status = 2
                    } else {
                        changed.append(name)
                    }
                }
            } else {
                printed += formatted
            }
        }
        if check || showDiff {
            if !changed.isEmpty {
                System.write(showDiff ? diffs : changed.map { $0 + "\n" }.joined(), to: 1)
                status = max(status, 1)
                if !Settings.quiet {
                    let files = changed.count == 1 ? "1 file is" : "\(changed.count) files are"
                    let fixable = changed.filter { !$0.hasPrefix("<") && $0 != args.value("--stdin-filename") }
                    let fix = fixable.isEmpty ? "plancheck fmt -w FILE" : "plancheck fmt -w " + fixable.map(shellQuoted).joined(separator: " ")
                    System.write("plancheck: \(files) not in fmt form; to fix, run: \(fix)\n", to: 2)
                }
            }
        } else if write {
            if !changed.isEmpty && !Settings.quiet { System.write(changed.map { "formatted \($0)\n" }.joined(), to: 2) }
        } else {
            System.write(printed, to: 1)
        }
        return status
    }
}

/// `name` as one shell word: as is when it is plain, else in single quotes.
func shellQuoted(_ name: String) -> String {
    let plain = name.utf8.allSatisfy { byte in
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "-_./+,:@%".utf8.contains(byte)
    }
    return plain && !name.isEmpty ? name : "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
