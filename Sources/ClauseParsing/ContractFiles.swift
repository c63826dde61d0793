import ClauseModel
import Foundation

/// Expands command-line paths into the contract files to process.
///
/// Files named explicitly are taken as given (and reported if their extension is not one
/// clauselint reads); folders are walked recursively for supported extensions, skipping hidden
/// files and folders. Results are sorted so every run processes files in the same order.
public struct ContractFiles {
    public static func collect(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(path: path, message: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                if DocumentFormat(path: path) == nil {
                    diagnostics.append(Diagnostic(path: path, message: "unsupported extension; clauselint reads \(DocumentFormat.supportedExtensions.map { "." + $0 }.joined(separator: ", "))"))
                } else {
                    files.append(path)
                }
                continue
            }
            var found: [String] = []
            walk(path, manager: manager, into: &found, diagnostics: &diagnostics)
            files.append(contentsOf: found.sorted())
        }
        return (files, diagnostics)
    }

    private static func walk(_ folder: String, manager: FileManager, into found: inout [String], diagnostics: inout [Diagnostic]) {
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: folder)
        } catch {
            diagnostics.append(Diagnostic(path: folder, message: "cannot read directory: permission denied or unreadable"))
            return
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = prefix + entry
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                // Symbolic links to folders are not followed: they can loop back to a parent.
                let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                if type == .typeSymbolicLink { continue }
                walk(path, manager: manager, into: &found, diagnostics: &diagnostics)
            } else if DocumentFormat(path: path) != nil {
                found.append(path)
            }
        }
    }
}
