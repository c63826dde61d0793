/// Runs a function over many inputs on all cores and hands the outputs back in input order, each
/// as soon as it and every one before it are done.
///
/// A bounded task group: at most `jobs` inputs are in work at once, and no input is started more
/// than `window` places ahead of the next one to emit, so one slow file can hold back at most
/// `window` finished results. Memory is therefore bounded by a few of the largest outputs, never
/// by the number of inputs, while output order stays independent of scheduling.
public struct OrderedParallelRunner: Sendable {
    /// How many inputs are processed at once.
    public var jobs: Int
    /// How far ahead of the next output to emit work may run (at least `jobs`).
    public var window: Int
    /// If set, until the first output is ready this many inputs may be in work at once (at
    /// least `window`). For work that first does a part of its own and then waits for something
    /// shared (the batch run's rules, compiling on another core): the waiting tasks hold no
    /// thread, so the free core does the first part of the next inputs meanwhile.
    public var startupWindow: Int?

    public init(jobs: Int, window: Int? = nil, startupWindow: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? self.jobs * 4)
        self.startupWindow = startupWindow.map { max(self.window, $0) }
    }

    /// Calls `work` on every input (concurrently) and `emit` on every output (sequentially, in
    /// input order, on the calling task). An error thrown by `work` or `emit` cancels the
    /// remaining work and is rethrown.
    public func run<Input: Sendable, Output: Sendable>(
        _ inputs: [Input],
        work: @escaping @Sendable (Input) async throws -> Output,
        emit: (_ index: Int, _ output: Output) async throws -> Void
    ) async throws {
        guard !inputs.isEmpty else { return }
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var nextToStart = 0
            var nextToEmit = 0
            var inFlight = 0
            var ready: [Int: Output] = [:]

            func startMore() {
                let startup = nextToEmit == 0 ? startupWindow : nil
                while inFlight < startup ?? jobs, nextToStart < inputs.count, nextToStart < nextToEmit + (startup ?? window) {
                    let index = nextToStart
                    let input = inputs[index]
                    group.addTask { (index, try await work(input)) }
                    nextToStart += 1
                    inFlight += 1
                }
            }

            startMore()
            while let (index, output) = try await group.next() {
                inFlight -= 1
                ready[index] = output
                while let next = ready.removeValue(forKey: nextToEmit) {
                    try await emit(nextToEmit, next)
                    nextToEmit += 1
                }
                startMore()
            }
        }
    }
}
