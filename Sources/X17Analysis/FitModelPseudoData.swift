import Minimizer
import Statistics
import Toys

extension FitModel {
    /// The model of one pseudo-experiment generated at `truth`, drawing from `stream` in this order:
    /// - each data block: observed = prediction(truth) + L·z, L the Cholesky factor of its covariance;
    /// - each summary: its parameter's value redrawn around truth, and its χ² offset (the minimum of the
    ///   published fit it stands for) redrawn as a χ²(dof) variate;
    /// - each prior: its centre redrawn around the prior quantity at truth (one-sided priors keep their form);
    /// - each floated nuclear input: its constraint's centre redrawn around truth.
    /// Upper-limit rows are kept as they are.
    func pseudoData(at truth: [Double], stream: inout ToyRandomStream) throws -> FitModel {
        let p = try point(truth)
        var terms = dataTerms
        var newBlocks: [(set: MeasurementSet, members: [Int])] = []
        for block in blocks {
            let predicted = try block.members.map { try predict(dataTerms[$0].prediction, at: p) }
            let lower = block.set.factor.lower
            let values = stream.correlatedNormal(mean: predicted) { lower[$0, $1] }
            for (k, member) in block.members.enumerated() {
                let t = terms[member]
                var m = t.measurement
                m.value = values[k]
                terms[member] = DataTerm(info: t.info, prediction: t.prediction, measurement: m, sigma: t.sigma)
            }
            let set = try MeasurementSet(ids: block.set.ids, values: values, covariance: block.set.covariance,
                                         name: block.set.name)
            newBlocks.append((set, block.members))
        }
        let newSummaries = summaries.map { s in
            let value = truth[s.index] + s.sigma * stream.normal()
            return SummaryTerm(info: s.info, index: s.index, value: value, sigma: s.sigma,
                               offset: stream.chiSquare(dof: s.dof), dof: s.dof)
        }
        let newPriors = priors.map { prior in
            PriorTerm(info: prior.info, quantity: prior.quantity, index: prior.index, scaledBySqrtBR: prior.scaledBySqrtBR,
                      center: priorQuantity(prior, truth, br: p.br) + prior.sigma * stream.normal(),
                      sigma: prior.sigma, oneSided: prior.oneSided)
        }
        let newNuisances = nuisances.map { n in
            NuisanceTerm(info: n.info, index: n.index, center: truth[n.index] + n.sigma * stream.normal(), sigma: n.sigma)
        }
        return FitModel(parameters: parameters, hypothesis: hypothesis, isospin: isospin, heConvention: heConvention,
                        dataTerms: terms, limits: limits, summaries: newSummaries, priors: newPriors,
                        nuisances: newNuisances, blocks: newBlocks, baseInputs: baseInputs, roles: roles,
                        ndofOverride: ndofOverride)
    }
}

/// A prepared fit as a ``ToyModel``: pseudo-data from ``FitModel/pseudoData(at:stream:)``, refitted from the
/// spec's parameters (their start values are the retry start).
public struct FitToyModel: ToyModel {
    public let setup: FitSetup
    public let parameters: [Parameter]

    public init(setup: FitSetup) {
        self.setup = setup
        parameters = FitRunner.minimizerParameters(setup)
    }

    public func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction {
        let model = try setup.model.pseudoData(at: truth, stream: &stream)
        return CostFunction(errordef: 1) { model.chi2($0) }
    }
}
