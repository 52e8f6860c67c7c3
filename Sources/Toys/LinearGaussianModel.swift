import LinearAlgebra
import Minimizer

/// y = A·θ + ε with ε ~ N(0, V): a linear Gaussian model whose toy χ²_min follows χ²(n − free parameters)
/// exactly. Used to check the toy machinery; θ may carry limits (a physical boundary).
public struct LinearGaussianModel: ToyModel {
    public let parameters: [Parameter]
    /// Design matrix, one row per measurement.
    public let design: [[Double]]
    public let observed: [Double]
    public let covariance: Matrix
    let factor: Cholesky

    public init(parameters: [Parameter], design: [[Double]], observed: [Double], covariance: Matrix) throws {
        self.parameters = parameters
        self.design = design
        self.observed = observed
        self.covariance = covariance
        factor = try Cholesky(covariance)
    }

    /// The prediction A·θ.
    public func predict(_ theta: [Double]) -> [Double] {
        design.map { row in zip(row, theta).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// χ²(θ) of the data `y`.
    public func chi2(_ theta: [Double], data y: [Double]) -> Double {
        factor.quadraticForm(zip(predict(theta), y).map { $0 - $1 })
    }

    /// The χ² of the observed data.
    public var cost: CostFunction {
        let model = self
        return CostFunction(errordef: 1) { model.chi2($0, data: model.observed) }
    }

    public func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction {
        let lower = factor.lower
        let y = stream.correlatedNormal(mean: predict(truth)) { lower[$0, $1] }
        let model = self
        return CostFunction(errordef: 1) { model.chi2($0, data: y) }
    }
}
