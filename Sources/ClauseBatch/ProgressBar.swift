import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The progress line on a terminal's stderr: files done/total, MB/s and the time left, redrawn at
/// most ten times a second and erased when the run ends.
///
/// Only when stderr is a terminal (`isatty`): piped or redirected stderr (CI logs, files) gets
/// nothing, so logs never fill with carriage returns.
public struct ProgressBar: Sendable {
    public let isEnabled: Bool
    public let totalFiles: Int
    public let totalBytes: Int
    private let start: Date
    private var lastDraw: Date = .distantPast
    private var drawn = false
    private let width = 24

    public init(totalFiles: Int, totalBytes: Int, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.isEnabled = enabled
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.start = Date()
    }

    /// Redraws (throttled) after a file finishes.
    public mutating func update(doneFiles: Int, doneBytes: Int, now: Date = Date()) {
        guard isEnabled, now.timeIntervalSince(lastDraw) >= 0.1 || doneFiles == totalFiles else { return }
        lastDraw = now
        drawn = true
        Self.writeToStandardError("\r" + line(doneFiles: doneFiles, doneBytes: doneBytes, elapsed: now.timeIntervalSince(start)) + "\u{1B}[K")
    }

    /// Erases the line, leaving the terminal as it was.
    public mutating func clear() {
        guard isEnabled, drawn else { return }
        drawn = false
        Self.writeToStandardError("\r\u{1B}[K")
    }

    /// `[#########---------------]  120/332 files  35.2 MB/s  ETA 3s`
    public func line(doneFiles: Int, doneBytes: Int, elapsed: TimeInterval) -> String {
        let fraction = totalBytes > 0 ? min(1, Double(doneBytes) / Double(totalBytes)) : (totalFiles > 0 ? Double(doneFiles) / Double(totalFiles) : 1)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = elapsed > 0 ? Double(doneBytes) / 1_000_000 / elapsed : 0
        var text = "[\(bar)] \(doneFiles)/\(totalFiles) files  " + String(format: "%.1f MB/s", rate)
        // The first files finish after the rules are compiled: no ETA until the rate means something.
        if fraction >= 0.02, fraction < 1, elapsed > 0.2 {
            let remaining = elapsed / fraction - elapsed
            text += "  ETA " + Self.duration(remaining)
        }
        return text
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", whole / 60 % 60))m"
    }

    private static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
