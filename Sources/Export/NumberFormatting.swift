import Foundation

/// Shortest representation that reads back to the same `Double`, always with a `.` in the mantissa
/// (so YAML 1.1 resolvers read `1.0e-05` as a float, not a string); `nan`, `inf`, `-inf` otherwise.
func formatExact(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    let s = v.description
    // `description` writes an ASCII mantissa, then `e` and the exponent when there is one.
    let utf8 = s.utf8
    guard let e = utf8.firstIndex(of: UInt8(ascii: "e")) else { return s }
    if utf8[..<e].contains(UInt8(ascii: ".")) { return s }
    return String(s[..<e]) + ".0" + String(s[e...])
}

/// Fixed-point with `decimals` digits; never prints `-0.00`.
func formatFixed(_ v: Double, _ decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", v)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
    return s
}

/// `x`, at most `digits` significant digits, without trailing zeros (for labels such as "2.3").
func formatShort(_ v: Double, digits: Int = 4) -> String {
    var s = String(format: "%.\(digits)g", v)
    if s.contains("."), !s.contains("e") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s
}

/// Unicode superscript digits and minus, e.g. `-3` → `⁻³`.
func superscript(_ n: Int) -> String {
    let map: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return String(String(n).map { map[$0] ?? $0 })
}

/// Replaces line breaks so a free-form string fits on one `#` header line.
func oneLine(_ s: String) -> String {
    s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        .replacingOccurrences(of: "\r", with: " ")
}
