import Minimizer

/// A fit that can generate pseudo-data and refit it: what a toy study needs from a model.
public protocol ToyModel: Sendable {
    /// The fit's parameters (names, steps, limits, fixed flags). Their values are the starting point of the
    /// retry of a toy whose first fit, started at the generating values, failed.
    var parameters: [Parameter] { get }

    /// The χ² of one pseudo-experiment: data (and auxiliary measurements of constrained parameters) drawn
    /// from `stream` with the parameters at `truth`, in declaration order.
    func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction

    /// Pseudo-experiments at `truth` for one task, drawn as ``pseudoExperiment(truth:stream:)`` draws them.
    /// The default calls that method per toy; a model can instead redraw its observations in place behind one
    /// cost function, which the minimiser then keeps set up between toys.
    func generator(truth: [Double]) -> any ToyGenerator
}

/// The pseudo-experiments of one study, for one task at a time (never shared between tasks).
public protocol ToyGenerator: AnyObject {
    /// The χ² of the next pseudo-experiment, drawn from `stream`.
    func draw(_ stream: inout ToyRandomStream) throws -> CostFunction
}

extension ToyModel {
    public func generator(truth: [Double]) -> any ToyGenerator { PseudoExperiments(model: self, truth: truth) }
}

/// ``ToyModel/pseudoExperiment(truth:stream:)`` as a generator: a new cost function per toy.
final class PseudoExperiments<Model: ToyModel>: ToyGenerator {
    let model: Model
    let truth: [Double]

    init(model: Model, truth: [Double]) {
        self.model = model
        self.truth = truth
    }

    func draw(_ stream: inout ToyRandomStream) throws -> CostFunction {
        try model.pseudoExperiment(truth: truth, stream: &stream)
    }
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
