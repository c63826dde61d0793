import ClauseModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFormat {
    /// The format a file name's extension stands for: `.txt`/`.text` → text, `.md`/`.markdown`
    /// → markdown, `.xml`/`.akn` → xml, `.htm`/`.html`/`.xhtml` → html; nil for anything else.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "txt", "text": self = .plainText
        case "md", "markdown": self = .markdown
        case "xml", "akn": self = .xml
        case "htm", "html", "xhtml": self = .html
        default: return nil
        }
    }

    /// The extensions `init(path:)` accepts, for messages and folder walking.
    public static let supportedExtensions = ["txt", "text", "md", "markdown", "xml", "akn", "htm", "html", "xhtml"]
}

/// Turns a path into a parsed `Document`, or a `Diagnostic` saying why it cannot.
///
/// The one entry point the CLI and batch stages use: read, decode, detect the format from the
/// extension, parse. Never throws or traps on bad input, so one bad file never stops a run.
public struct DocumentLoader: Sendable {
    public init() {}

    public func load(path: String) -> Result<Document, Diagnostic> {
        guard let format = DocumentFormat(path: path) else {
            return .failure(Diagnostic(path: path, message: "unsupported extension; clauselint reads \(DocumentFormat.supportedExtensions.map { "." + $0 }.joined(separator: ", "))"))
        }
        switch Self.readFile(path) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let bytes): return parse(bytes: bytes, path: path, format: format)
        }
    }

    public func parse(bytes: [UInt8], path: String, format: DocumentFormat) -> Result<Document, Diagnostic> {
        let decoded: DecodedText
        switch TextDecoding.decode(bytes, path: path) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let value): decoded = value
        }
        let lines = LineIndex(bytes: decoded.bytes)
        switch format {
        case .plainText:
            return .success(PlainTextParser().parse(path: path, lines: lines, warnings: decoded.warnings))
        case .markdown:
            return .success(MarkdownContractParser().parse(path: path, lines: lines, warnings: decoded.warnings))
        case .xml:
            return XMLContractParser().parse(path: path, lines: lines, warnings: decoded.warnings)
        case .html:
            return .success(HTMLContractParser().parse(path: path, lines: lines, warnings: decoded.warnings))
        }
    }

    /// Reads a whole file with POSIX calls (straight into `[UInt8]`, no `Data` bridging).
    static func readFile(_ path: String) -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(Diagnostic(path: path, message: errnoMessage(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Diagnostic(path: path, message: errnoMessage(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(Diagnostic(path: path, message: "is a directory, not a contract file"))
        }
        var bytes = [UInt8]()
        var capacity = max(Int(status.st_size), 0) + 1
        var count = 0
        while true {
            if bytes.count < capacity { bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, capacity - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Diagnostic(path: path, message: "cannot read: \(errnoMessage(errno))"))
            }
            if got == 0 { break }
            count += got
            if count == capacity { capacity *= 2 }
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    static func errnoMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied; the file cannot be read"
        case EISDIR: return "is a directory, not a contract file"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
