import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file to write, with its path relative to an output folder (may contain `/`).
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Writes files and folders so that readers never see them half-written: everything goes to a
/// temporary sibling first and is renamed into place.
public enum AtomicWriter {
    /// Writes `data` to `url` via a temporary file in the same folder and `rename(2)`.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = try makeTemporary(in: dir, prefix: ".\(url.lastPathComponent).tmp-", directory: false)
        do {
            try data.write(to: tmp)
            try setMode(0o644, tmp)
            try rename(tmp, url)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Builds the folder `url` holding exactly `files` in a temporary sibling and renames it into
    /// place, replacing an existing folder (moved aside first, restored if the final rename fails,
    /// deleted afterwards). Returns the written files' URLs in the order given.
    @discardableResult
    public static func writeDirectory(_ files: [OutputFile], to url: URL) throws -> [URL] {
        let paths = files.map(\.path)
        guard Set(paths).count == paths.count else {
            throw ExportError.invalidInput(quantity: "output file list", reason: "duplicate paths")
        }
        for p in paths where p.isEmpty || p.hasPrefix("/") || p.split(separator: "/").contains("..") {
            throw ExportError.invalidInput(quantity: "output file path '\(p)'", reason: "must be relative, without '..'")
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: url.path, isDirectory: &isDir)
        if exists, !isDir.boolValue {
            throw ExportError.io(path: url.path, operation: "replace", reason: "exists and is not a folder")
        }
        let parent = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw ExportError.io(path: parent.path, operation: "create folder", reason: error.localizedDescription)
        }
        let tmp = try makeTemporary(in: parent, prefix: ".\(url.lastPathComponent).tmp-", directory: true)
        do {
            for file in files {
                let target = tmp.appendingPathComponent(file.path)
                let folder = target.deletingLastPathComponent()
                do {
                    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                    try file.contents.write(to: target)
                } catch {
                    throw ExportError.io(path: url.appendingPathComponent(file.path).path, operation: "write",
                                         reason: error.localizedDescription)
                }
                try setMode(0o644, target)
            }
            try setModeRecursively(tmp)
            if exists {
                let old = try makeTemporary(in: parent, prefix: ".\(url.lastPathComponent).old-", directory: true)
                try rename(url, old)  // rename(2) replaces the empty placeholder folder
                do {
                    try rename(tmp, url)
                } catch {
                    try? rename(old, url)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try rename(tmp, url)
            }
        } catch {
            try? fm.removeItem(at: tmp)
            throw error
        }
        return files.map { url.appendingPathComponent($0.path) }
    }

    private static func makeTemporary(in dir: URL, prefix: String, directory: Bool) throws -> URL {
        var template = Array(dir.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        let ok: Bool = template.withUnsafeMutableBufferPointer { buf in
            if directory { return mkdtemp(buf.baseAddress!) != nil }
            let fd = mkstemp(buf.baseAddress!)
            if fd >= 0 { close(fd) }
            return fd >= 0
        }
        guard ok else {
            throw ExportError.io(path: dir.path, operation: "create a temporary file in", reason: errnoText())
        }
        let bytes = template.prefix { $0 != 0 }.map { UInt8(truncatingIfNeeded: $0) }
        return URL(fileURLWithPath: String(decoding: bytes, as: UTF8.self))
    }

    private static func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw ExportError.io(path: to.path, operation: "rename '\(from.lastPathComponent)' to", reason: errnoText())
        }
    }

    private static func setMode(_ mode: mode_t, _ url: URL) throws {
        guard chmod(url.path, mode) == 0 else {
            throw ExportError.io(path: url.path, operation: "set permissions of", reason: errnoText())
        }
    }

    /// Folders made by `mkdtemp` are 0700; make the tree 0755 like an ordinary output folder.
    private static func setModeRecursively(_ root: URL) throws {
        try setMode(0o755, root)
        let keys: [URLResourceKey] = [.isDirectoryKey]
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return }
        for case let u as URL in e where (try? u.resourceValues(forKeys: Set(keys)).isDirectory) == true {
            try setMode(0o755, u)
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
