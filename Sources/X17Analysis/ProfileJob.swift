import Foundation
import Minimizer
import Statistics

/// A profile-likelihood scan of one fit over one plane: the global fit, the resolved axes, the grid and
/// its contours. Bad requests (unknown parameter, range outside limits, n < 2, level ≤ 0, shard spec)
/// surface as ``InputError`` naming `source` (the command-line option or the spec entry).
public struct ProfileJob: Sendable {
    public let setup: FitSetup
    public let plane: ProfilePlane
    public let likelihood: ProfileLikelihood
    public let x: GridAxis
    public let y: GridAxis?

    /// The most points one grid may have (each keeps χ², status and the profiled values).
    public static let maximumPoints = 10_000_000

    /// Fits `setup` (MIGRAD + HESSE, for default ranges of ±4 HESSE errors) and resolves the axes.
    /// `fields` names the x and y requests in messages (e.g. `--x`, `--y` or `profiles[0].x`).
    public init(setup: FitSetup, plane: ProfilePlane, kind: ScanKind = .profiled, defaultCount: Int,
                source: (file: String, line: Int?), fields: (x: String, y: String) = ("x", "y")) throws {
        self.setup = setup
        self.plane = plane
        let spec = setup.spec
        let names = [plane.x.parameter] + (plane.y.map { [$0.parameter] } ?? [])
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: source.file, line: source.line, field: field, message)
        }
        for (field, name) in zip([fields.x, fields.y], names) {
            guard let p = spec.parameter(name) else {
                throw fail(field, "unknown parameter '\(name)' (the fit has \(spec.parameters.map(\.name).joined(separator: ", ")))")
            }
            if p.fixed { throw fail(field, "parameter '\(name)' is fixed in \(spec.file); it cannot be scanned") }
        }
        var minuit: Minuit
        do {
            minuit = try Minuit(FitRunner.costFunction(setup), parameters: FitRunner.minimizerParameters(setup))
        } catch {
            throw InputError(file: spec.file, field: "parameters", "\(error)")
        }
        minuit.migrad()
        let fit = minuit.hesse()
        guard fit.isValid else { throw FitError.minimizer(fit: spec.name, message: "the global fit is not valid: \(fit.stopReason)") }
        func resolve(_ request: AxisRequest, field: String) throws -> GridAxis {
            let i = spec.parameters.firstIndex { $0.name == request.parameter }!
            let p = spec.parameters[i]
            let unit = setup.model.parameters[i].unit
            do {
                return try request.axis(best: fit.values[i], error: fit.errors[i], limits: (p.lower, p.upper),
                                        defaultCount: defaultCount, unit: unit.isEmpty ? nil : unit)
            } catch let error as StatisticsError {
                throw fail(field, error.description)
            }
        }
        x = try resolve(plane.x, field: fields.x)
        y = try plane.y.map { try resolve($0, field: fields.y) }
        let points = x.values.count * (y?.values.count ?? 1)
        guard points <= Self.maximumPoints else {
            throw fail(y == nil ? fields.x : "\(fields.x)/\(fields.y)",
                       "the grid has \(points) points; at most \(Self.maximumPoints) fit in one run (about 1 GB of results)")
        }
        do {
            let model = setup.model
            likelihood = try ProfileLikelihood(minuit, scanning: names, kind: kind,
                                               alternativeStarts: { [Self.mirrored($0, model)] })
        } catch let error as StatisticsError {
            if case .minimizer(let message) = error { throw FitError.minimizer(fit: spec.name, message: message) }
            throw fail(y == nil ? fields.x : "\(fields.x)/\(fields.y)", error.description)
        }
        for (axis, field) in [(x, fields.x)] + (y.map { [($0, fields.y)] } ?? []) {
            do { try likelihood.validate(axis) } catch let error as StatisticsError { throw fail(field, error.description) }
        }
    }

    /// The best fit with every coupling's sign flipped. Rates depend on squares of coupling combinations
    /// and the π⁰ prior is symmetric about 0, so this is a second minimum of the same χ² (D&G's sign
    /// degeneracy); offered to the grid as an extra start so warm-start chains cannot stay on one branch.
    static func mirrored(_ values: [Double], _ model: FitModel) -> [Double] {
        zip(model.parameters, values).map { p, v in couplingRoles.contains(p.role) ? -v : v }
    }

    static let couplingRoles: [ParameterRole] = [.epsP, .epsN, .epsU, .epsD, .aP, .aN, .a0, .epsE, .aE, .epsNu]

    /// The free coupling parameters of a fit, in spec order: the set whose signs flip together.
    public static func couplings(of setup: FitSetup) -> [String] {
        zip(setup.spec.parameters, setup.model.parameters).filter { !$0.0.fixed && couplingRoles.contains($0.1.role) }.map(\.0.name)
    }

    /// How a grid reports the two mirror solutions, for the files' conventions; nil when the fit has no
    /// coupling to mirror.
    public static func signConvention(of setup: FitSetup) -> String? {
        let names = couplings(of: setup)
        guard let first = names.first else { return nil }
        return "χ² is unchanged when every coupling (\(names.joined(separator: ", "))) changes sign; where all of them "
            + "are profiled, each point reports the solution on which \(first) has the sign of the best fit"
    }

    /// Computes the grid (or one shard of it) on `threads` threads, with the sign convention of
    /// ``signConvention(of:)`` applied to the profiled couplings.
    public func grid(threads: Int, shard: Shard? = nil,
                     progress: (@Sendable (GridProgress) -> Void)? = nil) async throws -> ProfileGrid {
        Self.applyingSignConvention(try await likelihood.grid(x: x, y: y, threads: threads, shard: shard, progress: progress),
                                    couplings: Self.couplings(of: setup))
    }

    /// Moves every point whose profiled couplings sit on the mirror branch to the best fit's branch (all
    /// couplings negated: the same χ², exactly). Grids that scan a coupling are left as they are.
    static func applyingSignConvention(_ grid: ProfileGrid, couplings: [String]) -> ProfileGrid {
        let indices = couplings.compactMap { grid.profiledParameters.firstIndex(of: $0) }
        guard let reference = indices.first, indices.count == couplings.count,
              let best = grid.bestFit[grid.profiledParameters[reference]] else { return grid }
        var out = grid
        for k in out.points.indices where out.points[k].profiledValues.count == grid.profiledParameters.count {
            let v = out.points[k].profiledValues[reference]
            guard v.isFinite, (v < 0) != (best < 0), v != 0 else { continue }
            for i in indices { out.points[k].profiledValues[i] = -out.points[k].profiledValues[i] }
        }
        return out
    }

    /// Contours of a complete 2-D grid at `levels` (default 1σ/2σ/3σ for two parameters), refined on the
    /// profiled Δχ²; none for a 1-D grid.
    public func contours(of grid: ProfileGrid, levels: [Double]? = nil) throws -> [ContourLine] {
        guard grid.y != nil else { return [] }
        return try likelihood.contours(of: grid, levels: levels, refine: true)
    }
}
