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
