/// `plancheck eval --format junit`: the judgements as a JUnit XML report, so a
/// CI system shows a missed target the way it shows a failing test.
///
///     <?xml version="1.0" encoding="UTF-8"?>
///     <testsuites name="plancheck as of 2013-10-01" tests="3" failures="1" errors="0">
///       <testsuite name="Recommendation A1 Ensure that all contacts ..." tests="3" failures="1" errors="0" skipped="1">
///         <testcase classname="plancheck.A1" name="2.3 at least 90% by 30 Sep 2013"/>
///         <testcase classname="plancheck.A1" name="3.7 at most 15% by 30 Sep 2013">
///           <failure message="16.2% on 30 Sep 2013 ..." type="missed">16.2% on 30 Sep 2013 ...</failure>
///         </testcase>
///         <testcase classname="plancheck.A1" name="1.7 done by 31 Mar 2015">
///           <skipped message="pending: not yet done, due 31 Mar 2015."/>
///         </testcase>
///       </testsuite>
///     </testsuites>
///
/// One `testsuite` per section, in plan order (items above the first section
/// header form a suite named "(no section)", first, with classname
/// `plancheck`; with several plans, each suite's name starts with its plan's
/// path, and its classname is `plancheck[path].A1`); one `testcase` per judgement. Missed is a failure; no data
/// and pending are skipped; at risk passes with its explanation in
/// `system-out`, or is a failure when `failing` holds it (`--fail-on
/// at-risk`: the report fails what fails the run); met passes. Valid against Jenkins' `junit-10.xsd` (kept in
/// `Tests/Fixtures/schemas`), so `<testsuites>` has no `skipped`. No timestamps or times, so the same evaluation
/// always gives the same bytes.
public enum JUnitWriter {
    public static func render(_ e: Evaluation, model: PlanModel, failing: Set<Status> = [.missed]) -> String {
        let failing = failing.union([.missed])
        let groups = ItemContext.groups(e, model)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        // Jenkins' junit-10.xsd allows no `skipped` count on <testsuites>; each <testsuite> has one.
        out += "<testsuites" + attributes([("name", "plancheck as of \(e.asOf.iso)")]
            + counts(e.judgements, failing).filter { $0.0 != "skipped" })
        guard !groups.isEmpty else { return out + "/>\n" }
        out += ">\n"
        for group in groups {
            var name: String
            var classname: String
            if let index = group.section {
                let section = model.sections[index]
                name = ItemContext.sectionLabel(section) + (section.title.map { " " + $0 } ?? "")
                classname = "plancheck." + section.id
            } else {
                name = "(no section)"
                classname = "plancheck"
            }
            // Several plans judged as one: each suite and class names its
            // plan, so two plans' sections A1 stay apart in a CI dashboard.
            if let first = group.judgements.first, let plan = ItemContext.plan(first, model) {
                name = plan + ": " + name
                classname = "plancheck[" + plan + "]" + classname.dropFirst("plancheck".count)
            }
            out += "  <testsuite" + attributes([("name", name)] + counts(group.judgements, failing)) + ">\n"
            for j in group.judgements {
                let said = j.annotations.isEmpty ? j.explanation : j.explanation + " " + j.annotations
                out += "    <testcase" + attributes([("classname", classname), ("name", j.id + " " + j.required)])
                switch j.status {
                case .met where j.annotations.isEmpty:
                    out += "/>\n"
                    continue
                case .met:
                    out += ">\n      <system-out>" + escape("met: " + said, attribute: false) + "</system-out>\n"
                case .missed where failing.contains(j.status), .atRisk where failing.contains(j.status):
                    out += ">\n      <failure" + attributes([("message", said), ("type", j.status.rawValue)]) + ">"
                        + escape(said, attribute: false) + "</failure>\n"
                case .noData, .pending:
                    out += ">\n      <skipped" + attributes([("message", j.status.rawValue + ": " + said)]) + "/>\n"
                case .atRisk, .missed:
                    // At risk that does not fail the run (a missed one always does).
                    out += ">\n      <system-out>" + escape(j.status.rawValue + ": " + said, attribute: false) + "</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private static func counts(_ js: [Judgement], _ failing: Set<Status>) -> [(String, String)] {
        [
            ("tests", String(js.count)),
            ("failures", String(js.count { failing.contains($0.status) })),
            ("errors", "0"),
            ("skipped", String(js.count { $0.status == .noData || $0.status == .pending })),
        ]
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1, attribute: true))\"" }.joined()
    }

    /// Text safe inside an element or a double-quoted attribute: the five
    /// markup characters as entities, and the characters XML 1.0 does not
    /// allow at all (most C0 controls, U+FFFE, U+FFFF) left out. Tab, LF and
    /// CR in an attribute, and CR anywhere, become character references.
    public static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r":
                // A parser turns a raw CR into LF, and in an attribute any of
                // the three into a space; a reference keeps it as written.
                if attribute || scalar == "\r" { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}":
                continue
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
