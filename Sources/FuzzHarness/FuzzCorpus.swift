import Foundation
import X17Analysis

/// The repository files the fuzzer mutates: every `fits/*.toml` and `datasets/**/*.csv`, read once.
public struct FuzzCorpus: Sendable {
    /// One fit spec of the corpus and the CSV files a fit of it reads.
    public struct Spec: Sendable {
        /// Path relative to the corpus root, e.g. `fits/dg2023-vector-none.toml`.
        public let path: String
        /// The CSV files it loads, relative to the corpus root (`datasets/…`), sorted.
        public let csvFiles: [String]
    }

    /// The repository root the files were read from.
    public let root: URL
    /// Relative path → original bytes, for every corpus file.
    public let files: [String: [UInt8]]
    /// Fit specs in name order.
    public let specs: [Spec]
    /// Known string values (dataset paths, row ids, enum values, folders) for TOML string replacement.
    public let knownStrings: [String]

    /// Reads `fits/*.toml` and `datasets/**/*.csv` under `root`.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let fm = FileManager.default
        var files: [String: [UInt8]] = [:]
        let fitNames = try fm.contentsOfDirectory(atPath: self.root.appendingPathComponent("fits").path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        for name in fitNames {
            let rel = "fits/" + name
            files[rel] = Array(try Data(contentsOf: self.root.appendingPathComponent(rel)))
        }
        let datasets = self.root.appendingPathComponent("datasets")
        var csv: [String] = []
        if let walker = fm.enumerator(atPath: datasets.path) {
            for case let rel as String in walker where rel.hasSuffix(".csv") { csv.append("datasets/" + rel) }
        }
        csv.sort()
        for rel in csv { files[rel] = Array(try Data(contentsOf: self.root.appendingPathComponent(rel))) }
        guard !fitNames.isEmpty, !csv.isEmpty else {
            throw InputError(file: self.root.path, "no fits/*.toml or datasets/**/*.csv to fuzz (is this the repository root?)")
        }
        self.files = files

        var specs: [Spec] = []
        var strings: Set<String> = ["vector", "axial", "mixed", "none", "mixing", "mixing-breaking", "dg2023", "ratio",
                                    "", ".", "..", "rates", "nuclear", "priors", "masses", "summaries", "/", "rates/"]
        for name in fitNames {
            let rel = "fits/" + name
            guard let spec = try? FitSpec(text: String(decoding: files[rel]!, as: UTF8.self), file: rel) else { continue }
            var used = Set((spec.datasets + spec.nuclear).map { "datasets/" + $0 })
            if !spec.priors.isEmpty { used.formUnion(csv.filter { $0.hasPrefix("datasets/priors/") }) }
            specs.append(Spec(path: rel, csvFiles: used.filter { files[$0] != nil }.sorted()))
            strings.formUnion(spec.parameters.map(\.name))
        }
        for rel in csv {
            strings.insert(String(rel.dropFirst("datasets/".count)))
            for line in String(decoding: files[rel]!, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
                if let first = line.split(separator: ",").first { strings.insert(String(first)) }
            }
        }
        self.specs = specs
        knownStrings = strings.sorted()
    }

    /// The display name of a corpus path in messages: the path itself (`fits/x.toml`, `datasets/rates/x.csv`).
    public static func display(_ path: String) -> String { path }
}
