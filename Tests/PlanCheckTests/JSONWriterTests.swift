import Testing
@testable import PlanCheck

@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"back\slash"#, #""back\\slash""#),
        ("a\nb\tc\rd", #""a\nb\tc\rd""#),
        ("\u{0}\u{1}\u{1B}\u{1F}", #""\u0000\u0001\u001b\u001f""#),
        ("café 😀 /", #""café 😀 /""#),
        ("", #""""#),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(JSON.string(input).render() == expected)
    }

    @Test(arguments: [
        (3.0, "3"),
        (-2.0, "-2"),
        (0.0, "0"),
        (-0.0, "0"),
        (1.5, "1.5"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-7, "1e-07"),
        (1e300, "1e+300"),
        (Double.nan, "null"),
        (Double.infinity, "null"),
        (-Double.infinity, "null"),
    ])
    func formatsNumbers(value: Double, expected: String) {
        #expect(JSON.number(value).render() == expected)
    }

    @Test func formatsIntegersAndLiterals() {
        #expect(JSON.int(-42).render() == "-42")
        #expect(JSON.int(Int.max).render() == "9223372036854775807")
        #expect(JSON.bool(true).render() == "true")
        #expect(JSON.bool(false).render() == "false")
        #expect(JSON.null.render() == "null")
        #expect(JSON.string(nil as String?).render() == "null")
    }

    @Test func rendersPrettyWithTwoSpaceIndent() {
        let value = JSON.object([
            ("name", .string("plan")),
            ("list", .array([.int(1), .object([("k", .null)])])),
            ("empty", .array([])),
            ("none", .object([])),
        ])
        let expected = """
            {
              "name": "plan",
              "list": [
                1,
                {
                  "k": null
                }
              ],
              "empty": [],
              "none": {}
            }
            """
        #expect(value.render() == expected)
        #expect(!value.render().hasSuffix("\n"))
    }

    @Test func rendersCompact() {
        let value = JSON.object([("b", .int(1)), ("a", .array([.bool(true), .string("x")]))])
        #expect(value.render(pretty: false) == #"{"b":1,"a":[true,"x"]}"#)
    }

    @Test func objectsKeepOrderAndCompareByIt() {
        let ab = JSON.object([("a", .int(1)), ("b", .int(2))])
        let ba = JSON.object([("b", .int(2)), ("a", .int(1))])
        #expect(ab == JSON.object([("a", .int(1)), ("b", .int(2))]))
        #expect(ab != ba)
        #expect(Set([ab, ab, ba]).count == 2)
        #expect(ab["b"] == .int(2))
        #expect(ab["c"] == nil)
        #expect(JSON.array([.null])[0] == .null)
    }
}
