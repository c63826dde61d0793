import ClauseModel
import Foundation

/// `--shard I/N`: one of N deterministic, disjoint shares of a collection, so N machines (or a
/// batch engine's N tasks) can each lint one and concatenate their outputs.
///
/// A file belongs to shard `StableHash(relative path) mod N`, 1-based. The path hashed is the one
/// below the command-line folder, so the split is the same on every machine however the
/// collection is mounted, and does not depend on how many files other shards hold. Every
/// shard still walks the whole tree (cheap next to linting) to know its files.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based: `1...count`.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError("the shard count must be at least 1 (got \(count))") }
        guard (1...count).contains(index) else {
            throw ShardError("shard \(index) is outside 1...\(count) (shards are numbered from 1; with a Kubernetes indexed Job use $((JOB_COMPLETION_INDEX + 1)))")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, e.g. `2/8`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(String(parts[0]).trimmingCharacters(in: .whitespaces)), let count = Int(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw ShardError("'\(text)' is not a shard; write I/N, e.g. 1/4")
        }
        try self.init(index: index, count: count)
    }

    /// Whether the file at `relativePath` belongs to this shard.
    public func contains(relativePath: String) -> Bool {
        Self.shard(of: relativePath, count: count) == index
    }

    /// The 1-based shard a path falls in.
    public static func shard(of relativePath: String, count: Int) -> Int {
        let hash = UInt64(StableHash.hex(relativePath), radix: 16) ?? 0
        return Int(hash % UInt64(count)) + 1
    }

    public var description: String { "\(index)/\(count)" }
}

public struct ShardError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
