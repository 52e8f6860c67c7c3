// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "x17fit",
    products: [
        // MARK: - Public API
        .executable(name: "x17fit", targets: ["x17fit"]),
        .library(name: "FileSafety", targets: ["FileSafety"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Minimizer", targets: ["Minimizer"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Toys", targets: ["Toys"]),
        .library(name: "X17Physics", targets: ["X17Physics"]),
        .library(name: "X17Analysis", targets: ["X17Analysis"]),
        .library(name: "Export", targets: ["Export"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - Implementation details
        .systemLibrary(
            name: "CLapacke",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),

        // MARK: - Library modules (arrows point down the list only)
        .target(name: "FileSafety"),
        .target(name: "LinearAlgebra", dependencies: ["CLapacke"]),
        .target(name: "Minimizer", dependencies: ["LinearAlgebra"]),
        .target(name: "Statistics", dependencies: ["LinearAlgebra", "Minimizer"]),
        .target(name: "Toys", dependencies: ["LinearAlgebra", "Minimizer", "Statistics"]),
        .target(name: "X17Physics"),
        .target(
            name: "X17Analysis",
            dependencies: [
                "FileSafety", "LinearAlgebra", "Minimizer", "Statistics", "Toys", "X17Physics",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "Export",
            dependencies: ["FileSafety", "Statistics"]
        ),

        // MARK: - Executables
        .executableTarget(
            name: "x17fit",
            dependencies: [
                "X17Analysis", "Export", "FileSafety", "Statistics", "Toys", "Minimizer", "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "x17bench",
            dependencies: ["Minimizer", "Statistics", "X17Analysis", "LinearAlgebra"]
        ),

        // MARK: - Unit test bundles
        .target(name: "_TestSupport", path: "Sources/_TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
        .testTarget(name: "MinimizerTests", dependencies: ["Minimizer", "_TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "_TestSupport"], exclude: ["Reference"]),
        .testTarget(name: "ToysTests", dependencies: ["Toys", "Minimizer", "Statistics", "_TestSupport"]),
        .testTarget(name: "X17PhysicsTests", dependencies: ["X17Physics", "_TestSupport"]),
        .testTarget(
            name: "X17AnalysisTests", dependencies: ["X17Analysis", "FileSafety", "_TestSupport"], exclude: ["Fixtures", "Reference"]),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety", "_TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "FileSafety", "_TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "x17fitTests", dependencies: ["_TestSupport"]),
    ]
)
