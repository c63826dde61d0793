import ClauseModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report is written while the run streams it: standard output, or a file that appears
/// only when the report is complete.
///
/// For `--output FILE` the report goes to a temporary file in the same folder (so the final
/// `rename` is atomic: same file system) and is renamed over FILE by `commit()`. A run that fails
/// or is interrupted calls `discard()` (or dies), and FILE keeps its previous content or stays
/// absent: a reader never sees half a report. Writes are buffered and go straight to the file
/// descriptor, so memory does not grow with the report.
///
/// A class because it owns a file descriptor; it is used from one task only.
public final class ReportOutput {
    public enum Target: Sendable, Equatable {
        case standardOutput
        case file(String)
    }

    public let target: Target
    /// The temporary file while writing to `.file` (nil once committed or discarded).
    public private(set) var temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    public private(set) var bytesWritten = 0

    /// Opens the target. For a file, creates the temporary file next to it; a folder that does
    /// not exist or cannot be written is an error here, before any linting.
    public init(_ target: Target) throws {
        self.target = target
        switch target {
        case .standardOutput:
            descriptor = STDOUT_FILENO
        case .file(let path):
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".tmp-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw Diagnostic(path: path, message: "cannot create the output file: \(String(cString: strerror(errno)).lowercased())")
            }
            descriptor = fd
            temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            // mkstemp creates 0600; a report is an ordinary file (0644 less the umask).
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
    }

    deinit {
        if temporaryPath != nil { discard() }
    }

    public func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= bufferLimit { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                POSIXCalls.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno)).lowercased()
                buffer.removeAll(keepingCapacity: true)
                throw Diagnostic(path: describedPath, message: "cannot write the report: \(reason)")
            }
            offset += written
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a file, syncs and renames the temporary file over the target.
    public func commit() throws {
        try flush()
        guard case .file(let path) = target, let temporaryPath else { return }
        if fsync(descriptor) != 0 {
            let reason = String(cString: strerror(errno)).lowercased()
            discard()
            throw Diagnostic(path: path, message: "cannot write the report: \(reason)")
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno)).lowercased()
            unlink(temporaryPath)
            self.temporaryPath = nil
            throw Diagnostic(path: path, message: "cannot move the report into place: \(reason)")
        }
        self.temporaryPath = nil
    }

    /// Drops a file report that will not be completed: the target is left as it was.
    public func discard() {
        buffer.removeAll()
        guard let temporaryPath else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        self.temporaryPath = nil
    }

    private var describedPath: String {
        if case .file(let path) = target { return path }
        return "<stdout>"
    }
}

/// Writes `data` to `path` atomically (temporary file in the same folder, then rename): for
/// small files written at the end of a run, such as a baseline.
public func writeAtomically(_ data: Data, to path: String) throws {
    let output = try ReportOutput(.file(path))
    do {
        try output.write(String(decoding: data, as: UTF8.self))
        try output.commit()
    } catch {
        output.discard()
        throw error
    }
}
