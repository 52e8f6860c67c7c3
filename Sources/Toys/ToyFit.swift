import Minimizer

/// MIGRAD + HESSE of one toy from a list of start points, stopping at the first valid minimum: the fits of
/// a study start at the generating values (moved inside limits) and retry from the model's own start values.
/// Keeps the minimiser's buffers between toys; one task at a time.
final class ToyFit {
    /// Nil when the parameters cannot start a fit (every fit then fails, as `Minuit` would throw).
    private let fitter: RepeatedFit?
    private let starts: [[Double]]

    /// Starts at `truth` (all parameters, declaration order), then at the parameters' own values.
    convenience init(_ parameters: [Parameter], truth: [Double], strategy: Int) {
        self.init(parameters, starts: [parameters.starting(at: truth).map(\.value), parameters.map(\.value)],
                  strategy: strategy)
    }

    init(_ parameters: [Parameter], starts: [[Double]], strategy: Int) {
        fitter = try? RepeatedFit(parameters: parameters, strategy: strategy)
        self.starts = starts
    }

    /// The first valid minimum with a finite χ² and the index of its start (nil: none), and the function calls
    /// of all attempts made.
    func minimum(_ cost: CostFunction) -> (result: RepeatedFit.Result?, attempt: Int, calls: Int) {
        var calls = 0
        guard let fitter else { return (nil, 0, 0) }
        for (attempt, start) in starts.enumerated() {
            guard let h = fitter.run(cost, from: start) else { continue }
            calls += h.nfcn
            if h.isValid, h.fval.isFinite { return (h, attempt, calls) }
        }
        return (nil, starts.count, calls)
    }
}
