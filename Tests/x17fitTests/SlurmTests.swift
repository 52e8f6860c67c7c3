import Foundation
import Testing

/// `x17fit slurm` on a real single-node Slurm cluster (cluster/slurm-test.sh starts munged, slurmctld and
/// slurmd in a temporary folder and stops them on every exit): 4-task arrays for a profile grid, a toy study,
/// a Feldman–Cousins grid and a toy comparison, each with its dependent merge job, merged bit for bit equal to
/// the single-process runs.
@Suite struct SlurmTests {
    @Test func jobArraysAndMergeMatchTheSingleProcessRun() throws {
        let script = BinaryRunner.packageRoot.appendingPathComponent("cluster/slurm-test.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, BinaryRunner.binary.path]
        let (stdout, stderr) = try BinaryRunner.runCapturing(process)
        if process.terminationStatus == 77 {
            print("SlurmTests skipped: \(stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
            return
        }
        #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("toy comparison are bit-identical to the single-process runs"), "\(stdout)")
    }
}
