/// A grid or contour request that cannot be answered (a 1-D grid asked for contours, a level ≤ 0, a grid
/// with points not yet computed).
public enum ProfileDataError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidGrid(String)

    public var description: String {
        switch self {
        case .invalidGrid(let what): return "profile grid: \(what)"
        }
    }
}
