import PlanCheck

/// `plancheck fmt`: print, rewrite (`-w`) or list (`--check`) plans not in the
/// canonical layout. A file with syntax errors is never rewritten.
enum FormatCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, flagNames: ["-w", "--write", "--check"], optionNames: ["--stdin-filename"])
        } catch {
            return Input.fail(error.message)
        }
        let write = args.flag("-w", "--write")
        let check = args.flag("--check")
        guard !(write && check) else { return Input.fail("choose one of -w and --check") }
        guard !args.positional.isEmpty else { return Input.fail("fmt needs at least one plan file") }
        if write && args.positional.contains("-") { return Input.fail("-w cannot rewrite standard input") }

        var status: Int32 = 0
        var printed = ""
        var changed: [String] = []
        for path in args.positional {
            let name = path == "-" ? args.value("--stdin-filename") ?? "<stdin>" : path
            let bytes: [UInt8]
            let read = path == "-" ? System.readStandardInput() : DiskFiles().read(path)
            switch read {
            case .success(let b): bytes = b
            case .failure(let failure):
                System.write("plancheck: cannot read \(name): \(failure.message)\n", to: 2)
                status = 2
                continue
            }
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
            if check {
                if !same { changed.append(name) }
            } else if write {
                if !same {
                    if let failure = System.rewrite(path, with: formatted) {
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
        if check {
            if !changed.isEmpty {
                System.write(changed.map { $0 + "\n" }.joined(), to: 1)
                status = max(status, 1)
            }
        } else if write {
            if !changed.isEmpty { System.write(changed.map { "formatted \($0)\n" }.joined(), to: 2) }
        } else {
            System.write(printed, to: 1)
        }
        return status
    }
}
