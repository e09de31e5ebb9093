/// A unified diff of two texts, line by line, for `plancheck fmt --diff`:
///
///     --- plan.plan
///     +++ plan.plan (formatted)
///     @@ -3,4 +3,4 @@
///      measure 2.3 "Seen"
///     -    target >= 85% by March
///     +  target >= 85% by March
///
/// Common lines at the start and end are set aside, and the rest is matched
/// by a longest common subsequence (or, past four million cells, replaced as
/// one block). Three lines of context, as `diff -u`.
enum UnifiedDiff {
    static let context = 3

    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    static func render(old: String, new: String, oldName: String, newName: String) -> String {
        let a = lines(old)
        let b = lines(new)
        let edits = diff(a, b)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group the changes, with their context, into hunks.
        var index = 0
        var oldLine = 1
        var newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for edit in edits {
            positions.append((oldLine, newLine))
            switch edit {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var sameRun = 0
            var cursor = firstChange
            while cursor < edits.count {
                if case .same = edits[cursor] {
                    sameRun += 1
                    if sameRun > 2 * context { break }
                } else {
                    sameRun = 0
                    end = cursor
                }
                cursor += 1
            }
            let stop = min(edits.count, end + context + 1)
            let hunk = edits[start..<stop]
            let oldCount = hunk.count { if case .added = $0 { false } else { true } }
            let newCount = hunk.count { if case .removed = $0 { false } else { true } }
            let oldStart = oldCount == 0 ? positions[start].old - 1 : positions[start].old
            let newStart = newCount == 0 ? positions[start].new - 1 : positions[start].new
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk {
                switch edit {
                case .same(let text): out += " " + text + "\n"
                case .removed(let text): out += "-" + text + "\n"
                case .added(let text): out += "+" + text + "\n"
                }
            }
            index = stop
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func diff(_ a: [String], _ b: [String]) -> [Line] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var out = a[..<prefix].map { Line.same($0) }
        if midA.count * midB.count <= 4_000_000 {
            out += lcs(midA, midB)
        } else {
            out += midA.map { .removed($0) } + midB.map { .added($0) }
        }
        out += a[(a.count - suffix)...].map { Line.same($0) }
        return out
    }

    /// The edit script from a longest common subsequence table.
    private static func lcs(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] = a[i] == b[j]
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                out.append(.same(a[i])); i += 1; j += 1
            } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                out.append(.removed(a[i])); i += 1
            } else {
                out.append(.added(b[j])); j += 1
            }
        }
        while i < n { out.append(.removed(a[i])); i += 1 }
        while j < m { out.append(.added(b[j])); j += 1 }
        return out
    }
}
