import Foundation
import Testing
@testable import PlanCheck

// What plancheck writes reaches its place whole, or the exit status says it
// did not; and nothing the user wrote is written over by accident. Through
// the CLI, on real files: standard output or error on /dev/full (a full disk)
// and on a closed pipe.

@Suite struct WritingTests {
    static let plan = """
        plan "P"
          period April 2013 to March 2014

        measure 1 "Share seen"
          target >= 80% by March 2014

        """
    static let book = "measure,date,value\n1,2013-05,70\n"
    static let messy = "plan \"P\"\n    period April 2013 to March 2014\n"
    static let table = "Ref,Measure,Target,Timescale\n1,% of plans reviewed,No less than 90%,31.03.14\n"

    /// A scratch directory holding `files`, removed afterwards.
    static func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        try body(directory)
    }

    /// Runs the built plancheck in `directory` with standard output and error
    /// on the files at `stdout` and `stderr` (such as /dev/full); what a
    /// stream on a scratch file got is returned. `shell` runs it through
    /// `/bin/sh -c` with that prefix (`trap "" PIPE;`); `env` is added to the environment.
    static func run(_ args: [String], in directory: URL, stdout: String? = nil, stderr: String? = nil,
                    standardOutput: FileHandle? = nil, shell: String? = nil, env: [String: String] = [:])
        -> (status: Int32, signalled: Bool, stdout: String, stderr: String) {
        guard let binary = plancheckBinary else {
            Issue.record("the plancheck binary was not found")
            return (-1, false, "", "")
        }
        let outURL = directory.appendingPathComponent(".stdout")
        let errURL = directory.appendingPathComponent(".stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell + " exec \"$0\" \"$@\"", binary.path] + args
        } else {
            process.executableURL = binary
            process.arguments = args
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in env { environment[key] = value }
        process.environment = environment
        guard let out = standardOutput ?? FileHandle(forWritingAtPath: stdout ?? outURL.path),
              let err = FileHandle(forWritingAtPath: stderr ?? errURL.path) else {
            Issue.record("cannot open \(stdout ?? "") or \(stderr ?? "")")
            return (-1, false, "", "")
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        do {
            try process.run()
        } catch {
            Issue.record("could not run plancheck: \(error)")
            return (-1, false, "", "")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, read(outURL), read(errURL))
    }

    // MARK: 1. Standard output or error that cannot be written is exit 2

    /// Every command that writes to standard output, with what it needs.
    static let writers: [[String]] = [
        ["eval", "p.plan", "--data", "book.csv", "--as-of", "2013-10-31", "--format", "json"],
        ["eval", "p.plan", "--data", "book.csv", "--as-of", "2013-10-31"],
        ["check", "--format", "json", "p.plan"],
        ["check", "--format", "sarif", "p.plan"],
        ["report", "p.plan", "--data", "book.csv", "--as-of", "2013-10-31"],
        ["report", "p.plan", "--data", "book.csv", "--as-of", "2013-10-31", "--format", "html", "-o", "-"],
        ["fmt", "messy.plan"],
        ["fmt", "--diff", "messy.plan"],
        ["fmt", "--check", "messy.plan"],
        ["import", "t.csv"],
        ["parse", "--dump", "p.plan"],
        ["explain"],
        ["explain", "unknown-reference"],
        ["man"],
        ["completions", "bash"],
        ["help"],
        ["--help"],
        ["version"],
    ]

    @Test(arguments: writers)
    func aFullDiskOnStandardOutputIsExit2WithOneMessage(_ args: [String]) throws {
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "messy.plan": Self.messy, "t.csv": Self.table]) { (directory: URL) throws in
            let result = Self.run(args, in: directory, stdout: "/dev/full")
            #expect(result.status == 2, "\(args): \(result.stderr)")
            let message = "plancheck: cannot write standard output: No space left on device\n"
            #expect(result.stderr.hasSuffix(message), "\(args): \(result.stderr)")
            #expect(result.stderr.components(separatedBy: "cannot write standard output").count == 2, "once: \(result.stderr)")
        }
    }

    @Test func theSameCommandsExit0WhenStandardOutputTakesIt() throws {
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "messy.plan": Self.messy, "t.csv": Self.table]) { (directory: URL) throws in
            for args in Self.writers where !args.contains("fmt") || args == ["fmt", "messy.plan"] {
                let result = Self.run(args, in: directory)
                #expect(result.status == 0, "\(args): \(result.stderr)")
                #expect(!result.stdout.isEmpty, "\(args)")
            }
        }
    }

    @Test func aFullDiskOnStandardErrorIsExit2() throws {
        // The findings are the output of a text check: lost, the run must not pass for done.
        try Self.withFiles(["bad.plan": "plan \"P\"\n  period April 2013 to March 2014\n\nmeasure 1 \"m\"\n  target >= 5 by Marsh 2014\n",
                            "p.plan": Self.plan, "messy.plan": Self.messy]) { (directory: URL) throws in
            let check = Self.run(["check", "bad.plan"], in: directory, stderr: "/dev/full")
            #expect(check.status == 2, "was 1, the findings unseen")
            let fmt = Self.run(["fmt", "--check", "messy.plan"], in: directory, stderr: "/dev/full")
            #expect(fmt.status == 2)
            // A clean check writes nothing to standard error, and passes.
            #expect(Self.run(["check", "p.plan"], in: directory, stderr: "/dev/full").status == 0)
        }
    }

    @Test func aFailedWriteLeavesTheCommandsOtherWorkDone() throws {
        // import -o writes the plan, then its summary to standard error: the plan is written.
        try Self.withFiles(["t.csv": Self.table]) { (directory: URL) throws in
            let result = Self.run(["import", "t.csv", "-o", "out.plan"], in: directory, stderr: "/dev/full")
            #expect(result.status == 2)
            let written = try String(contentsOf: directory.appendingPathComponent("out.plan"), encoding: .utf8)
            #expect(written.contains("measure 1 \"% of plans reviewed\""))
        }
    }

    /// A pipe whose reading end is already closed, as after `| head` has read enough.
    static func closedPipe() throws -> FileHandle {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        return FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
    }

    @Test func aClosedPipeIsQuiet() throws {
        try Self.withFiles(["p.plan": Self.plan]) { (directory: URL) throws in
            // SIGPIPE ignored (inherited so): the write fails with EPIPE; no message, exit 2.
            let ignored = Self.run(["man"], in: directory, standardOutput: try Self.closedPipe(), shell: "trap '' PIPE;")
            #expect(ignored.status == 2 && !ignored.signalled)
            #expect(ignored.stderr.isEmpty, "\(ignored.stderr)")
            // As started here: SIGPIPE ends it (as it ends cat), or the same quiet exit 2.
            let plain = Self.run(["check", "--format", "json", "p.plan"], in: directory, standardOutput: try Self.closedPipe())
            #expect(plain.signalled ? plain.status == SIGPIPE : plain.status == 2, "\(plain)")
            #expect(plain.stderr.isEmpty, "\(plain.stderr)")
        }
    }

    // MARK: 2. report -o and import -o: never an input, devices and FIFOs written, links followed
    //
    // /dev/null, /dev/full and /dev/stdout are named through links in the
    // scratch directory: a regression then replaces a link there, never the
    // machine's device (the tests may run as root).

    /// Links in `directory` named `null`, `full` and `stdout` to those devices.
    static func linkDevices(in directory: URL) throws {
        for name in ["null", "full", "stdout"] {
            try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(name).path,
                                                       withDestinationPath: "/dev/" + name)
        }
    }

    static let report = ["report", "p.plan", "--data", "book.csv", "--as-of", "2013-10-31"]

    static func text(_ directory: URL, _ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The names in `directory`, without the runner's scratch files: a temporary file left behind shows here.
    static func names(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".std") }.sorted()
    }

    @Test func reportRefusesToWriteOverItsOwnInputs() throws {
        let main = Self.plan + "include \"part.plan\"\n"
        let part = "measure 2 \"Other\"\n  target >= 5 by March 2014\n"
        try Self.withFiles(["p.plan": main, "part.plan": part, "book.csv": Self.book]) { (directory: URL) throws in
            #expect(link(directory.appendingPathComponent("p.plan").path, directory.appendingPathComponent("alias.plan").path) == 0)
            try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("to-book.csv").path,
                                                       withDestinationPath: "book.csv")
            for (output, said) in [("p.plan", "cannot write p.plan: the report reads it; not overwritten"),
                                   ("part.plan", "cannot write part.plan: the report reads it; not overwritten"),
                                   ("book.csv", "cannot write book.csv: the report reads it; not overwritten"),
                                   ("./p.plan", "cannot write ./p.plan: it is p.plan, which the report reads"),
                                   ("alias.plan", "cannot write alias.plan: it is p.plan, which the report reads"),
                                   ("to-book.csv", "cannot write to-book.csv: it is book.csv, which the report reads")] {
                let result = Self.run(Self.report + ["--format", "html", "-o", output], in: directory)
                #expect(result.status == 2, "\(output)")
                #expect(result.stderr.contains(said), "\(output): \(result.stderr)")
            }
            #expect(try Self.text(directory, "p.plan") == main)
            #expect(try Self.text(directory, "part.plan") == part)
            #expect(try Self.text(directory, "book.csv") == Self.book)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("to-book.csv").path) == "book.csv")
            #expect(try Self.names(directory) == ["alias.plan", "book.csv", "p.plan", "part.plan", "to-book.csv"])
            // Standard input as the plan is an input too.
            let stdin = try FileHandle(forReadingFrom: directory.appendingPathComponent("p.plan"))
            defer { try? stdin.close() }
            let process = Process()
            process.executableURL = plancheckBinary
            process.arguments = ["report", "-", "--data", "book.csv", "--as-of", "2013-10-31", "--format", "md", "-o", "p.plan"]
            process.currentDirectoryURL = directory
            process.standardInput = stdin
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
            #expect(try Self.text(directory, "p.plan") == main)
        }
    }

    @Test func reportWritesIntoAFIFOADeviceAndStandardOutput() throws {
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book]) { (directory: URL) throws in
            let expected = Self.run(Self.report, in: directory).stdout
            #expect(expected.hasPrefix("# P"))
            // A FIFO with a reader: the report goes down it; the FIFO stays a FIFO.
            let fifo = directory.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let reader = open(fifo, O_RDONLY | O_NONBLOCK)
            #expect(reader >= 0)
            defer { close(reader) }
            let written = Self.run(Self.report + ["--format", "md", "-o", "pipe"], in: directory)
            #expect(written.status == 0, "\(written.stderr)")
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(reader, &buffer, buffer.count)
            #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self) == expected)
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

            // A character device, through a link: written into; the link and the device stay.
            try Self.linkDevices(in: directory)
            let link = directory.appendingPathComponent("null").path
            let null = Self.run(Self.report + ["--format", "md", "-o", "null"], in: directory)
            #expect(null.status == 0, "\(null.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/null")
            #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)

            // /dev/stdout: what standard output is (a file here), appended to as the shell opened it.
            let out = directory.appendingPathComponent("out.md")
            try Data("kept\n".utf8).write(to: out)
            let handle = try FileHandle(forWritingTo: out)
            handle.seekToEndOfFile()
            let stdout = Self.run(Self.report + ["--format", "md", "-o", "stdout"], in: directory, standardOutput: handle)
            #expect(stdout.status == 0, "\(stdout.stderr)")
            #expect(try Self.text(directory, "out.md") == "kept\n" + expected)
            #expect(try Self.names(directory) == ["book.csv", "full", "null", "out.md", "p.plan", "pipe", "stdout"])
        }
    }

    @Test func reportFollowsALinkAndRefusesWhatItCannotWrite() throws {
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "real.md": "old\n"]) { (directory: URL) throws in
            try Self.linkDevices(in: directory)
            let link = directory.appendingPathComponent("link.md").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.md")
            let result = Self.run(Self.report + ["-o", "link.md"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.md")
            #expect(try Self.text(directory, "real.md").hasPrefix("# P"))

            try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("dangling.md").path,
                                                       withDestinationPath: "nowhere.md")
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.md"), withIntermediateDirectories: false)
            for (output, said) in [("dangling.md", "cannot write dangling.md: it is a symbolic link to a file that does not exist"),
                                   ("folder.md", "cannot write folder.md: it is a directory"),
                                   ("full", "cannot write full: No space left on device")] {
                let refused = Self.run(Self.report + ["--format", "md", "-o", output], in: directory)
                #expect(refused.status == 2, "\(output)")
                #expect(refused.stderr.contains(said), "\(output): \(refused.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nowhere.md").path))
            #expect(try Self.names(directory) == ["book.csv", "dangling.md", "folder.md", "full", "link.md", "null", "p.plan", "real.md", "stdout"])
        }
    }

    @Test func importNeverWritesOverItsTable() throws {
        try Self.withFiles(["t.csv": Self.table]) { (directory: URL) throws in
            #expect(link(directory.appendingPathComponent("t.csv").path, directory.appendingPathComponent("same.csv").path) == 0)
            for args in [["t.csv", "-o", "t.csv"], ["t.csv", "-o", "t.csv", "--force"], ["t.csv", "-o", "same.csv", "--force"]] {
                let result = Self.run(["import"] + args, in: directory)
                #expect(result.status == 2, "\(args)")
                #expect(result.stderr.contains("the table being imported; not overwritten"), "\(args): \(result.stderr)")
            }
            #expect(try Self.text(directory, "t.csv") == Self.table)
            // A device and standard output need no --force: nothing is written over.
            try Self.linkDevices(in: directory)
            let stdout = Self.run(["import", "t.csv", "-o", "stdout"], in: directory)
            #expect(stdout.status == 0, "\(stdout.stderr)")
            #expect(stdout.stdout.contains("measure 1 \"% of plans reviewed\""))
            #expect(Self.run(["import", "t.csv", "-o", "null"], in: directory).status == 0)
            #expect(try Self.names(directory) == ["full", "null", "same.csv", "stdout", "t.csv"])
        }
    }

    // MARK: 3. fmt -w: never over an edit saved meanwhile; hard links kept; a read-only folder named

    static let tidy = "plan \"P\"\n  period April 2013 to March 2014\n"

    /// Runs `fmt -w FILE` with `edit`, a shell command, run just before fmt
    /// checks the file is unchanged (the debug build's test hook); nil when
    /// the build has no hook (a release build), so there is nothing to test.
    static func formatWhileEditing(_ file: String, _ edit: String, in directory: URL)
        -> (status: Int32, signalled: Bool, stdout: String, stderr: String)? {
        let hook = "(\(edit)) && touch .hook-ran"
        let result = Self.run(["fmt", "-w", file], in: directory, env: ["PLANCHECK_TEST_BEFORE_REPLACE": hook])
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(".hook-ran").path) else {
            #if DEBUG
            Issue.record("the debug build's PLANCHECK_TEST_BEFORE_REPLACE hook did not run: \(result.stderr)")
            #endif
            return nil
        }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(".hook-ran"))
        return result
    }

    static let edits: [(name: String, command: String, result: String)] = [
        ("appended", "printf '# mine\\n' >> m.plan", messy + "# mine\n"),
        ("saved by rename", "printf 'plan \"Q\"\\n' > new && mv new m.plan", "plan \"Q\"\n"),
        // The same size and modification time: only the bytes tell.
        ("same size and time", "cp -p m.plan .keep && printf 'plan \"Q\"' | dd of=m.plan conv=notrunc status=none && touch -r .keep m.plan && rm .keep",
         messy.replacingOccurrences(of: "plan \"P\"", with: "plan \"Q\"")),
    ]

    @Test func fmtWriteLeavesAFileEditedWhileItFormats() throws {
        for edit in Self.edits {
            for linked in [false, true] {
                try Self.withFiles(["m.plan": Self.messy]) { (directory: URL) throws in
                    if linked { #expect(link(directory.appendingPathComponent("m.plan").path, directory.appendingPathComponent("other.plan").path) == 0) }
                    guard let result = Self.formatWhileEditing("m.plan", edit.command, in: directory) else { return }
                    #expect(result.status == 2, "\(edit.name), linked \(linked): \(result.stderr)")
                    #expect(result.stderr == "plancheck: cannot write m.plan: it changed while formatting; not written (run plancheck fmt -w again to format the new text)\n",
                            "\(edit.name): \(result.stderr)")
                    #expect(try Self.text(directory, "m.plan") == edit.result, "\(edit.name), linked \(linked)")
                    #expect(try Self.names(directory) == (linked ? ["m.plan", "other.plan"] : ["m.plan"]), "no temporary file left")
                }
            }
        }
    }

    @Test func fmtWriteWithoutAnEditStillWrites() throws {
        // The hook runs and changes nothing: the file is formatted.
        try Self.withFiles(["m.plan": Self.messy]) { (directory: URL) throws in
            guard let result = Self.formatWhileEditing("m.plan", "true", in: directory) else { return }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.text(directory, "m.plan") == Self.tidy)
        }
    }

    @Test func fmtWriteKeepsHardLinks() throws {
        try Self.withFiles(["m.plan": Self.messy]) { (directory: URL) throws in
            let path = directory.appendingPathComponent("m.plan").path
            #expect(link(path, directory.appendingPathComponent("other.plan").path) == 0)
            var before = stat()
            #expect(stat(path, &before) == 0)
            let result = Self.run(["fmt", "-w", "m.plan"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.text(directory, "m.plan") == Self.tidy)
            #expect(try Self.text(directory, "other.plan") == Self.tidy, "the other name sees the new text")
            var after = stat()
            #expect(stat(path, &after) == 0 && after.st_ino == before.st_ino && after.st_nlink == 2)
            #expect(try Self.names(directory) == ["m.plan", "other.plan"], "no copy left beside it")
        }
        // report -o over a file with two names does the same.
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "board.md": "old\n"]) { (directory: URL) throws in
            #expect(link(directory.appendingPathComponent("board.md").path, directory.appendingPathComponent("shared.md").path) == 0)
            let result = Self.run(Self.report + ["-o", "board.md"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.text(directory, "shared.md").hasPrefix("# P"))
            #expect(try Self.text(directory, "board.md") == Self.text(directory, "shared.md"))
        }
    }

    @Test func fmtWriteInAReadOnlyFolderSaysTheFolderIsTheProblem() throws {
        // Root writes in any folder: the run drops to nobody where it can (setpriv).
        let prefix: [String]
        if geteuid() != 0 {
            prefix = []
        } else if FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else {
            return
        }
        try Self.withFiles(["m.plan": Self.messy]) { (directory: URL) throws in
            let folder = directory.appendingPathComponent("ro")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let file = folder.appendingPathComponent("m.plan")
            try Data(Self.messy.utf8).write(to: file)
            #expect(chmod(file.path, 0o666) == 0, "the file itself is writable")
            #expect(chmod(folder.path, 0o555) == 0)
            defer { chmod(folder.path, 0o755) }
            let command = (prefix + [plancheckBinary?.path ?? "plancheck", "fmt", "-w", "ro/m.plan"]).map { "'\($0)'" }.joined(separator: " ")
            let result = Self.run([], in: directory, shell: command + ";exit $?;")
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("cannot write ro/m.plan: its folder (ro) is not writable (Permission denied)"), "\(result.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.messy)
        }
    }
}
