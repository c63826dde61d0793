import ClauseModel
import ClauseRules
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing a batch run will report on, in output order: a contract to lint, or a file that
/// was found but is skipped (and says why).
public struct BatchItem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A contract file to read, parse and lint.
        case contract
        /// Found while walking but not linted: the diagnostic says why (a warning for binary,
        /// empty or unsupported files found in a folder; an error for a path that cannot be read).
        case skipped(Diagnostic)
    }

    /// The path as reports show it: the command-line argument joined with the path below it.
    public var path: String
    /// The path below the command-line argument it was found under (the file name for a file
    /// named directly). Shards hash it, so a collection splits the same way on every machine
    /// wherever it is mounted.
    public var relativePath: String
    /// Size in bytes when the walk saw it (for progress and throughput).
    public var size: Int
    public var kind: Kind

    public init(path: String, relativePath: String, size: Int, kind: Kind) {
        self.path = path
        self.relativePath = relativePath
        self.size = size
        self.kind = kind
    }
}

/// What to walk and what to leave out.
public struct WalkOptions: Sendable {
    /// File extensions (lower case, without the dot) of the formats clauselint reads.
    public var supportedExtensions: Set<String>
    /// When not empty, only files matching one of these globs are taken (matched against the
    /// path below the argument, the path as shown, and the file name).
    public var include: [String]
    /// Files and folders matching one of these globs are left out, silently. (The
    /// configuration's `exclude` is applied by `LinterCatalog`, which knows each file's
    /// `.clauselint.yml`.)
    public var exclude: [String]

    public init(supportedExtensions: Set<String>, include: [String] = [], exclude: [String] = []) {
        self.supportedExtensions = supportedExtensions
        self.include = include
        self.exclude = exclude
    }
}

/// Expands command-line paths into the sorted list of items a batch run reports on.
///
/// Folders are walked recursively; hidden files and folders (`.git`, `.clauselint.yml`, editor
/// backups) are skipped. Symbolic links are followed, but a folder already on the way down (a
/// link loop) or already walked through another link is not entered twice: folders are known
/// by device and inode, not by name. Nothing here is fatal: a file that cannot be linted
/// becomes a skipped item carrying the reason, so it is counted and shown in every format.
///
/// Written on POSIX `opendir`/`stat` rather than `FileManager`, because we need device and
/// inode numbers for loop detection and one `stat` per entry is all the walk costs.
public struct ContractWalker: Sendable {
    public var options: WalkOptions

    public init(options: WalkOptions) {
        self.options = options
    }

    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Every item under `paths`, sorted by path (byte order), each path once.
    public func walk(_ paths: [String]) -> [BatchItem] {
        var items: [BatchItem] = []
        var visited: [FolderIdentity: String] = [:]
        for argument in paths {
            let display = Self.cleaned(argument)
            var info = stat()
            guard stat(argument, &info) == 0 else {
                let reason = errno == ENOENT ? "no such file or directory" : Self.errnoText(errno)
                items.append(BatchItem(path: display, relativePath: display, size: 0, kind: .skipped(Diagnostic(path: display, message: "cannot read: \(reason)"))))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var stack: [FolderIdentity] = []
                walkFolder(argument, display: display, relative: "", info: info, stack: &stack, visited: &visited, into: &items)
            } else {
                // A file named on the command line is taken unless a glob leaves it out; an
                // unsupported one is an input error (the user asked for it by name).
                let relative = (display as NSString).lastPathComponent
                guard isSelected(relative: relative, display: display) else { continue }
                if let item = classifyFile(display: display, relative: relative, info: info, explicit: true) { items.append(item) }
            }
        }
        items.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var unique: [BatchItem] = []
        unique.reserveCapacity(items.count)
        for item in items where unique.last?.path != item.path { unique.append(item) }
        return unique
    }

