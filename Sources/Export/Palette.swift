/// An sRGB colour with 8-bit channels.
struct RGB: Equatable {
    var r: Int, g: Int, b: Int

    var hex: String {
        "#" + [r, g, b].map { c in
            let s = String(c, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }
}

/// Fill colours for the confidence regions, darkest for the innermost level: a blue ramp
/// (ColorBrewer "Blues" end points) interpolated for any number of levels.
func bandColors(_ count: Int) -> [RGB] {
    let dark = RGB(r: 8, g: 81, b: 156), light = RGB(r: 198, g: 219, b: 239)
    guard count > 1 else { return [RGB(r: 66, g: 146, b: 198)] }
    return (0..<count).map { k in
        let t = Double(k) / Double(count - 1)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + t * Double(b - a)).rounded()) }
        return RGB(r: mix(dark.r, light.r), g: mix(dark.g, light.g), b: mix(dark.b, light.b))
    }
}

/// Stroke dash pattern for contour level `k` (solid, dashed, dash-dot, then short dashes); every
/// pattern is at least half ink so the outer levels stay as visible as the first.
func dashPattern(_ k: Int) -> String? {
    [nil, "7,3", "10,3,2.5,3", "3,2"][k % 4]
}
