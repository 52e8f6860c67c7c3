import Foundation

/// An output folder that never costs a user a file.
///
/// A folder is written only where there is none, where an empty one is, or over an earlier x17fit output of
/// the same kind (with `force`), recognised by its manifest `.x17fit-output.json`. The new folder is built
/// aside and renamed into place; the old one is moved aside and only the files its manifest lists, still
/// with the contents x17fit wrote, are deleted. Anything else found there is kept and reported.
public struct OutputFolder: Sendable {
    public let path: String
    public let kind: OutputKind
    public let force: Bool
    /// Recorded in the manifest, e.g. `x17fit 0.1.0`.
    public let generator: String

    public init(path: String, kind: OutputKind, force: Bool, generator: String) {
        self.path = path
        self.kind = kind
        self.force = force
        self.generator = generator
    }

    /// What a write did.
    public struct Written: Sendable {
        /// The files written, in the order given.
        public var files: [URL]
        /// Where the old folder was kept because something appeared in it while x17fit was working (nil
        /// normally).
        public var kept: String?
    }

    private enum State { case missing, empty, previous(OutputManifest) }

    /// Throws unless the folder can be written: call it before any work, so a refusal costs nothing.
    public func check() throws {
        if kind == .shards {
            try shardFolderEntries()
        } else {
            _ = try state()
        }
        try requireWritableFolder(for: parent, shownAs: path)
    }

