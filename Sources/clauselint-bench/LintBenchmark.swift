import ArgumentParser
import ClauseRules
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `clauselint-bench lint`: end-to-end `clauselint lint` on the CUAD dev corpus (release binary,
/// as a subprocess, JSON report to a file) next to the speed limit of a plain lexicon scan
/// (`rg -c -i -w -f TERMS` with the vague terms of Rules/) and a popular prose linter
/// (`proselint`), in one run, with ratios; and, with `--repeat N`, the same on the corpus
/// repeated N times, to show how time and memory grow.
///
/// Peak memory is each child's own maximum resident set size (through `/usr/bin/time -f %M`),
/// so the figure is the linter's, not this harness's.
struct LintBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Time and peak memory of `clauselint lint` on CUAD vs. ripgrep's lexicon scan and proselint."
    )

    @Option(help: "The contracts folder (default: ../shared/corpora/cuad-dev/contracts, looked for from the current folder upwards).")
    var corpus: String?

    @Option(help: "The clauselint binary (default: the one next to this benchmark, i.e. the same build).")
    var clauselint: String?

    @Option(help: "Also run on the corpus repeated N times (hard links in a temporary folder); 1 = no.")
    var `repeat`: Int = 1

    @Option(help: "Runs of each measurement; the fastest wall time and the largest peak memory are reported.")
    var runs: Int = 3

    @Option(name: .customLong("proselint-sample"), help: "Run proselint on this many files (spread over the corpus) and extrapolate per MB; 0 = the whole corpus.")
    var proselintSample: Int = 12

    @Flag(name: .customLong("no-proselint"), help: "Do not run proselint.")
    var noProselint = false

    @Option(help: "Worker count passed to clauselint --jobs (default: clauselint's own, the number of cores).")
    var jobs: Int?

    func run() throws {
        let corpusFolder = try corpus ?? Self.findCorpus()
        let binary = try clauselint ?? Self.siblingBinary("clauselint")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpusFolder).filter { $0.hasSuffix(".txt") }.sorted().map { corpusFolder + "/" + $0 }
        let bytes = files.reduce(0) { $0 + Self.size($1) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        let terms = try Self.lexiconTerms()
        let termsFile = work + "/terms.txt"
        try (terms.joined(separator: "\n") + "\n").write(toFile: termsFile, atomically: true, encoding: .utf8)

        print("corpus: \(corpusFolder)")
        print("        \(files.count) files, \(Self.megabytes(bytes)) MB; \(ProcessInfo.processInfo.activeProcessorCount) cores; best of \(runs) runs")
        print("clauselint: \(binary)")
        print("lexicon: \(terms.count) vague terms from the lexicon rules of Rules/ (\(termsFile))")
        print("")

        var rows: [Row] = []
        let base = try measureSet(label: "1×", folder: corpusFolder, files: files, bytes: bytes, termsFile: termsFile, work: work)
        rows += base.rows

        var proselintRow: Row?
        if !noProselint, let proselint = Self.which("proselint") {
            proselintRow = try measureProselint(proselint, files: files, totalBytes: bytes, work: work)
            if let proselintRow { rows.append(proselintRow) }
        } else if !noProselint {
            print("proselint: not installed (pip install proselint); skipped")
        }

        var repeated: (rows: [Row], clauselint: Row, ripgrep: Row?)?
        if `repeat` > 1 {
            let folder = work + "/repeated"
            var repeatedFiles: [String] = []
            for copy in 1...`repeat` {
                let target = folder + "/copy-\(copy)"
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
                for file in files {
                    let destination = target + "/" + (file as NSString).lastPathComponent
                    if link(file, destination) != 0 { try FileManager.default.copyItem(atPath: file, toPath: destination) }
                    repeatedFiles.append(destination)
                }
            }
            repeated = try measureSet(label: "\(`repeat`)×", folder: folder, files: repeatedFiles, bytes: bytes * `repeat`, termsFile: termsFile, work: work)
            rows += repeated!.rows
        }

        print(Row.header)
        for row in rows { print(row.line) }
        print("")
        print("ratios")
        if let rg = base.ripgrep {
            print(String(format: "  clauselint / rg time:        %.2f×   (target ≤ 3×)", base.clauselint.seconds / rg.seconds))
            print(String(format: "  clauselint / rg CPU time:    %.2f×   (both use every core; less sensitive to other load)", base.clauselint.cpuSeconds / rg.cpuSeconds))
        }
        if let proselintRow {
            print(String(format: "  proselint / clauselint time: %.0f×   (target ≥ 1000×)%@", proselintRow.seconds / base.clauselint.seconds, proselintRow.label.contains("extrapolated") ? " — proselint time extrapolated per MB from a sample" : ""))
        }
        print(String(format: "  clauselint peak memory:      %.1f MB   (target < 150 MB)", base.clauselint.peakMB))
        if let repeated {
            let timeRatio = repeated.clauselint.seconds / base.clauselint.seconds
            let memoryRatio = repeated.clauselint.peakMB / base.clauselint.peakMB
            print(String(format: "  %d× corpus / 1× time:         %.2f×   (linear: %d×)", `repeat`, timeRatio, `repeat`))
            print(String(format: "  %d× corpus / 1× peak memory:  %.2f×   (target: within 1.20×)", `repeat`, memoryRatio))
            if let rg4 = repeated.ripgrep {
                print(String(format: "  %d× clauselint / rg time:     %.2f×", `repeat`, repeated.clauselint.seconds / rg4.seconds))
            }
        }
    }

    struct Row {
        var label: String
        var seconds: Double
        var cpuSeconds: Double
        var bytes: Int
        var peakKB: Int
        var peakMB: Double { Double(peakKB) / 1024 }

        static let header = "what                                            wall s      MB/s     cpu s   peak RSS MB"
        var line: String {
            let padded = label.count < 46 ? label + String(repeating: " ", count: 46 - label.count) : label
            return padded + String(format: "  %8.3f  %8.1f  %8.3f  %12.1f", seconds, Double(bytes) / 1_000_000 / seconds, cpuSeconds, peakMB)
        }
    }

    private func measureSet(label: String, folder: String, files: [String], bytes: Int, termsFile: String, work: String) throws -> (rows: [Row], clauselint: Row, ripgrep: Row?) {
        var arguments = ["lint", folder, "--format", "json", "--output", work + "/report.json", "--no-progress"]
        if let jobs { arguments += ["--jobs", String(jobs)] }
        let lint = try best(of: runs) { try Self.spawn(try clauselint ?? Self.siblingBinary("clauselint"), arguments, allowedStatus: [0, 1, 3]) }
        let reportSize = Self.size(work + "/report.json")
        var rows = [Row(label: "clauselint lint --format json (\(label))", seconds: lint.seconds, cpuSeconds: lint.cpuSeconds, bytes: bytes, peakKB: lint.peakKB)]
        print("clauselint \(label): JSON report \(Self.megabytes(reportSize)) MB")
        var rgRow: Row?
        if let rg = Self.which("rg") {
            // Files as arguments, like the linters get them (no ignore files, no directory walk rules).
            let result = try best(of: runs) { try Self.spawn(rg, ["-c", "-i", "-w", "-f", termsFile, "--no-messages"] + files, allowedStatus: [0, 1], discardOutput: true) }
            rgRow = Row(label: "rg -c -i -w -f TERMS FILES (\(label))", seconds: result.seconds, cpuSeconds: result.cpuSeconds, bytes: bytes, peakKB: result.peakKB)
            rows.append(rgRow!)
        } else {
            print("rg: not installed (apt-get install ripgrep); skipped")
        }
        return (rows, rows[0], rgRow)
    }

    private func measureProselint(_ proselint: String, files: [String], totalBytes: Int, work: String) throws -> Row? {
        let sample: [String]
        if proselintSample == 0 || proselintSample >= files.count {
            sample = files
        } else {
            // Spread over the corpus (every k-th file), so sizes are representative.
            let step = Double(files.count) / Double(proselintSample)
            sample = (0..<proselintSample).map { files[Int(Double($0) * step)] }
        }
        let sampleBytes = sample.reduce(0) { $0 + Self.size($1) }
        print("proselint: \(sample.count) files, \(Self.megabytes(sampleBytes)) MB\(sample.count < files.count ? " (a sample; time extrapolated per MB to the corpus)" : "")")
        let result = try Self.spawn(proselint, ["check"] + sample, allowedStatus: [0, 1, 2], discardOutput: true)
        let perByte = result.seconds / Double(sampleBytes)
        if sample.count < files.count {
            return Row(label: "proselint check (1×, extrapolated from \(sample.count))", seconds: perByte * Double(totalBytes), cpuSeconds: result.cpuSeconds / Double(sampleBytes) * Double(totalBytes), bytes: totalBytes, peakKB: result.peakKB)
        }
        return Row(label: "proselint check (1×)", seconds: result.seconds, cpuSeconds: result.cpuSeconds, bytes: totalBytes, peakKB: result.peakKB)
    }

    struct Measurement {
        var seconds: Double
        /// User + system CPU time: less sensitive than wall time to other load on the machine.
        var cpuSeconds: Double
        var peakKB: Int
    }

    private func best(of runs: Int, _ body: () throws -> Measurement) throws -> Measurement {
        var fastest = Double.infinity
        var leastCPU = Double.infinity
        var peak = 0
        for _ in 0..<max(1, runs) {
            let measurement = try body()
            fastest = min(fastest, measurement.seconds)
            leastCPU = min(leastCPU, measurement.cpuSeconds)
            peak = max(peak, measurement.peakKB)
        }
        return Measurement(seconds: fastest, cpuSeconds: leastCPU, peakKB: peak)
    }

    /// Runs a program and measures its wall time and peak memory. Memory comes from
    /// `/usr/bin/time -f %M` when present: it forks (a real fork) before exec, so the figure is
    /// the program's own. (`wait4` on a `posix_spawn`ed child would also count this harness:
    /// Linux carries the spawning process's high-water mark across the vfork-style exec.)
    /// stdout goes to /dev/null when `discardOutput`; stderr always does.
    static func spawn(_ program: String, _ arguments: [String], allowedStatus: Set<Int32>, discardOutput: Bool = true) throws -> Measurement {
        let timeTool = "/usr/bin/time"
        let useTimeTool = FileManager.default.isExecutableFile(atPath: timeTool)
        let memoryFile = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-bench-rss-\(getpid())").path
        let command = useTimeTool ? [timeTool, "-f", "%M %U %S", "-o", memoryFile, program] + arguments : [program] + arguments
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if discardOutput { posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let status = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard status == 0 else { throw ValidationError("cannot start \(command[0]): \(String(cString: strerror(status)))") }
        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &waitStatus, 0, &usage) < 0 {
            if errno != EINTR { throw ValidationError("wait4 failed for \(program)") }
        }
        let seconds = Date().timeIntervalSince(start)
        let exited = (waitStatus & 0x7f) == 0
        let code = (waitStatus >> 8) & 0xff
        // /usr/bin/time passes the program's exit status through.
        guard exited, allowedStatus.contains(code) else {
            throw ValidationError("\(program) \(arguments.prefix(4).joined(separator: " ")) … failed (exit status \(code))")
        }
        var peakKB = Int(usage.ru_maxrss)
        var cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        if useTimeTool {
            defer { unlink(memoryFile) }
            let text = (try? String(contentsOfFile: memoryFile, encoding: .utf8)) ?? ""
            // The last line is "%M %U %S" (earlier lines may say "Command exited with non-zero status").
            if let last = text.split(separator: "\n").last {
                let fields = last.split(separator: " ")
                if fields.count == 3, let kilobytes = Int(fields[0]), let user = Double(fields[1]), let system = Double(fields[2]) {
                    peakKB = kilobytes
                    cpu = user + system
                }
            }
        }
        return Measurement(seconds: seconds, cpuSeconds: cpu, peakKB: peakKB)
    }

    /// The lexicon rules' terms as ripgrep patterns: the rules' `(a|b)` alternatives kept,
    /// other regex characters escaped, spaces as `\s+`.
    static func lexiconTerms() throws -> [String] {
        guard let folder = RuleSet.defaultRulesDirectory() else { throw ValidationError("no Rules/ folder found") }
        let ruleSet = try RuleSet.load(directories: [folder])
        var terms: [String] = []
        for rule in ruleSet.rules where rule.kind == "lexicon" {
            for value in try rule.parameter("terms")?.list("terms") ?? [] {
                let text: String
                if case .mapping = value.content {
                    text = try value.mapping("term").required("term", in: "term").string("term")
                } else {
                    text = try value.string("term")
                }
                terms.append(ripgrepPattern(text))
            }
        }
        return terms
    }

    static func ripgrepPattern(_ term: String) -> String {
        var pattern = ""
        var lastWasSpace = false
        for character in term {
            if character == " " {
                if !lastWasSpace { pattern += "\\s+" }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if ".*+?[]{}\\^$".contains(character) { pattern += "\\" }
            pattern.append(character)
        }
        return pattern
    }

    static func findCorpus() throws -> String {
        var directory = FileManager.default.currentDirectoryPath
        while true {
            let candidate = ((directory as NSString).appendingPathComponent("../shared/corpora/cuad-dev/contracts") as NSString).standardizingPath
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { throw ValidationError("no ../shared/corpora/cuad-dev/contracts found; pass --corpus") }
            directory = parent
        }
    }

    static func siblingBinary(_ name: String) throws -> String {
        let executable = (Bundle.main.executablePath.map { ($0 as NSString).resolvingSymlinksInPath }) ?? CommandLine.arguments[0]
        let candidate = ((executable as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw ValidationError("no \(name) next to this benchmark (\(candidate)); build it: swift build -c release")
        }
        return candidate
    }

    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
