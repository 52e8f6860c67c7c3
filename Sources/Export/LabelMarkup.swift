import Foundation

/// Greek letters and symbols with their LaTeX math commands (both directions of the label conversion).
private let mathSymbols: [(Character, String)] = [
    ("α", "\\alpha"), ("β", "\\beta"), ("γ", "\\gamma"), ("δ", "\\delta"), ("ε", "\\varepsilon"), ("ζ", "\\zeta"),
    ("η", "\\eta"), ("θ", "\\theta"), ("κ", "\\kappa"), ("λ", "\\lambda"), ("μ", "\\mu"), ("ν", "\\nu"), ("ξ", "\\xi"),
    ("π", "\\pi"), ("ρ", "\\rho"), ("σ", "\\sigma"), ("τ", "\\tau"), ("φ", "\\phi"), ("χ", "\\chi"), ("ψ", "\\psi"),
    ("ω", "\\omega"), ("Γ", "\\Gamma"), ("Δ", "\\Delta"), ("Θ", "\\Theta"), ("Λ", "\\Lambda"), ("Ξ", "\\Xi"),
    ("Π", "\\Pi"), ("Σ", "\\Sigma"), ("Φ", "\\Phi"), ("Ψ", "\\Psi"), ("Ω", "\\Omega"), ("→", "\\to"), ("×", "\\times"),
    ("−", "-"), ("±", "\\pm"), ("≤", "\\leq"), ("≥", "\\geq"),
]

/// The LaTeX math command of a Greek letter or symbol, if it has one.
func mathCommand(_ ch: Character) -> String? { mathSymbols.first { $0.0 == ch }?.1 }

/// Unicode superscript characters and the text they stand for.
let superscriptDigits: [Character: String] = [
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-",
]

extension AxisLabel {
    /// A label from one user text (`--label PAR=TEXT`): LaTeX when it holds `$` (pgfplots, matplotlib and
    /// HEPData use it as is; SVG and gnuplot get a Unicode rendering), otherwise SVG markup with
    /// `_{…}`/`^{…}` (used as is in SVG and gnuplot; LaTeX gets Greek letters and sub/superscripts in
    /// math mode). The unit and display scale of `base` are kept.
    public init(name: String, text: String, base: AxisLabel? = nil) {
        let latex = text.contains("$") ? text : latexFromMarkup(text)
        let svg = text.contains("$") ? markupFromLatex(text) : text
        self.init(name: name, latex: latex, svg: svg, unit: base?.unit, scaleExponent: base?.scaleExponent)
    }
}

/// SVG markup (Unicode, `_{…}`, `^{…}`) as LaTeX text: plain runs escaped, Greek letters, symbols and
/// sub/superscripts in math mode (adjacent math runs merged into one `$…$`).
func latexFromMarkup(_ markup: String) -> String {
    let symbols = Dictionary(uniqueKeysWithValues: mathSymbols)
    var tokens: [(math: Bool, text: String)] = []
    func add(_ math: Bool, _ t: String) {
        if let last = tokens.last, last.math == math { tokens[tokens.count - 1].text += t } else { tokens.append((math, t)) }
    }
    func mathText(_ s: Substring) -> String {
        s.map { ch in symbols[ch].map { $0.hasPrefix("\\") ? $0 + " " : $0 } ?? latexEscapeMath(ch) }.joined()
    }
    var chars = Substring(markup)
    while let ch = chars.first {
        chars = chars.dropFirst()
        if ch == "_" || ch == "^", chars.first == "{", let close = chars.firstIndex(of: "}") {
            add(true, "\(ch){" + mathText(chars[chars.index(after: chars.startIndex)..<close]) + "}")
            chars = chars[chars.index(after: close)...]
        } else if let cmd = symbols[ch] {
            add(true, cmd.hasPrefix("\\") ? cmd + " " : cmd)
        } else {
            add(false, latexEscape(String(ch)))
        }
    }
    func tidy(_ math: String) -> String {
        math.replacingOccurrences(of: " _", with: "_").replacingOccurrences(of: " ^", with: "^")
            .replacingOccurrences(of: " }", with: "}").trimmingCharacters(in: .whitespaces)
    }
    return tokens.map { $0.math ? "$" + tidy($0.text) + "$" : $0.text }.joined()
}

private func latexEscapeMath(_ ch: Character) -> String {
    switch ch {
    case "&", "%", "$", "#", "{", "}": "\\" + String(ch)
    case "\\": "\\backslash "
    default: String(ch)
    }
}

/// A LaTeX label as SVG markup: math commands of Greek letters and symbols become Unicode, `_x`/`^x`
/// become `_{x}`/`^{x}`, `$`, `\mathrm`, `\text` and spacing commands are dropped.
func markupFromLatex(_ latex: String) -> String {
    var s = latex.replacingOccurrences(of: "$", with: "")
    for cmd in ["\\mathrm", "\\text", "\\mathit", "\\rm"] { s = s.replacingOccurrences(of: cmd, with: "") }
    for space in ["\\,", "\\;", "\\!", "\\ ", "~"] { s = s.replacingOccurrences(of: space, with: space == "\\!" ? "" : " ") }
    for (ch, cmd) in mathSymbols.sorted(by: { $0.1.count > $1.1.count }) where cmd.hasPrefix("\\") {
        s = s.replacingOccurrences(of: cmd, with: String(ch))
    }
    var out = "", chars = Substring(s), depth = 0
    while let ch = chars.first {
        chars = chars.dropFirst()
        if ch == "_" || ch == "^" {
            if chars.first == "{" {
                out += "\(ch){"
                chars = chars.dropFirst()
                depth += 1
            } else if let next = chars.first {
                out += "\(ch){\(next)}"
                chars = chars.dropFirst()
            }
        } else if ch == "}" {
            if depth > 0 { out += "}"; depth -= 1 }
        } else if ch == "{" || ch == "\\" {
            continue
        } else {
            out.append(ch)
        }
    }
    return out
}
