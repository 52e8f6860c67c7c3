import FileSafety
import Foundation
import X17Analysis

/// The generator recorded in output manifests and JSON files.
let generatorName = "x17fit \(x17fitVersion)"

/// Runs `body`, turning a refused or failed write into bad input (exit 2) that names `option`.
func namingOption<T>(_ option: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as FileSafetyError {
        throw InputError(file: "command line", field: option, error.description)
    }
}

/// The output folder `path` of `kind`, checked before any work (exit 2 naming `option` when refused).
func checkedOutputFolder(_ path: String, kind: OutputKind, force: Bool, option: String = "--out") throws -> OutputFolder {
    let folder = OutputFolder(path: path, kind: kind, force: force, generator: generatorName)
    try namingOption(option) { try folder.check() }
    return folder
}

/// Writes `files` as `folder`, atomically; warns when something a user put there was kept aside.
@discardableResult
func write(_ files: [OutputFile], to folder: OutputFolder, option: String = "--out") throws -> [URL] {
    let written = try namingOption(option) { try folder.write(files) }
    if let kept = written.kept {
        FileHandle.standardError.write(Data("warning: files that appeared in '\(folder.path)' while x17fit was working were kept in '\(kept)'\n".utf8))
    }
    return written.files
}

/// The single output file `path` (e.g. `--json`), checked before any work: it may replace only a JSON file
/// x17fit wrote.
func checkedOutputFile(_ path: String, option: String) throws -> OutputFilePolicy {
    let policy = OutputFilePolicy(path: path, isOwn: isX17fitJSON)
    try namingOption(option) { try policy.check() }
    return policy
}

/// Writes `data` through `policy`, atomically.
func write(_ data: Data, to policy: OutputFilePolicy, option: String) throws {
    try namingOption(option) { try policy.write(data) }
}

/// Whether `data` is a JSON document x17fit wrote: a fit result (`provenance.x17fit`), a report of several
/// (`fits[0].provenance.x17fit`), or a file that names x17fit as its `generator` or `format`.
func isX17fitJSON(_ data: Data) -> Bool {
    guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
    func fromX17fit(_ o: [String: Any]) -> Bool {
        if let g = o["generator"] as? String, g.hasPrefix("x17fit") { return true }
        if let f = o["format"] as? String, f.hasPrefix("x17fit") { return true }
        return (o["provenance"] as? [String: Any])?["x17fit"] is String
    }
    if fromX17fit(object) { return true }
    if let fits = object["fits"] as? [[String: Any]], let first = fits.first { return fromX17fit(first) }
    return false
}

/// Where `--json` goes: a file (checked before any work) or standard output (`--json -`), which then
/// carries the JSON alone while the report goes to standard error.
enum JSONDestination {
    case file(OutputFilePolicy)
    case standardOutput

    static func checked(_ path: String?, option: String = "--json") throws -> JSONDestination? {
        guard let path else { return nil }
        return path == "-" ? .standardOutput : .file(try checkedOutputFile(path, option: option))
    }

    func write(_ data: Data, option: String = "--json") throws {
        switch self {
        case .file(let policy): try x17fit.write(data, to: policy, option: option)
        case .standardOutput: FileHandle.standardOutput.write(data)
        }
    }
}

/// Prints a line of the human-readable report: on standard output, or on standard error when standard
/// output carries JSON (`--json -`).
func say(_ text: String, jsonOnStdout: Bool) {
    if jsonOnStdout {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    } else {
        print(text)
    }
}
