import Foundation

/// Stage 1 of ``FitSetup/prepare(spec:datasets:)``: the files a spec names, loaded and checked.
struct LoadedFiles {
    var data: [DatasetFile]
    var nuclear: [DatasetFile]
    var priorFiles: [DatasetFile]
    /// Dataset path → SHA-256, for every file read.
    var hashes: [String: String]

    /// Measurement and nuclear rows, the rows `select` chooses from.
    var measurementRows: [DatasetRow] { (data + nuclear).flatMap(\.rows) }
    /// Every nuclear input row, selected or not.
    var nuclearRows: [NuclearRow] { measurementRows.compactMap { if case .nuclear(let n) = $0 { n } else { nil } } }
}

extension FitSpec {
    /// An error against `key` (in `section`) of this spec, at the key's line.
    func error(_ key: String, section: String? = nil, field: String? = nil, _ message: String,
               unavailable: Bool = false) -> InputError {
        InputError(file: file, line: line(of: key, section: section), field: field ?? key, message, unavailable: unavailable)
    }
}

extension FitSetup {
    /// Loads the datasets, nuclear and prior files of `spec` (each of an allowed kind, not empty) and checks that
    /// ids are unique across them.
    static func loadFiles(spec: FitSpec, loader: DatasetLoader) throws -> LoadedFiles {
        var hashes: [String: String] = [:]
        func load(_ path: String, listedIn key: String, kinds: Set<DatasetKind>) throws -> DatasetFile {
            let url = loader.root.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw spec.error(key, "dataset file '\(path)' not found in \(loader.root.path)")
            }
            guard !isDirectory.boolValue else {
                throw spec.error(key, "'\(path)' is a folder in \(loader.root.path), expected a CSV file")
            }
            let file = try loader.load(path)
            guard kinds.contains(file.kind) else {
                throw spec.error(key, "'\(path)' holds \(file.kind.rawValue) rows, which do not belong under '\(key)'")
            }
            if key != "priors" && file.rows.isEmpty {
                throw InputError(file: file.file, line: file.headerLine,
                    "no data rows: every line after the header is blank or a comment (listed under '\(key)' in \(spec.file))")
            }
            hashes[path] = file.sha256
            return file
        }
        let data = try spec.datasets.map { try load($0, listedIn: "datasets", kinds: [.mass, .angle, .rate, .summary]) }
        let nuclear = try spec.nuclear.map { try load($0, listedIn: "nuclear", kinds: [.nuclear]) }
        let priors = spec.priors.isEmpty ? [] : try loader.files(in: "priors").map {
            try load($0, listedIn: "priors", kinds: [.prior])
        }
        var seen: [String: RowInfo] = [:]
        for row in (data + nuclear + priors).flatMap(\.rows) {
            let info = row.info
            if let first = seen[info.id] {
                throw info.error(field: "id", "duplicate id '\(info.id)' (also in \(first.file):\(first.line))")
            }
            seen[info.id] = info
        }
        return LoadedFiles(data: data, nuclear: nuclear, priorFiles: priors, hashes: hashes)
    }

    /// The rows the fit uses: `select`'s ids plus the default nuclear rows, or without `select` every default
    /// row that is not graded U (and, for ⁴He(20.21), the observable of the spec's He convention).
    static func selectRows(spec: FitSpec, from measurementRows: [DatasetRow]) throws -> [DatasetRow] {
        let selected: [DatasetRow]
        if let select = spec.select {
            let known = Set(measurementRows.map(\.info.id))
            for id in select where !known.contains(id) {
                throw spec.error("select", "unknown id '\(id)' (not in the datasets or nuclear files of this fit)")
            }
            let wanted = Set(select)
            // Nuclear rows with use = default are always in; `select` may add optional ones.
            selected = measurementRows.filter { wanted.contains($0.info.id) || (isNuclear($0) && $0.info.isDefault) }
        } else {
            selected = measurementRows.filter { row in
                // Rows graded U document what is missing; only an explicit `select` can (wrongly) pick them.
                guard row.info.isDefault, row.info.grade != .notRetrieved else { return false }
                if case .rate(let r) = row, r.transition == .he4_20_21 {
                    return r.observable == (spec.heConvention == .dg2023 ? .gammaX_eV : .bxE0)
                }
                return true
            }
        }
        for row in selected {
            if case .unavailable(let info) = row {
                throw info.error(field: "grade", "row '\(info.id)' is graded U (not retrieved) and cannot be used by a fit")
            }
        }
        return selected
    }
}
