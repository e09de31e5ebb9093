import Foundation
import Testing
@testable import PlanCheck

// The editors' TextMate grammar (editors/vscode/syntaxes) applied to the
// example plans and the spec's forms by a small TextMate matcher: every
// character outside whitespace gets a scope, and none is scoped invalid.
// Its regexes run through ICU here and Oniguruma in editors; the grammar keeps
// to what both read alike.

@Suite struct TextMateGrammarTests {}

private let grammarURL = repositoryRoot.appendingPathComponent("editors/vscode/syntaxes/plancheck.tmLanguage.json")

/// A grammar rule flattened for matching: a `match`, or a `begin`/`end` pair.
private struct Rule {
    var match: NSRegularExpression?
    var begin: NSRegularExpression?
    var end: NSRegularExpression?
    var name: String?
    var captures: [Int: String]
}

private struct Grammar {
    var rules: [Rule] = []

    init(_ json: JSON) throws {
        let repository = json["repository"] ?? .object([])
        func add(_ pattern: JSON, depth: Int) throws {
            guard depth < 10 else { return }
            if let include = pattern["include"]?.stringValue {
                guard include.hasPrefix("#"), let target = repository[String(include.dropFirst())] else {
                    throw GrammarError("unknown include \(include)")
                }
                return try add(target, depth: depth + 1)
            }
            var captures: [Int: String] = [:]
            if case .object(let members)? = pattern["captures"] {
                for (key, value) in members { captures[Int(key) ?? 0] = value["name"]?.stringValue }
            }
            if let match = pattern["match"]?.stringValue {
                rules.append(Rule(match: try regex(match), name: pattern["name"]?.stringValue, captures: captures))
            } else if let begin = pattern["begin"]?.stringValue, let end = pattern["end"]?.stringValue {
                rules.append(Rule(begin: try regex(begin), end: try regex(end), name: pattern["name"]?.stringValue,
                                  captures: captures))
            } else if let patterns = pattern["patterns"]?.arrayValue {
                for p in patterns { try add(p, depth: depth + 1) }
            }
        }
        for p in json["patterns"]?.arrayValue ?? [] { try add(p, depth: 0) }
    }

    func regex(_ pattern: String) throws -> NSRegularExpression {
        var pattern = pattern
        var options: NSRegularExpression.Options = [.anchorsMatchLines]
        if pattern.hasPrefix("(?i)") {
            pattern.removeFirst(4)
            options.insert(.caseInsensitive)
        }
        return try NSRegularExpression(pattern: pattern, options: options)
    }

    /// The scope of each UTF-16 unit of `line` (nil where nothing matched).
    func scopes(_ line: String) -> [String?] {
        let text = line as NSString
        let length = text.length
        var scopes = [String?](repeating: nil, count: length)
        let options: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
        var position = 0
        while position < length {
            var best: (Rule, NSTextCheckingResult)?
            for rule in rules {
                guard let regex = rule.match ?? rule.begin,
                      let found = regex.firstMatch(in: line, options: options,
                                                   range: NSRange(location: position, length: length - position))
                else { continue }
                if best == nil || found.range.location < best!.1.range.location { best = (rule, found) }
            }
            guard let (rule, found) = best else { break }
            var range = found.range
            if let end = rule.end {
                let after = range.location + range.length
                if let closing = end.firstMatch(in: line, options: options,
                                                range: NSRange(location: after, length: length - after)) {
                    range.length = closing.range.location + closing.range.length - range.location
                } else {
                    range.length = length - range.location
                }
            }
            if let name = rule.name { for i in range.location..<(range.location + range.length) { scopes[i] = name } }
            for (group, name) in rule.captures where group < found.numberOfRanges {
                let capture = found.range(at: group)
                if capture.location != NSNotFound {
                    for i in capture.location..<(capture.location + capture.length) { scopes[i] = name }
                }
            }
            position = max(position + (range.length == 0 ? 1 : 0), range.location + range.length)
        }
        return scopes
    }
}

private struct GrammarError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private func loadGrammar() throws -> (Grammar, String) {
    let text = try String(contentsOf: grammarURL, encoding: .utf8)
    return (try Grammar(try JSON.parse(text).get()), text)
}

/// Problems in `text`: characters with no scope, or scoped invalid.
private func unscoped(_ text: String, name: String, grammar: Grammar) -> [String] {
    var problems: [String] = []
    for (number, line) in text.components(separatedBy: "\n").enumerated() {
        let scopes = grammar.scopes(line)
        let units = Array(line.utf16)
        for (i, scope) in scopes.enumerated() where units[i] != 0x20 && units[i] != 0x09 && units[i] != 0x0D {
            if scope == nil || scope!.hasPrefix("invalid") {
                let around = String(decoding: units[max(0, i - 10)..<min(units.count, i + 10)], as: UTF16.self)
                problems.append("\(name):\(number + 1):\(i + 1): \(scope ?? "no scope") in \"\(around)\"")
                break
            }
        }
    }
    return problems
}

