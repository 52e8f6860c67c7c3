import Foundation
import Testing
import Yams
@testable import Export

/// The hand-written YAML emitter reads back through libyaml (Yams) to what it was given.
@Suite struct YAMLTextTests {
    static let awkward = ["it's", "a: b", "# not a comment", "- dash", "*star", "line\nbreak", "tab\there", "bell\u{7}",
                          "ε_n and Δχ²", "'quoted'", "\"double\"", "back\\slash", "1.0", "true", "null", "", " padded "]

    @Test func stringsAndNumbersReadBackExactly() throws {
        var yaml = YAMLText()
        yaml.startDocument()
        yaml.map([
            ("strings", .list(Self.awkward.map(YAMLText.Value.string))),
            ("numbers", .list([0.1, -2.5e-300, 1e300, 16.841440090022218, -0.0].map(YAMLText.Value.number))),
            ("empty", .list([])),
            ("nested", .map([("inner", .list([.map([("name", .string("x")), ("value", .number(1))])]))])),
        ])
        let object = try #require(try Yams.load(yaml: yaml.text) as? [String: Any])
        #expect(object["strings"] as? [String] == Self.awkward)
        #expect((object["numbers"] as? [Double]) == [0.1, -2.5e-300, 1e300, 16.841440090022218, -0.0])
        #expect((object["empty"] as? [Any])?.isEmpty == true)
        let inner = (object["nested"] as? [String: Any])?["inner"] as? [[String: Any]]
        #expect(inner?.first?["name"] as? String == "x" && inner?.first?["value"] as? Double == 1)
    }

    @Test func streamedListsMatchTheLayoutOfSmallOnes() throws {
        var streamed = YAMLText()
        streamed.key("independent_variables", indent: 0)
        streamed.listItem([("header", .map([("name", .string("x"))]))], indent: 0)
        streamed.streamedList(key: "values", indent: 2, field: "value", count: 3) { .number(Double($0) / 2) }
        var small = YAMLText()
        small.map([("independent_variables", .list([.map([
            ("header", .map([("name", .string("x"))])),
            ("values", .list((0..<3).map { .map([("value", .number(Double($0) / 2))]) })),
        ])]))])
        #expect(streamed.text == small.text)
        #expect(small.text == "independent_variables:\n- header:\n    name: 'x'\n  values:\n  - value: 0.0\n  - value: 0.5\n  - value: 1.0\n")
    }
}
