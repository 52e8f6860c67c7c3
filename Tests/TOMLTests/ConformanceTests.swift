import Foundation
import Testing
import TOML

/// The official toml-test suite as Debian ships it (package golang-github-burntsushi-toml-dev, 1.2.0).
enum TOMLTestSuite {
    static let root = "/usr/share/gocode/src/github.com/BurntSushi/toml/internal/toml-test/tests"

    static let available: Bool = {
        let present = FileManager.default.fileExists(atPath: root + "/valid")
        if !present {
            print("TOMLTests: toml-test suite not found at \(root); install the Debian package golang-github-burntsushi-toml-dev to run the conformance tests")
        }
        return present
    }()

    /// Cases that cannot pass, by path under tests/, with the reason.
    static let excluded: [String: String] = [
        "valid/string/escape-esc.toml": "\\e is a TOML 1.1 escape; TOML 1.0.0 allows only \\b \\t \\n \\f \\r \\\" \\\\ \\u \\U",
    ]

    /// Paths of the `.toml` files under `tests/<kind>`, sorted.
    static func cases(_ kind: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root + "/" + kind) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".toml") }.map { kind + "/" + $0 }.sorted()
    }

    /// The text of a case, or nil when its bytes are not UTF-8 (FitSpec rejects those before parsing).
    static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

@Suite struct ConformanceTests {
    // The suite is read from the system at run time and not copied into the repository; without the
    // package these tests are disabled and a line naming the package is printed.
    @Test(.enabled(if: TOMLTestSuite.available, "toml-test not installed (Debian package golang-github-burntsushi-toml-dev)"))
    func validCasesParseToTheExpectedValues() throws {
        let cases = TOMLTestSuite.cases("valid")
        #expect(cases.count >= 100)
        for path in TOMLTestSuite.excluded.keys where path.hasPrefix("valid/") {
            #expect(cases.contains(path) && (try? TOMLDocument(parsing: TOMLTestSuite.text(path) ?? "")) == nil, "\(path)")
        }
        var failures: [String] = []
        for path in cases where TOMLTestSuite.excluded[path] == nil {
            guard let text = TOMLTestSuite.text(path) else {
                failures.append("\(path): not UTF-8")
                continue
            }
            let jsonPath = TOMLTestSuite.root + "/" + path.dropLast(5) + ".json"
            guard let data = FileManager.default.contents(atPath: jsonPath),
                  let expected = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                failures.append("\(path): no readable expected JSON")
                continue
            }
            do {
                let document = try TOMLDocument(parsing: text)
                if let difference = TaggedJSON.difference(.init(.table(document.root), at: .init(line: 1, column: 1)), expected, "") {
                    failures.append("\(path): \(difference)")
                }
            } catch {
                failures.append("\(path): rejected: \(error)")
            }
        }
        print("TOMLTests: toml-test valid \(cases.count - failures.count - TOMLTestSuite.excluded.keys.filter { $0.hasPrefix("valid/") }.count)/\(cases.count)")
        #expect(failures.isEmpty, "\(failures.count) valid cases fail:\n\(failures.joined(separator: "\n"))")
    }

    @Test(.enabled(if: TOMLTestSuite.available, "toml-test not installed (Debian package golang-github-burntsushi-toml-dev)"))
    func invalidCasesAreRejected() {
        let cases = TOMLTestSuite.cases("invalid")
        #expect(cases.count >= 200)
        var accepted: [String] = []
        for path in cases where TOMLTestSuite.excluded[path] == nil {
            // Invalid UTF-8 (6 cases in tests/invalid/encoding) is rejected by the caller's decoding.
            guard let text = TOMLTestSuite.text(path) else { continue }
            if (try? TOMLDocument(parsing: text)) != nil { accepted.append(path) }
        }
        print("TOMLTests: toml-test invalid \(cases.count - accepted.count - TOMLTestSuite.excluded.keys.filter { $0.hasPrefix("invalid/") }.count)/\(cases.count)")
        #expect(accepted.isEmpty, "\(accepted.count) invalid cases accepted:\n\(accepted.joined(separator: "\n"))")
    }
}

/// Compares a parsed value with toml-test's tagged JSON (`{"type": "integer", "value": "42"}`).
enum TaggedJSON {
    static func difference(_ value: TOMLValue, _ expected: Any, _ path: String) -> String? {
        switch value.kind {
        case .table(let table):
            guard let object = expected as? [String: Any] else { return "\(path): table, expected \(expected)" }
            if Set(object.keys) != Set(table.keys) {
                return "\(path): keys \(table.keys.sorted()), expected \(object.keys.sorted())"
            }
            for entry in table {
                if let d = difference(entry.value, object[entry.key] as Any, path + "." + entry.key) { return d }
            }
            return nil
        case .array(let elements):
            guard let array = expected as? [Any] else { return "\(path): array, expected \(expected)" }
            guard array.count == elements.count else { return "\(path): \(elements.count) elements, expected \(array.count)" }
            for (k, element) in elements.enumerated() {
                if let d = difference(element, array[k], path + "[\(k)]") { return d }
            }
            return nil
        default:
            guard let tagged = expected as? [String: Any], let type = tagged["type"] as? String,
                  let text = tagged["value"] as? String else { return "\(path): \(value.typeName), expected \(expected)" }
            let same: Bool
            switch (value.kind, type) {
            case (.string(let s), "string"): same = s == text
            case (.integer(let i), "integer"): same = Int64(text) == i
            case (.float(let f), "float"): same = floatEquals(f, text)
            case (.boolean(let b), "bool"): same = String(b) == text
            case (.offsetDateTime(let d), "datetime"): same = normalized(text) == d.description
            case (.localDateTime(let d), "datetime-local"): same = normalized(text) == d.description
            case (.localDate(let d), "date-local"): same = normalized(text) == d.description
            case (.localTime(let d), "time-local"): same = normalized(text) == d.description
            default: same = false
            }
            return same ? nil : "\(path): \(value.typeName) \(value.kind), expected \(type) \(text)"
        }
    }

    /// toml-test floats: `nan`, `inf`, `+inf`, `-inf`, else numeric equality.
    static func floatEquals(_ f: Double, _ text: String) -> Bool {
        switch text {
        case "nan", "+nan", "-nan": return f.isNaN
        case "inf", "+inf": return f == .infinity
        case "-inf": return f == -.infinity
        default: return Double(text) == f
        }
    }

    /// A date-time string in the normalized form the parser prints (parsed by the parser itself).
    static func normalized(_ text: String) -> String? {
        guard let value = try? TOMLDocument(parsing: "v = " + text)["v"] else { return nil }
        switch value.kind {
        case .offsetDateTime(let d): return d.description
        case .localDateTime(let d): return d.description
        case .localDate(let d): return d.description
        case .localTime(let d): return d.description
        default: return nil
        }
    }
}
