import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the writers need, with errors that name the path.
enum POSIX {
    enum EntryType { case missing, directory, regular, other }

    /// The type of `path` itself (a symbolic link is `.other`, never followed).
    static func type(_ path: String) -> EntryType {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    /// A new, uniquely named file or folder `prefix` + six random characters in `dir`.
    static func makeTemporary(in dir: String, prefix: String, directory: Bool) throws -> String {
        var template = Array((dir + "/" + prefix + "XXXXXX").utf8CString)
        let ok: Bool = template.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            if directory { return mkdtemp(base) != nil }
            let fd = mkstemp(base)
            if fd >= 0 { close(fd) }
            return fd >= 0
        }
        guard ok else { throw FileSafetyError(.io, path: dir, "cannot hold a new file: \(errnoText())") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw FileSafetyError(.io, path: to, "cannot be put in place: \(errnoText())")
        }
    }

    static func setMode(_ mode: mode_t, _ path: String) throws {
        guard chmod(path, mode) == 0 else { throw FileSafetyError(.io, path: path, "cannot be made readable: \(errnoText())") }
    }

    static func createDirectories(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw FileSafetyError(.io, path: path, "cannot be created: \(error.localizedDescription)")
        }
    }

    /// Entries of a folder, sorted (not recursive); empty when it cannot be read.
    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