/// The forms of the spec's "More of what real plans say" (issue 8), which the
/// grammar highlights before the parser reads them.
private let newForms = """
    measure 6.2 "% re-referrals within 12 months"
      target do not exceed 22% by March 2014
    measure 6.3 "% of CIN plans reviewed within timescale"
      target 80% or more by December 2013
    measure 6.5 "% of contacts converted to referrals"
      polarity higher
      baseline 23% at March 2013
      target maintain ongoing
    measure 6.6 "Average hours from contact to decision"
      target <= 24 hours ongoing
    measure 6.7 "Average working days from referral to assessment start"
      target at most 10 working days by Feb14
    measure 6.8 "Case file audits completed"
      frequency monthly
      target at least 20 each month from December 2013
    measure 6.9 "% assessments completed within 45 working days"
      target average >= 85% over 3 months by March 2014
    measure 6.10 "% children seen alone at assessment"
      minimum cohort 10
      rag 2013-11-30 amber "Improving, below target"
    action 7.1 "Deep dive audit of repeat referrals"
      timescale 12.12.13 – 31.03.14
    action 7.2 "Refresh the threshold document with partners"
      due within the next 3 months
    data 6.10
      2013-10 34/45
    """

extension TextMateGrammarTests {
    @Test func everyTokenOfTheExamplesIsScoped() throws {
        let (grammar, _) = try loadGrammar()
        let plans = examplePlanURLs()
        #expect(plans.count >= 2)
        var problems: [String] = []
        for url in plans {
            problems += unscoped(try String(contentsOf: url, encoding: .utf8), name: url.lastPathComponent, grammar: grammar)
        }
        for (name, text) in mustParseFixtures() { problems += unscoped(text, name: name, grammar: grammar) }
        problems += unscoped(newForms, name: "new forms", grammar: grammar)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func scopesSayWhatTokensAre() throws {
        let (grammar, _) = try loadGrammar()
        let line = "measure 2.3 \"Title\" target >= 90% by 31.03.12 # why"
        let scopes = grammar.scopes(line)
        func scope(of word: String) -> String? {
            let range = (line as NSString).range(of: word)
            return scopes[range.location]
        }
        #expect(scope(of: "measure") == "storage.type.entry.plancheck")
        #expect(scope(of: "2.3") == "entity.name.id.plancheck")
        #expect(scope(of: "\"Title\"") == "string.quoted.double.plancheck")
        #expect(scope(of: "target") == "keyword.other.clause.plancheck")
        #expect(scope(of: ">=") == "keyword.operator.comparison.plancheck")
        #expect(scope(of: "90") == "constant.numeric.plancheck")
        #expect(scope(of: "31.03.12") == "constant.other.date.plancheck")
        #expect(scope(of: "# why") == "comment.line.number-sign.plancheck")
        // A stray character (a curly quote pasted from Word) is marked.
        #expect(grammar.scopes("  note \u{201C}x\u{201D}")[7] == "invalid.illegal.character.plancheck")
    }

    /// Every keyword the parser knows, and every word completion offers, is in the grammar.
    @Test func grammarKnowsEveryKeyword() throws {
        let (_, text) = try loadGrammar()
        let words = Keyword.allCases.filter { $0 != .none }.map(\.text)
            + LanguageWords.clauseKeywords + LanguageWords.comparators.filter { $0.first?.isLetter == true }
            + LanguageWords.requirementStarts + LanguageWords.afterLevel + LanguageWords.frequencies + LanguageWords.ratings
        let missing = Set(words).filter { word in
            text.range(of: "(?<![A-Za-z])" + NSRegularExpression.escapedPattern(for: word) + "(?![A-Za-z])",
                       options: .regularExpression) == nil
        }
        #expect(missing.isEmpty, "not in the grammar: \(missing.sorted())")
    }
}

extension TextMateGrammarTests {
    /// The VS Code folder extension hangs together: its manifest names a
    /// grammar and a language configuration that exist, parse, and agree.
    @Test func theVSCodeExtensionHangsTogether() throws {
        let folder = repositoryRoot.appendingPathComponent("editors/vscode")
        let manifest = try JSON.parse(try String(contentsOf: folder.appendingPathComponent("package.json"), encoding: .utf8)).get()
        let language = try #require(manifest["contributes"]?["languages"]?[0])
        #expect(language["id"] == .string("plancheck"))
        #expect(language["extensions"] == .array([.string(".plan")]))
        let configuration = try #require(language["configuration"]?.stringValue)
        let config = try JSON.parse(try String(contentsOf: folder.appendingPathComponent(configuration), encoding: .utf8)).get()
        #expect(config["comments"]?["lineComment"] == .string("#"))
        let grammar = try #require(manifest["contributes"]?["grammars"]?[0])
        let path = try #require(grammar["path"]?.stringValue)
        let loaded = try JSON.parse(try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)).get()
        #expect(grammar["scopeName"] == loaded["scopeName"])
        #expect(grammar["language"] == language["id"])
    }
}
