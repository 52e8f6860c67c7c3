import LinearAlgebra

/// Runs `toy(worker, i)` for every index of `range` on `threads` tasks, in chunks, and returns the results in
/// index order, so the output does not depend on the thread count. Each chunk makes its own `worker` (scratch
/// space that stays in its task). `failed` counts the results reported as failed in the progress.
func parallelToys<W, T: Sendable>(_ range: Range<Int>, threads: Int, failed isFailed: @escaping @Sendable (T) -> Bool,
                                  progress: (@Sendable (ToyProgress) -> Void)?,
                                  worker: @escaping @Sendable () -> W,
                                  _ toy: @escaping @Sendable (W, Int) -> T) async -> [T] {
    setBLASThreads(1)
    let chunks = toyChunks(range, threads: threads)
    var batches = [[T]](repeating: [], count: chunks.count)
    var done = 0, failed = 0
    await withTaskGroup(of: (Int, [T]).self) { group in
        var next = 0
        func launch() {
            let (k, chunk) = (next, chunks[next])
            next += 1
            group.addTask {
                let w = worker()
                return (k, chunk.map { toy(w, $0) })
            }
        }
        while next < min(max(threads, 1), chunks.count) { launch() }
        while let (k, batch) = await group.next() {
            done += batch.count
            failed += batch.reduce(0) { $0 + (isFailed($1) ? 1 : 0) }
            batches[k] = batch
            progress?(ToyProgress(done: done, total: range.count, failed: failed))
            if next < chunks.count { launch() }
        }
    }
    var out: [T] = []
    out.reserveCapacity(range.count)
    for k in batches.indices {
        out.append(contentsOf: batches[k])
        batches[k] = []
    }
    return out
}

/// The chunks of `range`, in order: guided sizes, each a quarter of what is left per thread (at most 4096, at
/// least 64), so that few chunks carry most toys (each finished chunk wakes the collecting task) and the last
/// ones are small enough to keep the threads busy to the end.
func toyChunks(_ range: Range<Int>, threads: Int) -> [Range<Int>] {
    var chunks: [Range<Int>] = []
    var lo = range.lowerBound
    while lo < range.upperBound {
        let left = range.upperBound - lo
        let size = min(left, max(64, min(4096, left / (4 * max(threads, 1)))))
        chunks.append(lo..<(lo + size))
        lo += size
    }
    return chunks
}
