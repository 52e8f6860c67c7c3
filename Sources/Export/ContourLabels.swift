import Foundation
import ProfileData

/// Where a level's label goes on one contour curve: the curve vertex (data and pixel coordinates).
struct ContourLabelSpot: Equatable {
    var level: Int
    var x: Double, y: Double
    var px: Double, py: Double
}

/// One label per grid-method curve whose drawn length is at least `minLength` pixels, at the vertex
/// farthest from every other curve (so the label sits in the widest gap), at least `margin` pixels
/// inside the plot, `keepAway` pixels from the given markers and 30 pixels from labels already placed.
/// Deterministic: candidates are taken in curve order and ties go to the first.
func contourLabelSpots(contours: [ContourLine], levels: [ConfidenceLevel],
                       pixel: (Double, Double) -> (Double, Double),
                       plot: (left: Double, top: Double, right: Double, bottom: Double),
                       markers: [(Double, Double)], minLength: Double = 40, margin: Double = 12,
                       keepAway: Double = 16) -> [ContourLabelSpot] {
    let pix = contours.map { c in c.x.indices.map { pixel(c.x[$0], c.y[$0]) } }
    var spots: [ContourLabelSpot] = []
    for (n, c) in contours.enumerated() where c.method == "grid" {
        guard let k = levelIndex(of: c, in: levels) else { continue }
        let p = pix[n]
        var length = 0.0
        for m in 1..<max(p.count, 1) { length += hypot(p[m].0 - p[m - 1].0, p[m].1 - p[m - 1].1) }
        guard length >= minLength else { continue }
        let step = max(1, p.count / 60)
        var best: (score: Double, index: Int)?
        for m in stride(from: 0, to: p.count, by: step) {
            let (x, y) = p[m]
            guard x >= plot.left + margin, x <= plot.right - margin, y >= plot.top + margin, y <= plot.bottom - margin
            else { continue }
            guard markers.allSatisfy({ hypot($0.0 - x, $0.1 - y) >= keepAway }),
                  spots.allSatisfy({ hypot($0.px - x, $0.py - y) >= 30 }) else { continue }
            var clearance = Double.infinity
            for (o, q) in pix.enumerated() where o != n {
                for v in q { clearance = min(clearance, hypot(v.0 - x, v.1 - y)) }
            }
            if best == nil || clearance > best!.score { best = (clearance, m) }
        }
        if let b = best {
            spots.append(ContourLabelSpot(level: k, x: c.x[b.index], y: c.y[b.index], px: p[b.index].0, py: p[b.index].1))
        }
    }
    return spots
}
