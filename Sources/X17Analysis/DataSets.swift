/// Which data a fit uses, so that fits are only compared on the same data.
///
/// The data of a fit are its measurement, one-sided-limit and summary rows, each keyed by dataset path, row id
/// and the SHA-256 of the dataset file. Priors and nuisance constraints are not data; external constraints are data
/// for `compare` (``comparisonSets(_:minima:)``) but not for grouping `reproduce`'s tables.
public enum DataSets {
    /// The data rows of a prepared fit, as "dataset#id@sha256-prefix".
    public static func rows(of setup: FitSetup) -> Set<String> {
        let m = setup.model
        let infos = m.dataTerms.map(\.info) + m.limits.map(\.info) + m.summaries.map(\.info)
        return Set(infos.map { "\($0.dataset)#\($0.id)@\(setup.datasetHashes[$0.dataset]?.prefix(12) ?? "?")" })
    }

    /// The data of each fit for `compare`: its rows (``rows(of:)``), its external constraints, and each other
    /// fit's constraint that adds nothing to its χ² at its minimum `minima[i]` (e.g. π⁰ → γX, a bound on ε_p, for an
    /// axial fit): χ² terms are ≥ 0, so adding such a term would leave that fit's χ²_min and minimum as they are.
    public static func comparisonSets(_ setups: [FitSetup], minima: [[Double]]) -> [Set<String>] {
        func key(_ setup: FitSetup, _ info: RowInfo) -> String {
            "\(info.dataset)#\(info.id)@\(setup.datasetHashes[info.dataset]?.prefix(12) ?? "?")"
        }
        return setups.indices.map { i in
            let own = setups[i].model
            var set = rows(of: setups[i]).union(own.constraints.map { key(setups[i], $0.info) })
            let base = own.chi2(minima[i])
            for j in setups.indices where j != i {
                for term in setups[j].model.constraints where !set.contains(key(setups[j], term.info)) {
                    let added = own.withConstraints(own.constraints + [term]).chi2(minima[i])
                    if added == base { set.insert(key(setups[j], term.info)) }
                }
            }
            return set
        }
    }

    /// A label per fit (D1, D2, … in order of first use) and the distinct data sets in label order.
    public static func labels(_ sets: [Set<String>]) -> (labels: [String], distinct: [Set<String>]) {
        var distinct: [Set<String>] = []
        let labels = sets.map { set -> String in
            if let k = distinct.firstIndex(of: set) { return "D\(k + 1)" }
            distinct.append(set)
            return "D\(distinct.count)"
        }
        return (labels, distinct)
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
