import Foundation
import Testing
@testable import PlanCheck

// What a sweep of `plancheck import` found, each through the CLI on a file:
// import never writes a wrong target or id without a word; where it cannot be
// sure it leaves a `# TODO:` and counts it.

@Suite struct ImportSweepTests {
    /// `plancheck import NAME` on `bytes` written to a fresh directory, with
    /// any `extra` arguments.
    func importing(_ name: String, _ bytes: [UInt8], _ extra: [String] = []) throws
        -> (plan: String, stderr: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        let run = runCLI(["import", name] + extra, in: directory)
        return (run.stdout, run.stderr, run.status)
    }

    func importing(_ name: String, _ text: String, _ extra: [String] = []) throws -> (plan: String, stderr: String, status: Int32) {
        try importing(name, Array(text.utf8), extra)
    }

    /// A line break inside a workbook's cell is kept, as it is in a CSV's
    /// quoted cell: each dated line of a progress cell is a `progress`
    /// clause of its own (it was one clause under the first date). A
    /// performance book's cell still reads as one line.
    @Test func aWorkbookCellKeepsItsLines() throws {
        let header = ["Ref", "Action", "Lead", "Timescale", "Success measure", "Progress update"]
        let row = ["1.1", "Screen contacts", "Head of MASH", "March 2025", "At least 90%",
                   "Oct 2024: 82% in September\nNov 2024: 85% in October"]
        let book = ZipWriter.workbook([("Plan", [header, row])])
        let csv = (header + [""]).joined(separator: ",") + "\n"
            + row.map { $0.contains("\n") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        let expected = """
            action 1.1 "Screen contacts"
              lead "Head of MASH"
              due March 2025
              target at least 90% by March 2025
              progress October 2024 "82% in September"
              progress November 2024 "85% in October"
              note "At least 90%"

            """
        let fromBook = try importing("p.xlsx", book)
        #expect(fromBook.plan.hasSuffix(expected), "\(fromBook.plan)")
        let fromCSV = try importing("p.csv", csv)
        #expect(fromCSV.plan.hasSuffix(expected), "\(fromCSV.plan)")
        // The data loader's view of a sheet is unchanged: a line stays a row.
        let sheet = try Workbook.read(book).get().sheets[0]
        #expect(sheet.grid()[1][5] == "Oct 2024: 82% in September Nov 2024: 85% in October")
    }
}
