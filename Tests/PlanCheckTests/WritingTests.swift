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
    /// `/bin/sh -c` with that prefix (`trap "" PIPE;`).
    static func run(_ args: [String], in directory: URL, stdout: String? = nil, stderr: String? = nil,
                    standardOutput: FileHandle? = nil, shell: String? = nil)
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
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "messy.plan": Self.messy, "t.csv": Self.table]) { directory in
            let result = Self.run(args, in: directory, stdout: "/dev/full")
            #expect(result.status == 2, "\(args): \(result.stderr)")
            let message = "plancheck: cannot write standard output: No space left on device\n"
            #expect(result.stderr.hasSuffix(message), "\(args): \(result.stderr)")
            #expect(result.stderr.components(separatedBy: "cannot write standard output").count == 2, "once: \(result.stderr)")
        }
    }

    @Test func theSameCommandsExit0WhenStandardOutputTakesIt() throws {
        try Self.withFiles(["p.plan": Self.plan, "book.csv": Self.book, "messy.plan": Self.messy, "t.csv": Self.table]) { directory in
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
                            "p.plan": Self.plan, "messy.plan": Self.messy]) { directory in
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
        try Self.withFiles(["t.csv": Self.table]) { directory in
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
        try Self.withFiles(["p.plan": Self.plan]) { directory in
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
}
