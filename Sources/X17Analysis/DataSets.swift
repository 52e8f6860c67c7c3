/// Which data a fit uses, so that fits are only compared on the same data.
///
/// The data of a fit are its measurement, one-sided-limit and summary rows, each keyed by dataset path, row id
/// and the SHA-256 of the dataset file. Priors and nuisance constraints are not data; external constraints are data
/// for `compare` (``difference(_:_:minima:)``) but not for grouping `reproduce`'s tables.
public enum DataSets {
    /// The data rows of a prepared fit, as "dataset#id@sha256-prefix".
    public static func rows(of setup: FitSetup) -> Set<String> {
        let m = setup.model
        let infos = m.dataTerms.map(\.info) + m.limits.map(\.info) + m.summaries.map(\.info)
        return Set(infos.map { key(setup, $0) })
    }

    /// The key of a row or constraint of `setup`: "dataset#id@sha256-prefix".
    public static func key(_ setup: FitSetup, _ info: RowInfo) -> String {
        "\(info.dataset)#\(info.id)@\(setup.datasetHashes[info.dataset]?.prefix(12) ?? "?")"
    }

    /// The data of a fit for `compare`: its rows (``rows(of:)``) and its own external constraints.
    public static func comparisonData(of setup: FitSetup) -> Set<String> {
        rows(of: setup).union(setup.model.constraints.map { key(setup, $0.info) })
    }

    /// Whether `term` adds nothing to `setup`'s χ² at `x` (its minimum): then adding it would leave that fit's
    /// χ²_min and minimum as they are (χ² terms are ≥ 0), e.g. π⁰ → γX, a bound on ε_p, for an axial fit.
    static func vanishes(_ term: ConstraintTerm, in setup: FitSetup, at x: [Double]) -> Bool {
        guard let p = try? setup.model.point(x),
              let q = try? term.quantity.value(at: setup.model.constraintPoint(x, br: p.br)) else { return false }
        return term.chi2(q) == 0
    }

    /// What A has that B has not, and what B has that A has not, as data for `compare` (`minima`: their best
    /// fits): rows, and external constraints one fit lacks unless the term vanishes at that fit's minimum. Both
    /// empty means the two fits can be compared.
    public static func difference(_ a: FitSetup, _ b: FitSetup, minima: (a: [Double], b: [Double]))
        -> (onlyA: Set<String>, onlyB: Set<String>) {
        func only(_ s: FitSetup, _ other: FitSetup, otherMinimum: [Double]) -> Set<String> {
            let have = comparisonData(of: other)
            var keys = rows(of: s).subtracting(have)
            for term in s.model.constraints where !have.contains(key(s, term.info)) {
                if !vanishes(term, in: other, at: otherMinimum) { keys.insert(key(s, term.info)) }
            }
            return keys
        }
        return (only(a, b, otherMinimum: minima.b), only(b, a, otherMinimum: minima.a))
    }

    /// A label per fit (D1, D2, … in order of first use) for `compare`: a fit takes the label of the first earlier
    /// fit it can be compared with (``difference(_:_:minima:)`` empty), else a new one; `first[k]` is the first fit
    /// of label D(k+1).
    public static func comparisonLabels(_ setups: [FitSetup], minima: [[Double]]) -> (labels: [String], first: [Int]) {
        firstUseLabels(count: setups.count) { j, i in
            let d = difference(setups[j], setups[i], minima: (minima[j], minima[i]))
            return d.onlyA.isEmpty && d.onlyB.isEmpty
        }
    }

    /// A label per fit (D1, D2, … in order of first use) and the distinct data sets in label order.
    public static func labels(_ sets: [Set<String>]) -> (labels: [String], distinct: [Set<String>]) {
        let (labels, first) = firstUseLabels(count: sets.count) { sets[$0] == sets[$1] }
        return (labels, first.map { sets[$0] })
    }

    /// Labels D1, D2, … for items 0..<count: item i takes the label of the first earlier label's first item j
    /// with `same(j, i)`, else a new one; `first[k]` is the first item of label D(k+1).
    static func firstUseLabels(count: Int, same: (_ j: Int, _ i: Int) -> Bool) -> (labels: [String], first: [Int]) {
        var first: [Int] = []
        let labels = (0..<count).map { i -> String in
            if let k = first.firstIndex(where: { same($0, i) }) { return "D\(k + 1)" }
            first.append(i)
            return "D\(first.count)"
        }
        return (labels, first)
    }

    /// "dataset row id" for each row, sorted (the hash left out).
    public static func names(_ rows: Set<String>) -> [String] {
        rows.sorted().map { String($0.prefix { $0 != "@" }).replacingOccurrences(of: "#", with: " row ") }
    }

    /// The `names` joined by commas, at most `limit` named.
    public static func describe(_ rows: Set<String>, limit: Int = .max) -> String {
        let list = names(rows)
        guard !list.isEmpty else { return "nothing" }
        return list.prefix(limit).joined(separator: ", ") + (list.count > limit ? " and \(list.count - limit) more" : "")
    }

    /// "file: id, id; file: id" — the rows grouped by dataset file, files and ids sorted.
    public static func byFile(_ rows: Set<String>) -> String {
        var ids: [String: [String]] = [:]
        for key in rows {
            let parts = key.prefix { $0 != "@" }.split(separator: "#", maxSplits: 1).map(String.init)
            ids[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        guard !ids.isEmpty else { return "no data rows" }
        return ids.keys.sorted().map { "\($0): " + ids[$0]!.sorted().joined(separator: ", ") }.joined(separator: "; ")
    }
}
