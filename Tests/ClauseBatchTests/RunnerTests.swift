import Foundation
import Synchronization
import Testing
@testable import ClauseBatch

@Suite("Ordered parallel runner")
struct RunnerTests {
    @Test("outputs come back in input order whatever the finishing order, for 1 to 8 jobs")
    func orderIsStable() async throws {
        let inputs = Array(0..<60)
        for jobs in [1, 2, 3, 8] {
            var emitted: [Int] = []
            try await OrderedParallelRunner(jobs: jobs).run(inputs, work: { value in
                // Later inputs finish first: reversed, uneven delays.
                try? await Task.sleep(nanoseconds: UInt64((60 - value) % 7) * 300_000)
                return value * 10
            }) { index, output in
                #expect(output == index * 10)
                emitted.append(index)
            }
            #expect(emitted == inputs, "jobs \(jobs)")
        }
    }

    @Test("no more than `jobs` inputs in work, and work never runs more than `window` ahead of output")
    func bounded() async throws {
        let running = Mutex(0)
        let maximum = Mutex(0)
        let started = Mutex(0)
        var maximumLead = 0
        let runner = OrderedParallelRunner(jobs: 3, window: 5)
        try await runner.run(Array(0..<40), work: { value in
            started.withLock { $0 += 1 }
            let now = running.withLock { count -> Int in count += 1; return count }
            maximum.withLock { $0 = max($0, now) }
            // Input 0 is slow, so the others pile up behind it.
            try? await Task.sleep(nanoseconds: value == 0 ? 30_000_000 : 200_000)
            running.withLock { $0 -= 1 }
            return value
        }) { index, _ in
            maximumLead = max(maximumLead, started.withLock { $0 } - index)
        }
        #expect(maximum.withLock { $0 } <= 3)
        #expect(maximumLead <= 5)
    }

    @Test("before the first output, up to `startupWindow` inputs do their first part while waiting for set-up")
    func startupWindow() async throws {
        let setUp = Task { try? await Task.sleep(nanoseconds: 50_000_000) }
        let firstParts = Mutex(0)
        let beforeSetUp = Mutex(0)
        var emitted: [Int] = []
        try await OrderedParallelRunner(jobs: 1, window: 2, startupWindow: 6).run(Array(0..<20), work: { value in
            firstParts.withLock { $0 += 1 }
            await setUp.value
            return value
        }) { index, output in
            if index == 0 { beforeSetUp.withLock { $0 = firstParts.withLock { $0 } } }
            emitted.append(output)
        }
        #expect(emitted == Array(0..<20))
        #expect(beforeSetUp.withLock { $0 } <= 6)
        #expect(beforeSetUp.withLock { $0 } >= 2)
    }

    @Test("an error while emitting stops the run")
    func emitErrorStops() async {
        struct Stop: Error {}
        var emitted = 0
        await #expect(throws: Stop.self) {
            try await OrderedParallelRunner(jobs: 2).run(Array(0..<100), work: { $0 }) { index, _ in
                emitted += 1
                if index == 4 { throw Stop() }
            }
        }
        #expect(emitted == 5)
    }
}

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("files done/total, MB/s and ETA; nothing drawn when disabled")
    func line() {
        let bar = ProgressBar(totalFiles: 332, totalBytes: 18_000_000, enabled: false)
        #expect(bar.line(doneFiles: 83, doneBytes: 4_500_000, elapsed: 0.5) == "[######------------------] 83/332 files  9.0 MB/s  ETA 2s")
        #expect(bar.line(doneFiles: 332, doneBytes: 18_000_000, elapsed: 2) == "[########################] 332/332 files  9.0 MB/s")
        #expect(ProgressBar.duration(75) == "1m15s")
        #expect(ProgressBar.duration(3 * 3600 + 120) == "3h02m")
    }
}
