// The scan results (grids, contours, intervals) are plain types in their own module, so that writers (Export)
// need not depend on the minimizer; Statistics computes them and re-exports the module, as swift-numerics'
// `Numerics` re-exports its parts.
@_exported import ProfileData
