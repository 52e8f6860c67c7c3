import LinearAlgebra

/// Runs `toy(worker, i)` for every index of `range` on `threads` tasks, in chunks, and returns the results in
/// index order, so the output does not depend on the thread count. Each chunk makes its own `worker` (scratch
/// space that stays in its task). `failed` counts the results reported as failed in the progress.
func parallelToys<W, T: Sendable>(_ range: Range<Int>, threads: Int, failed isFailed: @escaping @Sendable (T) -> Bool,
                                  progress: (@Sendable (ToyProgress) -> Void)?,
                                  worker: @escaping @Sendable () -> W,
                                  _ toy: @escaping @Sendable (W, Int) -> T) async -> [T] {
    setBLASThreads(1)
    let chunk = max(1, min(256, range.count / max(1, 8 * threads)))
    let starts = Array(stride(from: range.lowerBound, to: range.upperBound, by: chunk))
    var out = [T?](repeating: nil, count: range.count)
    var done = 0, failed = 0
    await withTaskGroup(of: (Int, [T]).self) { group in
        var next = 0
        func launch() {
            let lo = starts[next], hi = min(lo + chunk, range.upperBound)
            next += 1
            group.addTask {
                let w = worker()
                return (lo, (lo..<hi).map { toy(w, $0) })
            }
        }
        while next < min(threads, starts.count) { launch() }
        while let (lo, batch) = await group.next() {
            for (k, t) in batch.enumerated() { out[lo - range.lowerBound + k] = t }
            done += batch.count
            failed += batch.reduce(0) { $0 + (isFailed($1) ? 1 : 0) }
            progress?(ToyProgress(done: done, total: range.count, failed: failed))
            if next < starts.count { launch() }
        }
    }
    // Moved out, not copied.
    return out.withUnsafeMutableBufferPointer { slots in slots.indices.map { slots[$0].take()! } }
}
