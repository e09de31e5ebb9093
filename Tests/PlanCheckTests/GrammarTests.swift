import Foundation
import Testing
@testable import PlanCheck

// Keeps grammar.md and the parser from drifting apart: every keyword the
// lexer knows is in the grammar, every word the grammar quotes is a keyword
// (or a month name), and the grammar's entries and clauses start with exactly
// the keywords the parser dispatches on.

/// `grammar.md` at the package root, found from this file's path.
private let grammarURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // PlanCheckTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("grammar.md")

/// One token of an EBNF block: a quoted terminal, a rule name or a symbol.
enum EBNFToken: Equatable {
    /// `"word"`; single-quoted terminals (`'"'`) have `single` set.
    case terminal(String, single: Bool)
    case name(String)
    case symbol(String)
}

/// The grammar's ```ebnf blocks, tokenised, comments `(* ... *)` dropped.
struct EBNFGrammar {
    var tokens: [EBNFToken] = []
    /// Rule name -> its right-hand side.
    var rules: [String: [EBNFToken]] = [:]

    init(markdown: String) {
        var inBlock = false
        var text = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = !inBlock && line.dropFirst(3).trimmingCharacters(in: .whitespaces) == "ebnf"
                continue
            }
            if inBlock { text += line + "\n" }
        }
        tokens = Self.tokenise(Array(text.unicodeScalars))
        // `name = body ;`, one after another.
        var i = 0
        while i + 1 < tokens.count {
            guard case .name(let name) = tokens[i], tokens[i + 1] == .symbol("=") else {
                i += 1
                continue
            }
            var j = i + 2
            var body: [EBNFToken] = []
            while j < tokens.count, tokens[j] != .symbol(";") {
                body.append(tokens[j])
                j += 1
            }
            rules[name] = body
            i = j + 1
        }
    }

    static func tokenise(_ s: [Unicode.Scalar]) -> [EBNFToken] {
        var tokens: [EBNFToken] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace {
                i += 1
            } else if c == "(", i + 1 < s.count, s[i + 1] == "*" {
                i += 2
                while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == ")") { i += 1 }
                i += 2
            } else if c == "\"" || c == "'" {
                var j = i + 1
                while j < s.count, s[j] != c { j += 1 }
                tokens.append(.terminal(String(String.UnicodeScalarView(s[(i + 1)..<min(j, s.count)])), single: c == "'"))
                i = j + 1
            } else if c.properties.isAlphabetic || c == "_" {
                var j = i
                while j < s.count, s[j].properties.isAlphabetic || s[j] == "_" { j += 1 }
                tokens.append(.name(String(String.UnicodeScalarView(s[i..<j]))))
                i = j
            } else if c == ".", i + 2 < s.count, s[i + 1] == ".", s[i + 2] == "." {
                tokens.append(.symbol("..."))
                i += 3
            } else {
                tokens.append(.symbol(String(c)))
                i += 1
            }
        }
        return tokens
    }

    /// Every double-quoted terminal that is a word of letters: `"target"`, `"Sept"`.
    var quotedWords: [String] {
        tokens.compactMap {
            guard case .terminal(let word, single: false) = $0, !word.isEmpty,
                  word.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
            else { return nil }
            return word
        }
    }

    /// The words a rule can start with, following rule names through their
    /// alternatives (`section = sectionkw ...` gives every `sectionkw`).
    func firstWords(_ rule: String, depth: Int = 0) -> Set<String> {
        guard depth < 8, let body = rules[rule] else { return [] }
        var words = Set<String>()
        var atStart = true
        var nesting = 0
        for token in body {
            if atStart {
                switch token {
                case .terminal(let word, _): words.insert(word)
                case .name(let name): words.formUnion(firstWords(name, depth: depth + 1))
                case .symbol: break
                }
            }
            // Only the first token of each top-level alternative counts.
            switch token {
            case .symbol("("), .symbol("["), .symbol("{"): nesting += 1
            case .symbol(")"), .symbol("]"), .symbol("}"): nesting -= 1
            default: break
            }
            atStart = nesting == 0 && token == .symbol("|")
        }
        return words
    }
}

@Suite struct GrammarTests {
    let grammar: EBNFGrammar

    init() throws {
        grammar = EBNFGrammar(markdown: try String(contentsOf: grammarURL, encoding: .utf8))
    }

    @Test func theGrammarHasItsRules() {
        for rule in ["file", "entry", "clause", "milestone", "requirement", "date", "value"] {
            #expect(grammar.rules[rule] != nil, "grammar.md has no `\(rule) = ... ;` rule")
        }
    }

    @Test(arguments: Keyword.allCases.filter { $0 != .none })
    func everyKeywordIsInTheGrammar(_ keyword: Keyword) {
        #expect(grammar.quotedWords.contains(keyword.text),
                "the lexer knows the keyword \"\(keyword.text)\", but grammar.md never uses it")
    }

    @Test func everyQuotedWordIsAKeywordOrAMonth() {
        let keywords = Set(Keyword.allCases.filter { $0 != .none }.map(\.text))
        // Read by their text inside a date (`end of March`, `31st`), as `a` is
        // in `a maximum of`: made keywords, they would stop being ids elsewhere.
        // Likewise the words of council wording read in one place only
        // (`must not exceed`, `10 percentage points`, `every month`, `as at`).
        let matchedByText: Set = ["end", "st", "nd", "rd", "th", "cent",
                                  "must", "should", "does", "will", "percentage", "pp", "every", "as"]
        for word in Set(grammar.quotedWords).subtracting(matchedByText) where word.count >= 2 {
            if word == word.lowercased() {
                #expect(keywords.contains(word) || Month.number(word) != nil,
                        "grammar.md quotes \"\(word)\", which is neither a keyword nor a month name")
            } else {
                // Capitalised words are month names (keywords are lower case).
                #expect(Month.number(word) != nil, "grammar.md quotes \"\(word)\", which is not a month name")
            }
        }
    }

    @Test func everyMonthNameIsInTheGrammar() {
        let quoted = Set(grammar.quotedWords)
        for name in Month.fullNames + Month.shortNames + ["Sept"] {
            #expect(quoted.contains(name), "grammar.md's monthname rule lacks \"\(name)\"")
        }
    }

    @Test func entriesStartWithTheParsersEntryKeywords() {
        let parser = Set(Parser.entryKeywords.map(\.text))
        #expect(grammar.firstWords("entry") == parser)
    }

    @Test func clausesStartWithTheParsersClauseKeywords() {
        let parser = Set(Parser.clauseKeywords.map(\.text))
        #expect(grammar.firstWords("clause") == parser)
    }

    @Test func evidenceKindsMatch() {
        #expect(grammar.firstWords("evidencekind") == Set(EvidenceKind.allCases.map(\.rawValue)))
    }

    @Test func sectionKeywordsMatch() {
        #expect(grammar.firstWords("sectionkw") == Set(SectionKeyword.allCases.map(\.rawValue)))
    }
}
