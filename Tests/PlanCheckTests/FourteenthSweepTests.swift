import Foundation
import Testing
@testable import PlanCheck

// What this round's sweeps found: plans and data in other councils' shapes,
// through the CLI, on files.

@Suite struct FourteenthSweepTests {
    func run(_ arguments: [String], plan: [UInt8], csv: [UInt8]? = nil) throws -> (out: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(plan).write(to: directory.appendingPathComponent("p.plan"))
        var data: [String] = []
        if let csv {
            try Data(csv).write(to: directory.appendingPathComponent("d.csv"))
            data = ["--data", "d.csv"]
        }
        let result = runCLI(arguments + data, in: directory)
        return (result.stdout + result.stderr, result.status)
    }

    /// A plan or CSV saved with classic Mac line ends (a lone CR) reads line
    /// by line, and every place is named by its line: it was one long line,
    /// an error at every clause.
    @Test func loneCarriageReturnsEndLines() throws {
        let plan = Array("plan \"X\"\r  period April 2014 to March 2015\rmeasure 2.3 \"Title\"\r  target >= 90% by March 2015\r".utf8)
        let clean = try run(["check", "p.plan"], plan: plan)
        #expect(clean.status == 0, "\(clean.out)")
        #expect(clean.out.isEmpty, "\(clean.out)")
        let csv = Array("id,date,value\r2.3,2015-03-31,95%\r2.3,2015-02-28,abc\r".utf8)
        let bad = try run(["check", "p.plan"], plan: plan, csv: csv)
        #expect(bad.status == 1)
        #expect(bad.out.contains("d.csv:3:16: error[data-bad-value]"), "\(bad.out)")
        let formatted = try run(["fmt", "p.plan"], plan: plan)
        #expect(formatted.out == "plan \"X\"\n  period April 2014 to March 2015\nmeasure 2.3 \"Title\"\n  target >= 90% by March 2015\n", "\(formatted.out)")
        // CRLF is left alone, and a lone CR inside a CRLF file still ends its line.
        #expect(SourceFile.lineEndsOpened(Array("a\r\nb\rc\r".utf8)) == Array("a\r\nb\nc\n".utf8))
        #expect(SourceFile.lineEndsOpened(Array("a\r\nb\r\n".utf8)) == Array("a\r\nb\r\n".utf8))
    }
}
