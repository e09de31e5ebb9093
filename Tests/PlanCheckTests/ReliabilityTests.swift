import Foundation
import Testing
@testable import PlanCheck

// Issue 9: each finding from outside (a crash, hangs on special files, a cubic
// `part of` check, quadratic writers, fmt -w through links and read-only
// files, long quoted tokens, dropped CSV columns, `--as-of 0000-01-01`,
// columns after invalid UTF-8) reproduced through the CLI on real files, and
// the limits of `Limits.swift` shown to hold. Work is counted, never timed.

@Suite struct ReliabilityTests {
    /// A temporary directory holding `files` (name -> text), removed afterwards.
    private func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try body(directory)
    }

    private static let header = "plan \"P\"\n  period April 2013 to March 2014\n\n"

    // MARK: 1. Numbers past 2^53: an error in check, never a trap in eval

    @Test func hugeTargetIsAnErrorAtTheNumberNotATrap() throws {
        let plan = Self.header + "measure 1 \"m\"\n  target >= 10000000000000000000 by March 2014\n"
        try withFiles(["plan.plan": plan, "book.csv": "measure,date,value\n1,2013-05,5\n"]) { directory in
            let check = runCLI(["check", "plan.plan"], in: directory)
            #expect(check.status == 1)
            #expect(check.stderr.contains("plan.plan:5:13: error[number-too-large]: this number is too large"), "\(check.stderr)")
            let eval = runCLI(["eval", "plan.plan", "--data", "book.csv", "--as-of", "2013-10-31"], in: directory)
            #expect(eval.status == 1, "eval must refuse, not trap: \(eval.stderr)")
            #expect(eval.stderr.contains("error[number-too-large]"))
            let report = runCLI(["report", "plan.plan", "--data", "book.csv", "--as-of", "2013-10-31"], in: directory)
            #expect(report.status == 1)
        }
    }

    @Test func hugeBaselineWithThousandsCommasIsAnErrorAtItsNumber() throws {
        let plan = Self.header + "measure 2 \"n\"\n  baseline 5,000,000,000,000,000,000 at April 2013\n  target increase by 100% by March 2014\n"
        try withFiles(["plan.plan": plan]) { directory in
            let result = runCLI(["check", "--format", "json", "plan.plan"], in: directory)
            #expect(result.status == 1)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let found = items.first { $0["code"] as? String == "number-too-large" }
            #expect(found?["line"] as? Int == 5)
            #expect(found?["column"] as? Int == 12)
        }
    }

    @Test func hugeDataValueIsAnErrorAtItsCell() throws {
        let plan = Self.header + "measure 1 \"m\"\n  target >= 5 by March 2014\n"
        try withFiles(["plan.plan": plan, "book.csv": "measure,date,value\n1,2013-05,99999999999999999999\n"]) { directory in
            let result = runCLI(["check", "plan.plan", "--data", "book.csv"], in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains("book.csv:2:11: error[number-too-large]"), "\(result.stderr)")
        }
    }

    @Test func computedValuesPast2To63NeverTrap() throws {
        // Each number is allowed; the target they make (baseline × 9e13) is not an Int64.
        let plan = Self.header + """
            measure 2 "n"
              baseline 9,000,000,000,000,000 at April 2013
              target increase by 9,000,000,000,000,000% by March 2014
            """
        try withFiles(["plan.plan": plan, "book.csv": "measure,date,value\n2,2013-05,6\n"]) { directory in
            for format in ["table", "json", "csv", "junit"] {
                let result = runCLI(["eval", "plan.plan", "--data", "book.csv", "--as-of", "2013-10-31",
                                     "--format", format], in: directory)
                #expect(result.status == 0, "\(format): \(result.stderr)")
                #expect(result.stdout.contains("at risk") || result.stdout.contains("at-risk"), "\(format)")
            }
            let report = runCLI(["report", "plan.plan", "--data", "book.csv", "--as-of", "2013-10-31"], in: directory)
            #expect(report.status == 0, "\(report.stderr)")
        }
    }

    @Test func explainListsTheNewCodes() {
        for code in ["number-too-large", "section-depth", "data-extra-field"] {
            let result = runCLI(["explain", code])
            #expect(result.status == 0 && result.stdout.hasPrefix(code + " (error): "), "\(code): \(result.stdout)")
        }
    }

    // MARK: 2. Only regular files, and none past 256 MiB

    @Test func devZeroIsRefusedWhereverItIsNamed() throws {
        try withFiles([
            "include.plan": Self.header + "include \"/dev/zero\"\n",
            "data.plan": Self.header + "data \"/dev/zero\"\n",
            "plain.plan": Self.header,
        ]) { directory in
            let named = runCLI(["check", "/dev/zero"], in: directory)
            #expect(named.status == 2)
            #expect(named.stderr.contains("cannot read /dev/zero: it is a device, not a regular file"), "\(named.stderr)")

            let included = runCLI(["check", "include.plan"], in: directory)
            #expect(included.status == 1)
            #expect(included.stderr.contains("include.plan:4:9: error[unreadable-file]: cannot read included plan \"/dev/zero\": it is a device"),
                    "\(included.stderr)")

            let data = runCLI(["check", "data.plan"], in: directory)
            #expect(data.status == 1)
            #expect(data.stderr.contains("data.plan:4:6: error[unreadable-file]: cannot read data file /dev/zero: it is a device"),
                    "\(data.stderr)")

            let option = runCLI(["eval", "plain.plan", "--data", "/dev/zero", "--as-of", "2013-10-31"], in: directory)
            #expect(option.status == 2)
            #expect(option.stderr.contains("cannot read /dev/zero: it is a device"), "\(option.stderr)")

            let fmt = runCLI(["fmt", "/dev/zero"], in: directory)
            #expect(fmt.status == 2)
            let parse = runCLI(["parse", "--dump", "/dev/zero"], in: directory)
            #expect(parse.status == 2)
        }
    }

    @Test func aFIFOIsRefusedWithoutOpeningIt() throws {
        try withFiles(["include.plan": Self.header + "include \"pipe.plan\"\n", "plain.plan": Self.header]) { directory in
            let fifo = directory.appendingPathComponent("pipe.plan").path
            #expect(mkfifo(fifo, 0o644) == 0)
            // Opening a FIFO for reading blocks until a writer comes: these would hang.
            let named = runCLI(["check", "pipe.plan"], in: directory)
            #expect(named.status == 2)
            #expect(named.stderr.contains("cannot read pipe.plan: it is a FIFO (named pipe), not a regular file"), "\(named.stderr)")
            let included = runCLI(["check", "include.plan"], in: directory)
            #expect(included.status == 1)
            #expect(included.stderr.contains("include.plan:4:9: error[unreadable-file]"), "\(included.stderr)")
            // Named on the command line it is unreadable input, as a named plan is.
            let data = runCLI(["check", "plain.plan", "--data", "pipe.plan"], in: directory)
            #expect(data.status == 2)
            #expect(data.stderr.contains("it is a FIFO"), "\(data.stderr)")
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        try withFiles(["data.plan": Self.header + "data \"huge.csv\"\n"]) { directory in
            // Sparse: 256 MiB and one byte on paper, nothing on disk.
            for name in ["huge.plan", "huge.csv"] {
                let url = directory.appendingPathComponent(name)
                #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: UInt64(Limits.largestFile) + 1)
                try handle.close()
            }
            let named = runCLI(["check", "huge.plan"], in: directory)
            #expect(named.status == 2)
            #expect(named.stderr.contains("cannot read huge.plan: it is larger than 256 MiB"), "\(named.stderr)")
            let data = runCLI(["check", "data.plan"], in: directory)
            #expect(data.status == 1)
            #expect(data.stderr.contains("data.plan:4:6: error[unreadable-file]: cannot read data file huge.csv: it is larger than 256 MiB"),
                    "\(data.stderr)")
        }
    }

    @Test func standardInputIsCutOffAtTheLimit() throws {
        // `check -` with /dev/zero as standard input grew without bound; now it stops past 256 MiB.
        let binary = try #require(plancheckBinary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["check", "-"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/zero"))
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "plancheck: cannot read standard input: it is larger than 256 MiB, the largest file plancheck reads\n")
    }

    // MARK: 3. `part of`: linear, and nesting capped

    /// `count` sections, each `part of` the one before.
    private static func nested(_ count: Int) -> String {
        var text = header
        for i in 0..<count {
            text += "section s\(i) \"t\"\n" + (i > 0 ? "  part of s\(i - 1)\n" : "") + "\n"
        }
        return text
    }

    @Test func sectionNestingDeeperThanTheLimitIsAnError() throws {
        try withFiles(["ok.plan": Self.nested(Limits.sectionDepth), "deep.plan": Self.nested(10_000)]) { directory in
            #expect(runCLI(["check", "ok.plan"], in: directory).status == 0)
            // 10,000 deep stalled check, eval and report; now one error, at the first section too deep.
            let deep = runCLI(["check", "deep.plan"], in: directory)
            #expect(deep.status == 1)
            #expect(deep.stderr.contains("error[section-depth]: section s32 is nested 33 deep"), "\(deep.stderr.prefix(500))")
            #expect(deep.stderr.hasSuffix("1 error\n"))
            #expect(runCLI(["eval", "deep.plan", "--as-of", "2013-10-31"], in: directory).status == 1)
        }
    }

    /// `end of` reads one date after it, never another `end of`: a chain of
    /// 200,000 is one error, not a recursion as deep as the line is long.
    @Test func aChainOfEndOfIsOneErrorNotADeepRecursion() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5 by "
            + String(repeating: "end of ", count: 200_000) + "March 2014\n"
        try withFiles(["chain.plan": plan]) { directory in
            let run = runCLI(["check", "chain.plan"], in: directory)
            #expect(run.status == 1)
            #expect(run.stderr.contains("error[syntax]: expected a month, quarter or year after `end of`, found \"end\""))
            #expect(run.stderr.hasSuffix("1 error\n"), "\(run.stderr.suffix(300))")
        }
    }

    @Test func partOfCheckWorkGrowsLinearly() {
        // The worst case for the old check: one long chain, and a cycle through all of it.
        func steps(_ count: Int) -> Int {
            var text = Self.nested(count)
            text += "section loop \"t\"\n  part of s\(count - 1)\n"
            text = text.replacingOccurrences(of: "section s0 \"t\"\n", with: "section s0 \"t\"\n  part of loop\n")
            let run = checkRun(text)
            #expect(run.diagnostics.contains { $0.code == .sectionCycle })
            return Checker.run(run.loaded, run.model).work.sectionSteps
        }
        let small = steps(500)
        let large = steps(1_000)
        #expect(small >= 500)
        #expect(large <= 2 * small + 2, "part-of work: \(small) steps for 500 sections, \(large) for 1,000")
    }

    @Test func unknownReferenceSuggestionsAreCapped() {
        // A "did you mean" scans every name: a plan of many bad references must not scan them all for each.
        func suggestions(_ count: Int) -> Int {
            var text = Self.header
            for i in 0..<count { text += "action a\(i) \"t\"\n  links zz\(i)\n" }
            let run = checkRun(text)
            return Checker.run(run.loaded, run.model).work.suggestions
        }
        #expect(suggestions(200) == 200)
        #expect(suggestions(Limits.diagnostics + 500) == Limits.diagnostics)
    }

    @Test func sectionCyclesAreStillReportedOnceAtTheirFirstSection() {
        let text = Self.header + """
            section a "A"
              part of c
            section b "B"
              part of a
            section c "C"
              part of b
            section d "D"
              part of d
            section e "E"
              part of a
            """
        let cycles = checkRun(text).found.filter { $0.code == .sectionCycle }.map(\.message)
        // d, `part of d`, is told once, at that clause.
        #expect(cycles == ["section a is part of itself: a -> c -> b -> a", "a section cannot be part of itself"])
    }

    // MARK: 4. JSON and SARIF writers: content unchanged (their speed is in make bench)

    @Test func jsonStringsEscapeExactlyAsBefore() {
        let text = "a\"b\\c\n\r\t\u{01}\u{1F} é ✓ 😀"
        #expect(JSON.string(text).render(pretty: false) == #""a\"b\\c\n\r\t\u0001\u001f é ✓ 😀""#)
        #expect(JSON.object([("k", .array([.int(1), .null]))]).render() == "{\n  \"k\": [\n    1,\n    null\n  ]\n}")
    }

    @Test func thousandDiagnosticsAsSARIF() throws {
        var plan = Self.header
        for i in 0..<(Limits.diagnostics + 200) { plan += "measure m\(i) \"t\"\n  workstream NOPE\n" }
        try withFiles(["plan.plan": plan]) { directory in
            let result = runCLI(["check", "--format", "sarif", "plan.plan"], in: directory)
            #expect(result.status == 1)
            let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let runs = try #require(log["runs"] as? [[String: Any]])
            #expect((runs.first?["results"] as? [Any])?.count == Limits.diagnostics + 1)
        }
    }

    // MARK: 5. fmt -w through a symbolic link, and not over a read-only file

    @Test func fmtWritesThroughASymbolicLink() throws {
        try withFiles(["real.plan": "plan \"P\"\n    period April 2013 to March 2014\n"]) { directory in
            let link = directory.appendingPathComponent("link.plan")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.plan")
            let result = runCLI(["fmt", "-w", "link.plan"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
            #expect(destination == "real.plan")
            let real = try String(contentsOf: directory.appendingPathComponent("real.plan"), encoding: .utf8)
            #expect(real == "plan \"P\"\n  period April 2013 to March 2014\n")
        }
    }

    @Test func fmtDoesNotRewriteAReadOnlyFile() throws {
        let original = "plan \"P\"\n    period April 2013 to March 2014\n"
        try withFiles(["ro.plan": original]) { directory in
            let path = directory.appendingPathComponent("ro.plan").path
            #expect(chmod(path, 0o444) == 0)
            let result = runCLI(["fmt", "-w", "ro.plan"], in: directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("cannot write ro.plan: it is read-only"), "\(result.stderr)")
            let content = try String(contentsOfFile: path, encoding: .utf8)
            #expect(content == original)
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o444)
        }
    }

    // MARK: 6. Long tokens, extra CSV columns, --as-of, invalid UTF-8

    @Test func aLongTokenIsCutInTheMessage() throws {
        let long = String(repeating: "x", count: 100_000)
        let plan = Self.header + "workstream EFD \"E\"\nmeasure 1 \"m\"\n  workstream \(long)\n  target >= 5 by Septmber\n"
        try withFiles(["plan.plan": plan]) { directory in
            let result = runCLI(["check", "plan.plan"], in: directory)
            #expect(result.status == 1)
            let longest = result.stderr.split(separator: "\n").map(\.utf8.count).max() ?? 0
            #expect(longest < 1_000, "a message line of \(longest) bytes")
            #expect(result.stderr.contains("no workstream named \"" + String(repeating: "x", count: Limits.longestQuote - 1) + "…\""))
        }
    }

    /// A huge token in a syntax error is quoted as the clip of the whole
    /// would be, without escaping all of it first (a 50 MB token took 2 s).
    @Test func aHugeTokenInASyntaxErrorIsQuotedFromItsEnds() throws {
        let token = String(repeating: "a", count: 300_000) + "xyz"
        let plan = Self.header + "measure 1 \"m\"\n  target >= 5% by March 2014 \(token)\n"
        try withFiles(["plan.plan": plan]) { directory in
            let result = runCLI(["check", "--format", "json", "plan.plan"], in: directory)
            #expect(result.status == 1)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let messages = items.compactMap { $0["message"] as? String }.filter { $0.hasPrefix("unexpected \"aaa") }
            // Exactly what clipping the message with the whole token in it gives.
            #expect(messages == [Limits.clip("unexpected \"\(token)\" after the `target` clause")], "\(messages.map { $0.suffix(30) })")
        }
    }

    @Test(arguments: [
        ("short", "short"),
        (String(repeating: "a", count: 300), String(repeating: "a", count: 200) + "…"),
        ("'" + String(repeating: "b", count: 300) + "': no", "'" + String(repeating: "b", count: 199) + "…': no"),
    ])
    func clipCutsLongRuns(_ input: String, _ expected: String) {
        #expect(Limits.clip(input) == expected)
    }

    @Test func aValuePastTheHeaderIsAnErrorNotDropped() throws {
        let plan = Self.header + "measure 1 \"m\"\n  target >= 5 by March 2014\n"
        // An unquoted thousands comma splits 1,234 into 1 and 234.
        try withFiles(["plan.plan": plan, "book.csv": "measure,date,value\n1,2013-05,1,234\n1,2013-06,7,,\n"]) { directory in
            let result = runCLI(["check", "plan.plan", "--data", "book.csv"], in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains("book.csv:2:13: error[data-extra-field]: this row has 4 fields but the header names 3 columns; \"234\" is in none of them"),
                    "\(result.stderr)")
            // Empty cells past the header (a spreadsheet's trailing commas) are fine.
            #expect(!result.stderr.contains("book.csv:3:"), "\(result.stderr)")
        }
    }

    @Test(arguments: [
        ("0000-01-01", "--as-of 0000-01-01 is not a date: years run from 0001 to 9999"),
        ("2013-02-29", "--as-of 2013-02-29 is not a date: February 2013 has 28 days"),
        ("2013-13-01", "--as-of 2013-13-01 is not a date: there is no month 13"),
        ("2013-01-00", "--as-of 2013-01-00 is not a date: days start at 01"),
        ("31/01/2013", "--as-of needs a date as YYYY-MM-DD, not '31/01/2013'"),
    ])
    func asOfSaysWhyADateIsWrong(_ text: String, _ message: String) throws {
        try withFiles(["plan.plan": Self.header]) { directory in
            let eval = runCLI(["eval", "plan.plan", "--as-of", text], in: directory)
            #expect(eval.status == 2)
            #expect(eval.stderr == "plancheck: \(message)\n")
            let report = runCLI(["report", "plan.plan", "--as-of", "2014-01-01", "--compare", text], in: directory)
            #expect(report.status == 2)
            #expect(report.stderr == "plancheck: \(message.replacingOccurrences(of: "--as-of", with: "--compare"))\n")
        }
    }

    @Test func eachInvalidByteIsAColumnOfItsOwn() throws {
        let bytes = Array("plan \"P\"\nmeasure 1 \"a".utf8) + [0x80, 0x80] + Array("b\" ".utf8) + [0xE2, 0x82] + Array("\n".utf8)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("plan.plan"))
        let result = runCLI(["check", "--format", "json", "plan.plan"], in: directory)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let utf8 = items.filter { $0["code"] as? String == "invalid-utf8" }
        let places = utf8.map { ($0["line"] as? Int ?? 0, $0["column"] as? Int ?? 0, $0["endColumn"] as? Int ?? 0) }
        // Two stray continuation bytes are one error (a run is reported once)
        // over columns 13 and 14. A truncated sequence (E2 82) is one
        // malformed character, shown as one U+FFFD, at column 18.
        #expect(places.map { [$0.1, $0.2] } == [[13, 15], [18, 19]], "\(places)")
        #expect(places.allSatisfy { $0.0 == 2 })
        #expect(utf8.map { $0["message"] as? String } == ["invalid UTF-8 bytes 0x80 0x80", "invalid UTF-8 bytes 0xE2 0x82"])
    }

    @Test func aRunOfBadBytesIsOneError() throws {
        // Six NULs in a comment, a thousand stray bytes in a string, and
        // three lone carriage returns (each may end a line, so each is its own).
        let bytes = Array("plan \"P\"\n# a".utf8) + [UInt8](repeating: 0, count: 6) + Array("\nmeasure 1 \"".utf8)
            + [UInt8](repeating: 0xFF, count: 1000) + Array("\"\n".utf8)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("plan.plan"))
        let result = runCLI(["check", "--format", "json", "plan.plan"], in: directory)
        #expect(result.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let seen = items.map { [$0["code"] as? String ?? "", $0["message"] as? String ?? "", "\($0["line"] ?? 0):\($0["column"] ?? 0)-\($0["endColumn"] ?? 0)"] }
        #expect(seen == [
            ["unexpected-character", "control character 0x00 in the text, 6 times in a row", "2:4-10"],
            ["invalid-utf8", "1000 invalid UTF-8 bytes in a row, starting 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF", "3:12-1012"],
        ], "\(seen)")
    }

    @Test(arguments: [
        ([0x61, 0x80, 0x80, 0x62] as [UInt8], 2, 3),       // a, stray, stray, b: the second stray is column 3
        ([0xE2, 0x9C, 0x93, 0x62] as [UInt8], 3, 2),       // ✓ then b: b is column 2
        ([0xE2, 0x9C, 0x93, 0x62] as [UInt8], 1, 1),       // inside ✓: its column
        ([0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x62] as [UInt8], 5, 3),
        ([0xED, 0xA0, 0x80, 0x62] as [UInt8], 3, 4),       // a surrogate's bytes are three errors
    ])
    func columnsCountWhatAReaderSees(_ bytes: [UInt8], _ offset: Int, _ column: Int) {
        #expect(SourceFile(name: "x", bytes: bytes).position(of: offset).column == column)
    }

    /// An include's path, and every file the language server is told of, is
    /// named by its normal form: one file, one name, however it was reached.
    @Test(arguments: [
        ("a/./b", "a/b"), ("a/../b", "b"), ("../x", "../x"), ("../../x", "../../x"), ("a/../../x", "../x"),
        ("/../x", "/x"), ("/", "/"), ("", "."), (".", "."), ("./", "."), ("a//b/", "a/b"), ("/a/b/../..", "/"),
        ("café/../thé/x.plan", "thé/x.plan"), ("plans/../plans/./2013.plan", "plans/2013.plan"), ("..", ".."),
    ])
    func pathsAreNormalized(path: String, normal: String) {
        #expect(Path.normalize(path) == normal)
        #expect(Path.join("dir", path) == Path.normalize(path.hasPrefix("/") ? path : "dir/" + path))
    }
}