    /// Writes exactly `files` (and the manifest) as the folder, atomically.
    @discardableResult
    public func write(_ files: [OutputFile]) throws -> Written {
        guard kind != .shards else { throw FileSafetyError(.io, path: path, "is a shard folder: add files one at a time") }
        try validate(files.map(\.path))
        let state = try state()
        try POSIX.createDirectories(parent)
        let tmp = try POSIX.makeTemporary(in: parent, prefix: ".\(name).tmp-", directory: true)
        do {
            var hashes: [String: String] = [:]
            for file in files {
                let target = tmp + "/" + file.path
                try POSIX.createDirectories(URL(fileURLWithPath: target).deletingLastPathComponent().path)
                do { try file.contents.write(to: URL(fileURLWithPath: target)) } catch {
                    throw FileSafetyError(.io, path: path + "/" + file.path, "cannot be written: \(error.localizedDescription)")
                }
                try POSIX.setMode(0o644, target)
                hashes[file.path] = ContentHash.hex(of: file.contents)
            }
            let manifest = OutputManifest(kind: kind, generator: generator, files: hashes)
            let manifestPath = tmp + "/" + OutputManifest.fileName
            try manifest.encoded().write(to: URL(fileURLWithPath: manifestPath))
            try POSIX.setMode(0o644, manifestPath)
            for dir in Self.folders(of: Array(hashes.keys)) { try POSIX.setMode(0o755, tmp + "/" + dir) }
            try POSIX.setMode(0o755, tmp)
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)  // only x17fit's new files are in it
            throw error
        }
        var kept: String?
        switch state {
        case .missing, .empty:
            do { try POSIX.rename(tmp, path) } catch {
                try? FileManager.default.removeItem(atPath: tmp)
                throw FileSafetyError(.refused, path: path, "appeared or changed while x17fit was working; nothing was written")
            }
        case .previous(let old):
            let aside = try POSIX.makeTemporary(in: parent, prefix: ".\(name).old-", directory: true)
            do { try POSIX.rename(path, aside) } catch {
                rmdir(aside)
                try? FileManager.default.removeItem(atPath: tmp)
                throw error
            }
            do { try POSIX.rename(tmp, path) } catch {
                try? POSIX.rename(aside, path)
                try? FileManager.default.removeItem(atPath: tmp)
                throw error
            }
            kept = remove(old, from: aside)
        }
        return Written(files: files.map { URL(fileURLWithPath: path + "/" + $0.path) }, kept: kept)
    }

    /// Adds one file to a shard folder (creating it), replacing only a file of the same name that `isOwn`
    /// recognises as x17fit's. Concurrent writers of different files are safe.
    @discardableResult
    public func add(_ file: OutputFile, isOwn: @escaping @Sendable (_ name: String, _ contents: Data) -> Bool) throws -> URL {
        guard kind == .shards else { throw FileSafetyError(.io, path: path, "is not a shard folder") }
        guard isSafeRelativePath(file.path), !file.path.contains("/"), file.path != OutputManifest.fileName else {
            throw FileSafetyError(.io, path: file.path, "is not a plain file name")
        }
        let hasManifest = try shardFolderEntries(isOwn: isOwn)
        try POSIX.createDirectories(path)
        if !hasManifest {
            let manifest = OutputManifest(kind: .shards, generator: generator, files: [:])
            try AtomicWriter.write(try manifest.encoded(), to: URL(fileURLWithPath: path + "/" + OutputManifest.fileName))
        }
        let target = path + "/" + file.path
        switch POSIX.type(target) {
        case .missing: break
        case .regular:
            guard let data = FileManager.default.contents(atPath: target), isOwn(file.path, data) else {
                throw FileSafetyError(.refused, path: target, "exists and was not written by x17fit; x17fit never overwrites it")
            }
        default: throw FileSafetyError(.refused, path: target, "exists and is not a regular file; x17fit does not replace it")
        }
        try AtomicWriter.write(file.contents, to: URL(fileURLWithPath: target))
        return URL(fileURLWithPath: target)
    }

    // MARK: - Inspection

    private var parent: String { URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path }
    private var name: String { URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent }

    /// Whether the output path is an existing folder (false when nothing is there); throws for anything else.
    private func isExistingFolder() throws -> Bool {
        switch POSIX.type(path) {
        case .missing: return false
        case .regular: throw FileSafetyError(.refused, path: path, "exists and is a file, not a folder")
        case .other: throw FileSafetyError(.refused, path: path, "is a symbolic link or a special file; give a real folder")
        case .directory: return true
        }
    }

    private func state() throws -> State {
        guard try isExistingFolder() else { return .missing }
        if POSIX.entries(path).isEmpty { return .empty }
        guard let manifest = try OutputManifest.read(in: path) else {
            throw FileSafetyError(.refused, path: path, """
                is not empty and holds no x17fit output (no \(OutputManifest.fileName)). x17fit writes only into a new \
                or empty folder, or replaces an earlier output of its own: choose another folder
                """)
        }
        guard manifest.kind == kind else {
            throw FileSafetyError(.refused, path: path,
                                  "holds an x17fit \(manifest.kind.rawValue) output, and this command writes \(kind.rawValue) outputs: choose another folder")
        }
        let (files, others) = walk()
        let expectedFolders = Set(Self.folders(of: Array(manifest.files.keys)))
        let foreign = others.filter { !expectedFolders.contains($0) }
            + files.filter { $0 != OutputManifest.fileName && manifest.files[$0] == nil }
        if !foreign.isEmpty {
            throw FileSafetyError(.refused, path: path, "holds files x17fit did not write (\(Self.list(foreign))); move them out first, or choose another folder")
        }
        let changed = files.filter { f in
            manifest.files[f].map { FileManager.default.contents(atPath: path + "/" + f).map(ContentHash.hex(of:)) != $0 } ?? false
        }
        if !changed.isEmpty {
            throw FileSafetyError(.refused, path: path, "holds x17fit files changed since they were written (\(Self.list(changed))); move them out first, or choose another folder")
        }
        guard force else {
            throw FileSafetyError(.refused, path: path, "holds an earlier x17fit \(kind.rawValue) output: pass --force to replace it")
        }
        return .previous(manifest)
    }

    /// Checks a shard folder's entries (x17fit shard files, its manifest, x17fit output sub-folders, x17fit
    /// temporaries); returns whether the manifest is there.
    @discardableResult
    private func shardFolderEntries(isOwn: (@Sendable (String, Data) -> Bool)? = nil) throws -> Bool {
        guard try isExistingFolder() else { return false }
        let entries = POSIX.entries(path)
        if entries.isEmpty { return false }
        let manifest = try OutputManifest.read(in: path)
        if let manifest, manifest.kind != .shards {
            throw FileSafetyError(.refused, path: path,
                                  "holds an x17fit \(manifest.kind.rawValue) output, not shard files: choose another folder")
        }
        var foreign: [String] = []
        for entry in entries where entry != OutputManifest.fileName {
            let full = path + "/" + entry
            switch POSIX.type(full) {
            case .regular:
                if entry.hasPrefix(".") && entry.contains(".tmp-") { continue }
                guard entry.hasSuffix(".json"), entry.contains(".shard-") else { foreign.append(entry); continue }
                if let isOwn, !(FileManager.default.contents(atPath: full).map { isOwn(entry, $0) } ?? false) {
                    foreign.append(entry)
                }
            case .directory:
                if (try? OutputManifest.read(in: full)) == nil && !(entry.hasPrefix(".") && entry.contains(".tmp-")) {
                    foreign.append(entry + "/")
                }
            default:
                foreign.append(entry)
            }
        }
        if !foreign.isEmpty {
            throw FileSafetyError(.refused, path: path, """
                holds files that are not x17fit shards (\(Self.list(foreign))). Shards go into a new or empty folder, \
                or one that holds only shards: choose another folder
                """)
        }
        return manifest != nil
    }

    /// Every entry under the folder, relative: regular files, and everything else (folders, links, devices).
    private func walk() -> (files: [String], others: [String]) {
        var files: [String] = [], others: [String] = []
        func visit(_ relative: String) {
            for entry in POSIX.entries(relative.isEmpty ? path : path + "/" + relative) {
                let rel = relative.isEmpty ? entry : relative + "/" + entry
                switch POSIX.type(path + "/" + rel) {
                case .regular: files.append(rel)
                case .directory:
                    others.append(rel)
                    visit(rel)
                default: others.append(rel)
                }
            }
        }
        visit("")
        return (files, others)
    }

    /// Deletes from the moved-aside old folder exactly the files its manifest lists (when unchanged), the
    /// manifest and the folders that become empty. Returns where anything left was kept.
    private func remove(_ manifest: OutputManifest, from aside: String) -> String? {
        for (file, hash) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let full = aside + "/" + file
            guard POSIX.type(full) == .regular, FileManager.default.contents(atPath: full).map(ContentHash.hex(of:)) == hash else { continue }
            unlink(full)
        }
        if POSIX.type(aside + "/" + OutputManifest.fileName) == .regular { unlink(aside + "/" + OutputManifest.fileName) }
        for dir in Self.folders(of: Array(manifest.files.keys)).reversed() { rmdir(aside + "/" + dir) }
        if rmdir(aside) == 0 { return nil }
        for k in 1...999 {
            let visible = "\(path).kept-\(k)"
            if POSIX.type(visible) == .missing, (try? POSIX.rename(aside, visible)) != nil { return visible }
        }
        return aside
    }

    // MARK: - Helpers

    private func validate(_ paths: [String]) throws {
        guard Set(paths).count == paths.count else { throw FileSafetyError(.io, path: path, "output file list has duplicate paths") }
        for p in paths where !isSafeRelativePath(p) || p == OutputManifest.fileName {
            throw FileSafetyError(.io, path: p, "is not a relative path inside the output folder")
        }
        let folders = Set(Self.folders(of: paths))
        if let clash = paths.first(where: folders.contains) {
            throw FileSafetyError(.io, path: path + "/" + clash, "would be both a file and a folder")
        }
    }

    /// The folders that `paths` need, parents before children.
    static func folders(of paths: [String]) -> [String] {
        var out: Set<String> = []
        for p in paths {
            var parts = p.split(separator: "/").dropLast()
            while !parts.isEmpty {
                out.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        return out.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }
}
