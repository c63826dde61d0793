import Foundation

extension RuleSet {
    /// Where the default rules are: `explicit` (`--rules-root`), else `$CLAUSELINT_RULES`, else
    /// a repository's `Rules/` found walking up from the executable (a SwiftPM build lives in
    /// `.build/<triple>/<config>/`), else walking up from the current directory. So
    /// `swift run clauselint rules` works from the repository root and from its sub-folders.
    public static func defaultRulesDirectory(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let explicit { return explicit }
        if let fromEnvironment = environment["CLAUSELINT_RULES"], !fromEnvironment.isEmpty { return fromEnvironment }
        var starts: [String] = []
        if let executablePath {
            let resolved = (executablePath as NSString).resolvingSymlinksInPath
            starts.append((resolved as NSString).deletingLastPathComponent)
        }
        starts.append(currentDirectory)
        for start in starts {
            var directory = start
            while true {
                let candidate = (directory as NSString).appendingPathComponent("Rules")
                if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent(categoriesFileName)) {
                    return candidate
                }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        return nil
    }
}
