import Foundation
import Statistics
import X17Analysis

/// A shard file read from a shard folder: its path and decoded contents.
struct ReadShard<File: Decodable> {
    var path: String
    var file: File
    var shard: Shard
}

/// Reads the shard files `names` in `dir` as `File` (`what` names the kind in errors), and checks they form one
/// complete set: every shard i of the same K exactly once. Returns them in shard order.
func readShardSet<File: Decodable>(_ names: [String], in dir: String, as what: String, decoder: JSONDecoder = JSONDecoder(),
                                   shard: (File) -> String) throws -> [ReadShard<File>] {
    var out: [ReadShard<File>] = []
    for name in names {
        let path = dir + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
        let file: File
        do { file = try decoder.decode(File.self, from: data) } catch {
            throw InputError(file: path, "not an x17fit \(what) shard file: \(error)")
        }
        let s: Shard
        do { s = try Shard(parsing: shard(file)) } catch { throw InputError(file: path, field: "shard", "\(error)") }
        if let first = out.first, first.shard.count != s.count {
            throw InputError(file: path, field: "shard", "is one of \(s.count) shards, \(first.path) one of \(first.shard.count)")
        }
        if let other = out.first(where: { $0.shard.index == s.index }) {
            throw InputError(file: path, field: "shard", "shard \(s) also in \(other.path)")
        }
        out.append(ReadShard(path: path, file: file, shard: s))
    }
    let count = out[0].shard.count
    let missing = (0..<count).filter { i in !out.contains { $0.shard.index == i } }
    guard missing.isEmpty else {
        throw InputError(file: dir, field: "shards", "missing shard(s) \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) of the \(what)")
    }
    return out.sorted { $0.shard.index < $1.shard.index }
}

/// Throws, naming `field` and both files, unless `a` and `b` encode to the same sorted-key JSON.
func requireSame<T: Encodable>(_ a: T, _ b: T, field: String, path: String, firstPath: String) throws {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard (try? e.encode(a)) == (try? e.encode(b)) else {
        throw InputError(file: path, field: field, "differs from \(firstPath): shards of different runs")
    }
}
