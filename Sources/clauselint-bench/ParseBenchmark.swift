import ArgumentParser
import ClauseModel
import ClauseParsing
import Foundation

/// `clauselint-bench parse PATH...`: decoding + parsing throughput per format. Files are read
/// into memory first, so the numbers are the loader's work (decode, detect, parse, build the
/// tree), not the disk's.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Decoding and parsing throughput (MB/s) per format over files and folders."
    )

    @Argument(help: "Files or folders (folders are walked for supported extensions).")
    var paths: [String]

    @Option(help: "Times to repeat the run (the fastest is reported).")
    var repeats: Int = 5

    /// CPU time of the calling thread: on a shared machine wall time mostly measures the neighbours.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() throws {
        let (files, diagnostics) = ContractFiles.collect(paths)
        diagnostics.forEach { print($0) }
        var inputs: [(path: String, format: DocumentFormat, bytes: [UInt8])] = []
        for file in files {
            guard let format = DocumentFormat(path: file), let data = FileManager.default.contents(atPath: file) else { continue }
            inputs.append((file, format, [UInt8](data)))
        }
        let loader = DocumentLoader()
        for format in DocumentFormat.allCases {
            let group = inputs.filter { $0.format == format }
            guard !group.isEmpty else { continue }
            let bytes = group.reduce(0) { $0 + $1.bytes.count }
            var best = Double.infinity
            var bestCPU = Double.infinity
            var clauses = 0
            var failures = 0
            var slowest = (path: "", seconds: 0.0)
            for _ in 0..<max(repeats, 1) {
                clauses = 0
                failures = 0
                let started = DispatchTime.now().uptimeNanoseconds
                let startedCPU = Self.threadCPUSeconds()
                for input in group {
                    let fileStarted = DispatchTime.now().uptimeNanoseconds
                    switch loader.parse(bytes: input.bytes, path: input.path, format: format) {
                    case .success(let document): clauses += document.allClauses.count
                    case .failure: failures += 1
                    }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - fileStarted) / 1e9
                    if seconds > slowest.seconds { slowest = (input.path, seconds) }
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                bestCPU = min(bestCPU, Self.threadCPUSeconds() - startedCPU)
            }
            let megabytes = Double(bytes) / 1_000_000
            print(String(format: "%@: %d files, %.2f MB, %d clauses, %d failed, %.1f ms wall, %.1f MB/s; %.1f ms CPU, %.1f MB/s per CPU-second; slowest file %.2f ms (%@)",
                         format.rawValue, group.count, megabytes, clauses, failures, best * 1000, megabytes / best, bestCPU * 1000, megabytes / bestCPU, slowest.seconds * 1000,
                         (slowest.path as NSString).lastPathComponent))
        }
    }
}
