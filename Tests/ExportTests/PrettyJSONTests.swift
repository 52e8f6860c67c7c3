import Foundation
import Testing
@testable import Export

/// `PrettyJSON.document` writes the bytes `JSONEncoder` writes with sorted keys and pretty printing, for the
/// numbers a toy study produces (nulls, integral values, exponents, negative zero, extremes), strings with
/// escapes, empty arrays and keys that sort between the head's members.
@Suite struct PrettyJSONTests {
    struct Head: Codable {
        var b: String
        var nested: [String: [Double]]
        var z: Int
    }

    struct Full: Codable {
        var a: [Double?]
        var b: String
        var m: [String]
        var nested: [String: [Double]]
        var y: [Double?]
        var z: Int
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }

    @Test(arguments: [0, 1, 5])
    func bytesEqualJSONEncoder(count: Int) throws {
        let pool: [Double?] = [11.702472334555198, nil, 12, 1e-05, -0.0, 2.5e300, -3.25, 0.1, Double.leastNonzeroMagnitude, 1e16, 123456.5]
        let numbers = (0..<count).map { pool[($0 * 7) % pool.count] }
        let strings = (0..<count).map { ["ok", "retried", "failed", "a\"b\\c/d\n"][$0 % 4] }
        let head = Head(b: "x/y \"q\"", nested: ["k": [1, 2.5]], z: 3)
        let full = Full(a: numbers, b: head.b, m: strings, nested: head.nested, y: numbers.reversed(), z: head.z)
        let expected = try Self.encoder().encode(full)
        let got = try PrettyJSON.document(head, adding: ["a": .numbers(numbers), "m": .strings(strings),
                                                         "y": .numbers(numbers.reversed())])
        #expect(String(decoding: got, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func anEmptyHeadAndANonObjectHead() throws {
        struct Empty: Codable {}
        struct Only: Codable { var a: [Double?] }
        let got = try PrettyJSON.document(Empty(), adding: ["a": .numbers([1, nil])])
        #expect(got == (try Self.encoder().encode(Only(a: [1, nil]))))
        #expect(throws: EncodingError.self) { try PrettyJSON.document([1, 2], adding: [:]) }
    }
}
