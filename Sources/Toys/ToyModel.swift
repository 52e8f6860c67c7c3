import Minimizer

/// A fit that can generate pseudo-data and refit it: what a toy study needs from a model.
public protocol ToyModel: Sendable {
    /// The fit's parameters (names, steps, limits, fixed flags). Their values are the starting point of the
    /// retry of a toy whose first fit, started at the generating values, failed.
    var parameters: [Parameter] { get }

    /// The χ² of one pseudo-experiment: data (and auxiliary measurements of constrained parameters) drawn
    /// from `stream` with the parameters at `truth`, in declaration order.
    func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction
}

extension Array where Element == Parameter {
    /// These parameters started at `values`, moved one tenth of a step inside a limit they sit on (the
    /// limit transforms have zero slope there, so MIGRAD would not leave it).
    func starting(at values: [Double]) -> [Parameter] {
        var out = self
        for i in out.indices {
            var v = values[i]
            let nudge = 0.1 * out[i].step
            if let lo = out[i].lower, v <= lo { v = lo + nudge }
            if let hi = out[i].upper, v >= hi { v = hi - nudge }
            if let lo = out[i].lower, let hi = out[i].upper, !(v > lo && v < hi) { v = 0.5 * (lo + hi) }
            out[i].value = out[i].fixed ? values[i] : v
        }
        return out
    }
}
