import _TestSupport

/// What a case does to one file of the work folder.
public enum FileChange: Sendable, Equatable {
    /// The file holds these bytes.
    case contents([UInt8])
    /// The file is replaced by an (empty) folder of the same name.
    case directory
}

/// One changed file of a case, relative to the corpus root (`fits/x.toml`, `datasets/rates/x.csv`).
public struct FileEdit: Sendable, Equatable {
    /// The repository path (`fits/x.toml`, `datasets/…`).
    public var path: String
    /// What the file becomes.
    public var change: FileChange

    /// An edit of `path`.
    public init(path: String, change: FileChange) {
        self.path = path
        self.change = change
    }
}

/// A non-finite number written into a data field: the loader must name this file, line, column and field.
public struct InjectedNonFinite: Sendable, Equatable {
    /// The data file as displayed.
    public var file: String
    /// 1-based line of the record.
    public var line: Int
    /// 1-based character column where the field starts.
    public var column: Int
    /// The CSV column name.
    public var field: String
    /// The injected text (`nan`, `inf`, `1e999`, …).
    public var text: String
}

/// One generated (or replayed) fuzz case: which spec to fit and which files differ from the corpus.
public struct FuzzCase: Sendable {
    /// Where it came from (`seed:index`), or nil for a regression fixture.
    public var id: CaseID?
    /// The spec to run, relative to the corpus root.
    public var spec: String
    /// The changed files (all others hold the corpus bytes).
    public var edits: [FileEdit]
    /// Human-readable list of the mutations, in order.
    public var mutations: [String]
    /// Set when the case's only mutation put a non-finite number into a data field.
    public var injected: InjectedNonFinite?

    /// A case running `spec` with `edits` applied.
    public init(id: CaseID?, spec: String, edits: [FileEdit], mutations: [String], injected: InjectedNonFinite? = nil) {
        self.id = id
        self.spec = spec
        self.edits = edits
        self.mutations = mutations
        self.injected = injected
    }
}

/// Builds the case of a `seed:index` deterministically from the corpus (no other state is read).
public struct CaseGenerator: Sendable {
    /// The files mutated.
    public let corpus: FuzzCorpus
    /// Whether spec files (TOML) may be mutated (off until the TOML parser no longer aborts on bad input).
    public let mutateTOML: Bool

    /// A generator over `corpus`; `mutateTOML` adds the spec files to the mutated ones.
    public init(corpus: FuzzCorpus, mutateTOML: Bool) {
        self.corpus = corpus
        self.mutateTOML = mutateTOML
    }

    /// The case `id`: a spec, one or two of its files mutated one to three times each.
    public func makeCase(_ id: CaseID) -> FuzzCase {
        var rng = id.generator()
        let spec = rng.pick(corpus.specs)
        var candidates = spec.csvFiles
        if mutateTOML { candidates += [spec.path, spec.path] }  // the spec as often as two data files
        var targets: [String] = []
        if candidates.isEmpty { candidates = [spec.path] }
        targets.append(rng.pick(candidates))
        if rng.chance(0.2) {
            let other = rng.pick(candidates)
            if other != targets[0] { targets.append(other) }
        }
        var edits: [FileEdit] = []
        var notes: [String] = []
        var injections: [InjectedNonFinite?] = []
        for path in targets {
            // A folder where a file is expected: the spec itself, or a dataset it lists.
            if rng.chance(0.015) {
                edits.append(FileEdit(path: path, change: .directory))
                notes.append("\(path): replaced by a folder")
                injections.append(nil)
                continue
            }
            var bytes = corpus.files[path] ?? []
            let isTOML = path.hasSuffix(".toml")
            let count = rng.chance(0.7) ? 1 : 1 + rng.below(3)
            for _ in 0..<count {
                let result: TokenMutations.Result? = rng.chance(0.55)
                    ? (isTOML ? TokenMutations.toml(&bytes, &rng, knownStrings: corpus.knownStrings)
                              : TokenMutations.csv(&bytes, &rng, knownStrings: corpus.knownStrings))
                    : nil
                if let result {
                    notes.append("\(path): \(result.description)")
                    injections.append(result.nonFinite.map {
                        InjectedNonFinite(file: FuzzCorpus.display(path), line: $0.line, column: $0.column, field: $0.field, text: $0.text)
                    })
                } else {
                    notes.append("\(path): " + ByteMutations.apply(&bytes, &rng))
                    injections.append(nil)
                }
            }
            edits.append(FileEdit(path: path, change: .contents(bytes)))
        }
        // The spec path itself a folder: no TOML is parsed, so this runs without the TOML switch too.
        if !mutateTOML && rng.chance(0.005) {
            edits.append(FileEdit(path: spec.path, change: .directory))
            notes.append("\(spec.path): replaced by a folder")
            injections.append(nil)
        }
        let injected = injections.count == 1 ? injections[0] : nil
        return FuzzCase(id: id, spec: spec.path, edits: edits, mutations: notes, injected: injected)
    }
}
