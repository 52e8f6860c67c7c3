import X17Analysis

/// The command-line contract of issue #12, checked on one case's outcome; returns the breaches (empty: kept).
///
/// - ok ⇒ χ², every value and error, p-value and Nσ are finite;
/// - invalid fit ⇒ the result lists its problems (Minuit's flags) and prints no NaN;
/// - input error ⇒ it names one of the case's files as displayed, a line that exists in that file and a
///   column inside that line; an injected non-finite data value is blamed on its data file, line, column
///   and field;
/// - any other error type ⇒ breach (the CLI would exit 1 without flags).
public enum ContractCheck {
    /// The contract breaches of `outcome` for `fuzzCase` (files and lines are read from `runner`); empty: kept.
    public static func breaches(of outcome: CaseOutcome, for fuzzCase: FuzzCase, runner: CaseRunner) -> [String] {
        var out: [String] = []
        switch outcome {
        case .ok(let r):
            out += nonFinite(r, checkStatistics: true)
        case .invalidFit(let r):
            if r.problems.isEmpty { out.append("invalid fit without a listed problem") }
            out += nonFinite(r, checkStatistics: false)
        case .otherError(let type, let message):
            out.append("\(type) thrown instead of an InputError or a fit result: \(message)")
        case .inputError(let e):
            out += checkLocation(e, fuzzCase, runner)
        }
        if let injected = fuzzCase.injected {
            let expected = "\(injected.file):\(injected.line):\(injected.column): field '\(injected.field)'"
            if case .inputError(let e) = outcome {
                if e.file != injected.file || e.line != injected.line || e.field != injected.field || e.column != injected.column {
                    out.append("non-finite '\(injected.text)' injected at \(expected) but the error says: \(e.description)")
                }
            } else {
                out.append("non-finite '\(injected.text)' injected at \(expected) was accepted (\(outcome.className))")
            }
        }
        return out
    }

    static func nonFinite(_ r: FitResult, checkStatistics: Bool) -> [String] {
        var out: [String] = []
        if !r.chi2.isFinite { out.append("chi2 printed as \(r.chi2)") }
        for p in r.parameters {
            if !p.value.isFinite { out.append("\(p.name) printed as \(p.value)") }
            if !p.error.isFinite { out.append("\(p.name) error printed as \(p.error)") }
        }
        if checkStatistics {
            if !(r.pvalue?.isFinite ?? false) { out.append("valid fit with p-value \(r.pvalue.map { "\($0)" } ?? "null") (ndof \(r.ndof))") }
            if !(r.nsigma?.isFinite ?? false) { out.append("valid fit with Nsigma \(r.nsigma.map { "\($0)" } ?? "null") (ndof \(r.ndof))") }
        } else {
            if let p = r.pvalue, !p.isFinite { out.append("p-value printed as \(p)") }
            if let n = r.nsigma, !n.isFinite { out.append("Nsigma printed as \(n)") }
        }
        return out
    }

    static func checkLocation(_ e: InputError, _ fuzzCase: FuzzCase, _ runner: CaseRunner) -> [String] {
        let known = Set(runner.corpus.files.keys.map(FuzzCorpus.display))
        guard known.contains(e.file) else {
            return ["input error names '\(e.file)', which is not an input file of the case: \(e.description)"]
        }
        guard let line = e.line else {
            return e.column == nil ? [] : ["input error has a column but no line: \(e.description)"]
        }
        guard let bytes = runner.contents(of: e.file, in: fuzzCase) else {
            return ["input error names line \(line) of '\(e.file)', which is a folder: \(e.description)"]
        }
        let lines = TextLines.split(bytes)
        guard line >= 1, line <= lines.count else {
            return ["input error names line \(line) but '\(e.file)' has \(lines.count) lines: \(e.description)"]
        }
        if let column = e.column {
            let width = TextLines.text(lines[line - 1]).count
            if column < 1 || column > width + 1 {
                return ["input error names column \(column) but line \(line) has \(width) characters: \(e.description)"]
            }
        }
        return []
    }
}