    private func walkFolder(_ folder: String, display: String, relative: String, info: stat, stack: inout [FolderIdentity], visited: inout [FolderIdentity: String], into items: inout [BatchItem]) {
        let identity = FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if stack.contains(identity) {
            let target = visited[identity] ?? "an enclosing folder"
            items.append(BatchItem(path: display, relativePath: relative, size: 0, kind: .skipped(Diagnostic(path: display, severity: .warning, message: "skipped: symbolic link loop (leads back to \(target)); not followed"))))
            return
        }
        if let first = visited[identity] {
            items.append(BatchItem(path: display, relativePath: relative, size: 0, kind: .skipped(Diagnostic(path: display, severity: .warning, message: "skipped: same folder as \(first) (reached through a symbolic link); walked once"))))
            return
        }
        visited[identity] = display
        stack.append(identity)
        defer { stack.removeLast() }

        guard let handle = opendir(folder) else {
            items.append(BatchItem(path: display, relativePath: relative, size: 0, kind: .skipped(Diagnostic(path: display, message: "cannot read folder: \(Self.errnoText(errno))"))))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // ".", "..", .git, hidden folders and files
            names.append(name)
        }
        closedir(handle)
        names.sort()

        let folderPrefix = folder.hasSuffix("/") ? folder : folder + "/"
        let displayPrefix = display == "." ? "" : (display.hasSuffix("/") ? display : display + "/")
        for name in names {
            let path = folderPrefix + name
            let childDisplay = displayPrefix + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var childInfo = stat()
            guard stat(path, &childInfo) == 0 else {
                // A dangling symbolic link or a file that vanished during the walk.
                var linkInfo = stat()
                let dangling = lstat(path, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                if isSelected(relative: childRelative, display: childDisplay) {
                    let reason = dangling ? "symbolic link to a missing file" : Self.errnoText(errno)
                    items.append(BatchItem(path: childDisplay, relativePath: childRelative, size: 0, kind: .skipped(Diagnostic(path: childDisplay, severity: .warning, message: "skipped: \(reason)"))))
                }
                continue
            }
            if (childInfo.st_mode & S_IFMT) == S_IFDIR {
                if isExcludedFolder(relative: childRelative, display: childDisplay) { continue }
                walkFolder(path, display: childDisplay, relative: childRelative, info: childInfo, stack: &stack, visited: &visited, into: &items)
            } else if (childInfo.st_mode & S_IFMT) == S_IFREG {
                guard isSelected(relative: childRelative, display: childDisplay) else { continue }
                if let item = classifyFile(display: childDisplay, relative: childRelative, info: childInfo, explicit: false) { items.append(item) }
            }
            // Sockets, pipes and devices are not contracts: ignored.
        }
    }

    /// A contract item, or a skipped one saying why (unsupported extension, empty).
    private func classifyFile(display: String, relative: String, info: stat, explicit: Bool) -> BatchItem? {
        let size = Int(info.st_size)
        let fileExtension = Self.fileExtension(display)
        guard let fileExtension, options.supportedExtensions.contains(fileExtension) else {
            let described = fileExtension.map { "'.\($0)'" } ?? "no extension"
            let known = options.supportedExtensions.sorted().map { "." + $0 }.joined(separator: ", ")
            let diagnostic = Diagnostic(path: display, severity: explicit ? .error : .warning, message: "\(explicit ? "" : "skipped: ")unsupported file type (\(described)); clauselint reads \(known)")
            return BatchItem(path: display, relativePath: relative, size: size, kind: .skipped(diagnostic))
        }
        if size == 0 {
            return BatchItem(path: display, relativePath: relative, size: 0, kind: .skipped(Diagnostic(path: display, severity: .warning, message: "skipped: empty file")))
        }
        return BatchItem(path: display, relativePath: relative, size: size, kind: .contract)
    }

    private func isSelected(relative: String, display: String) -> Bool {
        let name = (display as NSString).lastPathComponent
        if !options.include.isEmpty && !options.include.contains(where: { Self.matches($0, relative: relative, display: display, name: name) }) {
            return false
        }
        return !options.exclude.contains(where: { Self.matches($0, relative: relative, display: display, name: name) })
    }

    /// A folder is pruned when an exclude glob names it (`drafts`) or everything below it (`drafts/**`).
    private func isExcludedFolder(relative: String, display: String) -> Bool {
        let name = (display as NSString).lastPathComponent
        for pattern in options.exclude {
            if Self.matches(pattern, relative: relative, display: display, name: name)
                || Self.matches(pattern, relative: relative + "/", display: display + "/", name: name + "/") {
                return true
            }
        }
        return false
    }

    static func matches(_ pattern: String, relative: String, display: String, name: String) -> Bool {
        Glob.matches(pattern, relative) || Glob.matches(pattern, display) || (!pattern.contains("/") && Glob.matches(pattern, name))
    }

    static func fileExtension(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }

    /// The argument as reports show it: no `./` prefix, no trailing slash.
    static func cleaned(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") && result.count > 2 { result.removeFirst(2) }
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }

    static func errnoText(_ code: Int32) -> String {
        switch code {
        case EACCES: "permission denied"
        case ENOENT: "no such file or directory"
        case ELOOP: "too many levels of symbolic links"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
