import Foundation

/// Writes one file so that readers never see it half-written: a temporary sibling, then `rename(2)`.
public enum AtomicWriter {
    /// Writes `data` to `url` (mode 0644), replacing whatever file is there.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent().path
        let tmp = try POSIX.makeTemporary(in: dir, prefix: ".\(url.lastPathComponent).tmp-", directory: false)
        do {
            do { try data.write(to: URL(fileURLWithPath: tmp)) } catch {
                throw FileSafetyError(.io, path: url.path, "cannot be written: \(error.localizedDescription)")
            }
            try POSIX.setMode(0o644, tmp)
            try POSIX.rename(tmp, url.path)
        } catch {
            unlink(tmp)
            throw error
        }
    }
}

/// A single output file (`--json FILE`): written only where nothing is, or over a file that x17fit wrote
/// (told apart by `isOwn`, which reads the existing contents), never over anything else.
public struct OutputFilePolicy: Sendable {
    public let path: String
    private let isOwn: @Sendable (Data) -> Bool

    public init(path: String, isOwn: @escaping @Sendable (Data) -> Bool) {
        self.path = path
        self.isOwn = isOwn
    }

    /// Throws unless the file can be written: call it before any work, so a refusal costs nothing.
    public func check() throws {
        let url = URL(fileURLWithPath: path)
        switch POSIX.type(url.path) {
        case .missing: break
        case .directory: throw FileSafetyError(.refused, path: path, "is a folder, not a file")
        case .other: throw FileSafetyError(.refused, path: path, "is not a regular file (a link or a device); x17fit does not replace it")
        case .regular:
            guard let data = FileManager.default.contents(atPath: url.path), isOwn(data) else {
                throw FileSafetyError(.refused, path: path,
                                      "exists and was not written by x17fit; x17fit never overwrites it (remove it or choose another name)")
            }
        }
        try requireWritableFolder(for: url.deletingLastPathComponent().path, shownAs: path)
    }

    /// Checks again, creates missing parent folders and writes `data` atomically.
    public func write(_ data: Data) throws {
        try check()
        let url = URL(fileURLWithPath: path)
        try POSIX.createDirectories(url.deletingLastPathComponent().path)
        try AtomicWriter.write(data, to: url)
    }
}

/// Throws unless `folder`, or its nearest existing ancestor, is a folder that accepts new entries (probed by
/// creating and removing a temporary folder).
func requireWritableFolder(for folder: String, shownAs shown: String) throws {
    var url = URL(fileURLWithPath: folder).standardizedFileURL
    while POSIX.type(url.path) == .missing, url.path != "/" { url = url.deletingLastPathComponent() }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw FileSafetyError(.io, path: shown, "cannot be created: '\(url.path)' is not a folder")
    }
    do {
        rmdir(try POSIX.makeTemporary(in: url.path, prefix: ".x17fit-probe-", directory: true))
    } catch {
        throw FileSafetyError(.io, path: shown, "cannot be created: '\(url.path)' is not writable (\(POSIX.errnoText()))")
    }
}
