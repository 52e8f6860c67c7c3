import ArgumentParser
import FileSafety
import Foundation
import X17Analysis

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write Slurm scripts: a job array running one shard per task, and a merge job that waits for it.",
        discussion: """
            The command after `--` is an x17fit `profile` or `toys` command without --shard and --out. The \
            folder --out receives array.sbatch (task i runs the command with --shard i/K --out SHARDS), \
            merge.sbatch (x17fit merge SHARDS --out MERGED) and submit.sh, which submits the array and then \
            the merge with --dependency=afterok on it. Logs go to SHARDS.logs/.

            Example:
              x17fit slurm --tasks 64 --shards toys-shards --merged toys-result --out jobs -- \\
                  toys fits/dg2023-vector-none.toml --n 1000000 --seed 1
              sh jobs/submit.sh
            """)

    @Option(parsing: .unconditional, help: "Array tasks, one shard each (≥ 1).")
    var tasks: Int

    @Option(help: "The shard folder the tasks write into.")
    var shards: String

    @Option(help: "The folder the merge job writes (default: <shards>/merged).")
    var merged: String?

    @Option(help: "Where the scripts go (an x17fit output folder).")
    var out: String

    @Option(help: "Slurm partition (default: the cluster's default).")
    var partition: String?

    @Option(help: "Time limit per task, Slurm syntax (e.g. 01:00:00).")
    var time: String?

    @Option(name: .customLong("cpus-per-task"), parsing: .unconditional, help: "CPUs per task, also passed as --threads.")
    var cpusPerTask = 1

    @Option(help: "The x17fit binary the jobs run (default: this one).")
    var x17fit: String?

    @Flag(help: "Replace earlier scripts in --out.")
    var force = false

    @Argument(parsing: .postTerminator, help: "The x17fit command to distribute: profile … or toys ….")
    var command: [String] = []

    func run() throws {
        try withExitCodes {
            guard tasks >= 1 else { throw InputError(file: "command line", field: "--tasks", "expected at least 1, got \(tasks)") }
            guard cpusPerTask >= 1 else {
                throw InputError(file: "command line", field: "--cpus-per-task", "expected at least 1, got \(cpusPerTask)")
            }
            guard let verb = command.first, ["profile", "toys"].contains(verb) else {
                throw InputError(file: "command line", field: "--",
                                 "give the command to distribute after --: `profile FITSPEC …` or `toys FITSPEC …`")
            }
            for reserved in ["--shard", "--out", "--threads", "--json"] where command.contains(where: { $0 == reserved || $0.hasPrefix(reserved + "=") }) {
                throw InputError(file: "command line", field: reserved, "is set by the job scripts; leave it out of the command")
            }
            let folder = try checkedOutputFolder(out, kind: .slurm, force: force)
            let cwd = FileManager.default.currentDirectoryPath
            func absolute(_ path: String) -> String {
                URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
            }
            let binary = absolute(x17fit ?? executablePath())
            let shardDir = absolute(shards)
            let mergedDir = absolute(merged ?? shards + "/merged")
            let name = "x17fit-\(verb)"
            var header = ["#!/bin/bash", "#SBATCH --job-name=\(name)", "#SBATCH --cpus-per-task=\(cpusPerTask)"]
            if let partition { header.append("#SBATCH --partition=\(partition)") }
            if let time { header.append("#SBATCH --time=\(time)") }
            let array = (header + [
                "#SBATCH --array=0-\(tasks - 1)",
                "#SBATCH --output=\(shardDir).logs/%x-%A_%a.out",
                "set -euo pipefail",
                "cd \(shellQuoted(cwd))",
                "export OPENBLAS_NUM_THREADS=1",
                "exec " + ([binary] + command).map(shellQuoted).joined(separator: " ")
                    + " --threads \(cpusPerTask) --shard \"${SLURM_ARRAY_TASK_ID}/\(tasks)\" --out \(shellQuoted(shardDir))",
            ]).joined(separator: "\n") + "\n"
            let merge = (header.map { $0.replacingOccurrences(of: "--job-name=\(name)", with: "--job-name=\(name)-merge") } + [
                "#SBATCH --output=\(shardDir).logs/%x-%j.out",
                "set -euo pipefail",
                "cd \(shellQuoted(cwd))",
                "exec \(shellQuoted(binary)) merge \(shellQuoted(shardDir)) --out \(shellQuoted(mergedDir))",
            ]).joined(separator: "\n") + "\n"
            let scripts = absolute(out)
            let submit = """
                #!/bin/sh
                # Submits the job array, then the merge job, which starts only if every task succeeded.
                set -eu
                mkdir -p \(shellQuoted(shardDir + ".logs"))
                array=$(sbatch --parsable \(shellQuoted(scripts + "/array.sbatch")))
                merge=$(sbatch --parsable --dependency=afterok:"${array%%;*}" \(shellQuoted(scripts + "/merge.sbatch")))
                echo "array job ${array%%;*}, merge job ${merge%%;*}"

                """
            let written = try write([OutputFile(path: "array.sbatch", contents: Data(array.utf8)),
                                     OutputFile(path: "merge.sbatch", contents: Data(merge.utf8)),
                                     OutputFile(path: "submit.sh", contents: Data(submit.utf8))], to: folder)
            print("wrote \(written.count) files to \(out)/: \(tasks) array tasks of `\(verb)`, merged into \(mergedDir)")
            print("submit with: sh \(shellQuoted(scripts + "/submit.sh"))")
        }
    }
}

/// `text` as one word for /bin/sh.
func shellQuoted(_ text: String) -> String {
    let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,+@%".contains($0) }
    return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The running binary's absolute path (/proc/self/exe), or argv[0].
func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}
