// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "x17fit",
    products: [
        // MARK: - Public API
        .executable(name: "x17fit", targets: ["x17fit"]),
        .library(name: "FileSafety", targets: ["FileSafety"]),
        .library(name: "Probability", targets: ["Probability"]),
        .library(name: "ProfileData", targets: ["ProfileData"]),
        .library(name: "TOML", targets: ["TOML"]),
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
        .target(name: "Probability"),
        .target(name: "ProfileData"),
        .target(name: "TOML"),
        .target(name: "LinearAlgebra", dependencies: ["CLapacke"]),
        .target(name: "Minimizer", dependencies: ["LinearAlgebra", "Probability"]),
        .target(name: "Statistics", dependencies: ["LinearAlgebra", "Minimizer", "Probability", "ProfileData"]),
        .target(name: "Toys", dependencies: ["LinearAlgebra", "Minimizer", "Probability", "Statistics"]),
        .target(name: "X17Physics", dependencies: ["Probability"]),
        .target(
            name: "X17Analysis",
            dependencies: [
                "FileSafety", "LinearAlgebra", "Minimizer", "Statistics", "TOML", "Toys", "X17Physics",
            ]
        ),
        .target(
            name: "Export",
            dependencies: ["FileSafety", "Probability", "ProfileData"]
        ),

        // MARK: - Fuzzing (the contract of issue #12: exit codes, messages, no crash)
        .target(
            name: "FuzzHarness",
            dependencies: ["_TestSupport", "X17Analysis", "X17Physics", "Statistics", "Minimizer"]
        ),

        // MARK: - Executables
        .executableTarget(
            name: "x17fit",
            dependencies: [
                "X17Analysis", "Export", "FileSafety", "Probability", "Statistics", "Toys", "Minimizer", "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "x17fuzz",
            dependencies: ["FuzzHarness"]
        ),
        .executableTarget(
            name: "x17bench",
            dependencies: ["Minimizer", "Statistics", "Toys", "X17Analysis", "LinearAlgebra"]
        ),

        // MARK: - Unit test bundles
        .target(name: "_TestSupport", path: "Sources/_TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
        .testTarget(name: "MinimizerTests", dependencies: ["Minimizer", "_TestSupport"]),
        .testTarget(name: "ProbabilityTests", dependencies: ["Probability", "_TestSupport"], exclude: ["Reference"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "_TestSupport"]),
        .testTarget(name: "ToysTests", dependencies: ["Toys", "Minimizer", "Probability", "Statistics", "_TestSupport"]),
        .testTarget(name: "X17PhysicsTests", dependencies: ["X17Physics", "Probability", "_TestSupport"]),
        .testTarget(
            name: "X17AnalysisTests", dependencies: ["X17Analysis", "FileSafety", "_TestSupport"], exclude: ["Fixtures", "Reference"]),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety", "_TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "FileSafety", "Statistics", "_TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
        .testTarget(name: "x17fitTests", dependencies: ["_TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzHarness", "X17Analysis", "_TestSupport"], exclude: ["Regressions"]),
    ]
)
