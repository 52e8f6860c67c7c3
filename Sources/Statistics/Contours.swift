import Probability

extension ProfileLikelihood {
    /// Contours of a grid computed by this profile, each crossing refined on the profiled Δχ².
    /// Default levels: 1σ, 2σ, 3σ for two parameters (2.30, 6.18, 11.83).
    public func contours(of grid: ProfileGrid, levels: [Double]? = nil, refine: Bool = true,
                         tolerance: Double = 1e-7) throws -> [ContourLine] {
        guard scanned.count == 2, grid.x.name == scanned[0], grid.y?.name == scanned[1] else {
            throw StatisticsError.invalidGrid("the grid's axes do not match the scanned parameters (\(scanned.joined(separator: ", ")))")
        }
        let sigmas: [Double] = [1, 2, 3]
        let lv = try levels ?? sigmas.map { try deltaChi2Threshold(parameters: 2, nSigma: $0) }
        let cl: [Double?] = try levels.map { try $0.map { try chi2CDF($0, dof: 2) } } ?? sigmas.map { try clForNSigma($0) }
        guard refine else { return try grid.contours(levels: lv, cl: cl, tolerance: tolerance) }
        let chain = makeChain()
        return try grid.contours(levels: lv, cl: cl, tolerance: tolerance) { x, y, start in
            self.chi2(at: [x, y], startingAt: start, chain: chain) - self.chi2Min
        }
    }
}
