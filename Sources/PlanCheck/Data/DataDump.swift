/// What a plan's performance books gave it, as plain text: each series'
/// observations (date, reading, cohort and the line it came from), each gap,
/// the measures found written in percent, and each diagnostic (code, line,
/// message, help), then the evaluation's table. Columns are left out.
///
/// Two runs read a book the same way exactly when their dumps are equal. The
/// tests and the `csv` fuzz target compare a book with the same book with
/// every cell quoted (`quotingEveryCell`): only the general CSV reader reads
/// quoted cells, so the two dumps show that the fast reader of plain rows
/// (`DataLoader.Loading.readPlainLongRow`) reads each row as it would.
enum DataDump {
    static func dump(_ run: Pipeline.EvaluatedPlan) -> String {
        var lines: [String] = []
        func line(_ location: Location) -> Int { run.sources[location.file].position(of: location.span.start).line }
        for item in run.checked.data.items {
            let series = [("actual", item.actual), ("baseline", item.baseline)]
                + item.comparators.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (name, observations) in series {
                for o in observations {
                    lines.append("\(name) \(o.date.iso) \(o.reading) \(String(describing: o.cohort)) line \(line(o.location))")
                }
            }
            lines += item.gaps.map { "gap \($0.date.iso) \($0.reason) \(String(describing: $0.series)) line \(line($0.location))" }
        }
        lines.append("percent in data: \(run.checked.data.percentInData.sorted())")
        for d in run.diagnostics {
            lines.append("\(d.code.rawValue) line \(line(d.location)): \(d.message) \(d.help ?? "")")
        }
        lines.append(EvaluationTable(color: false).render(run.evaluation, model: run.model))
        return lines.joined(separator: "\n")
    }

    /// The book with every cell quoted, each record on the line it began on:
    /// the same cells, for the general reader. Nil for a book with a syntax
    /// error (whose rows are dropped) or a lone CR (a line end to the CSV
    /// reader, not to a plan's line table).
    static func quotingEveryCell(_ bytes: [UInt8]) -> [UInt8]? {
        for (i, byte) in bytes.enumerated() where byte == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10) {
            return nil
        }
        var reader = CSVReader(bytes: bytes, file: FileID(0))
        let (records, diagnostics) = reader.readAll()
        guard diagnostics.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var line = 1
        for record in records {
            while line < record.line {
                out.append(10)
                line += 1
            }
            for (i, field) in record.fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                reader.withValueBytes(of: field) { value in
                    for byte in value {
                        out.append(byte)
                        if byte == UInt8(ascii: "\"") { out.append(byte) }
                        if byte == 10 { line += 1 }
                    }
                }
                out.append(UInt8(ascii: "\""))
            }
            out.append(10)
            line += 1
        }
        return out
    }
}
