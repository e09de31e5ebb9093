#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Whole-process measurements: run a program (plancheck, ledger, the hello
// baseline) as a child with its output thrown away, and read its CPU time,
// wall time and peak resident memory from wait4's rusage.
//
// CPU time (user + system), not wall time, is the figure: this machine is
// shared, and a busy neighbour stretches wall time but not the CPU a run uses.
//
// Peak memory needs care: Linux carries a process's high-water mark across
// exec, and posix_spawn starts the child in its parent's memory, so a child
// of this (large) process would report this process's peak. Every child is
// therefore started through a fresh, small copy of plancheck-bench
// (`--child RESULT PROGRAM ARGS...`), which runs it and writes its figures to
// RESULT; its own few MiB are the floor of every peak (the hello baseline
// shows it).

struct ChildRun {
    /// User + system CPU seconds.
    var seconds: Double
    var wall: Double
    /// Peak resident set of the child, in bytes.
    var peakBytes: Int
    var status: Int32
}

enum Child {
    /// Runs `program` with `arguments` directly, standard output to
    /// `stdoutPath`, standard error to /dev/null.
    static func direct(_ program: String, _ arguments: [String], stdoutPath: String = "/dev/null") -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { return ChildRun(seconds: 0, wall: 0, peakBytes: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = seconds(clock.now - start)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(seconds: cpu, wall: wall, peakBytes: Int(usage.ru_maxrss) * 1024, status: exitCode)
    }

    /// `plancheck-bench --child RESULT PROGRAM ARGS...`: runs PROGRAM and
    /// writes "cpu wall peak status" to RESULT.
    static func serve(_ arguments: [String]) -> Never {
        guard arguments.count >= 2 else { exit(2) }
        let r = direct(arguments[1], Array(arguments.dropFirst(2)))
        writeFile(arguments[0], Array("\(r.seconds) \(r.wall) \(r.peakBytes) \(r.status)\n".utf8))
        exit(0)
    }

    /// Runs `program` through a fresh plancheck-bench (see above).
    static func run(_ program: String, _ arguments: [String]) -> ChildRun {
        let result = Scratch.directory + "/child-result"
        if !Scratch.created.contains(result) { Scratch.created.append(result) }
        unlink(result)
        let own = ownDirectory + "/plancheck-bench"
        _ = direct(own, ["--child", result, program] + arguments)
        let fields = readText(result).split(separator: " ")
        guard fields.count == 4, let cpu = Double(fields[0]), let wall = Double(fields[1]), let peak = Int(fields[2]),
              let status = Int32(fields[3].filter { $0 != "\n" })
        else { return ChildRun(seconds: 0, wall: 0, peakBytes: 0, status: -1) }
        return ChildRun(seconds: cpu, wall: wall, peakBytes: peak, status: status)
    }

    /// Best time (and the peak memory of the fastest run) of `runs` runs.
    static func best(_ runs: Int, _ program: String, _ arguments: [String]) -> ChildRun {
        var fastest: ChildRun?
        for _ in 0..<max(1, runs) {
            let r = run(program, arguments)
            if fastest == nil || r.seconds < fastest!.seconds { fastest = r }
        }
        return fastest!
    }

    /// Medians of `runs` interleaved runs of each command: start-up figures
    /// are small and noisy, and interleaving spreads the noise evenly.
    static func interleavedMedians(_ runs: Int, _ commands: [(String, [String])]) -> [Double] {
        var times = Array(repeating: [Double](), count: commands.count)
        for _ in 0..<runs {
            for (i, command) in commands.enumerated() { times[i].append(run(command.0, command.1).seconds) }
        }
        return times.map { $0.sorted()[$0.count / 2] }
    }

    /// The first executable called `name` on PATH.
    static func find(_ name: String) -> String? {
        guard let path = getenv("PATH").map({ String(cString: $0) }) else { return nil }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The directory this program lives in (where `swift build` put plancheck too).
    static var ownDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments[0]
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}

/// A scratch directory for whole-process inputs, removed at exit.
enum Scratch {
    nonisolated(unsafe) static var created: [String] = []
    nonisolated(unsafe) static var directory: String = {
        var template = Array("/tmp/plancheck-bench.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let dir = made.map { String(cString: $0) } ?? "/tmp"
        atexit {
            for file in Scratch.created { unlink(file) }
            rmdir(Scratch.directory)
        }
        return dir
    }()

    /// Writes `bytes` to `name` in the scratch directory and returns its path.
    static func write(_ name: String, _ bytes: some Collection<UInt8>) -> String {
        let path = directory + "/" + name
        writeFile(path, Array(bytes))
        created.append(path)
        return path
    }
}

/// The text of a small file, empty when it cannot be read.
func readText(_ path: String) -> String {
    guard let file = fopen(path, "rb") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes `bytes` to `path`, replacing it; exits with a message when it cannot.
func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let file = fopen(path, "wb") else {
        print("plancheck-bench: cannot write \(path)")
        exit(2)
    }
    bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

/// A goal of issue 10, its figure and its baseline from the same run.
struct Goal {
    var name: String
    var figure: String
    var baseline: String
    var target: String
    var met: Bool?
}

nonisolated(unsafe) var goals: [Goal] = []

func printGoals() {
    guard !goals.isEmpty else { return }
    print("")
    print("== goals: each figure beside its baseline, both measured in this run")
    let widths = [
        goals.map(\.name.count).max()!, goals.map(\.figure.count).max()!, goals.map(\.baseline.count).max()!,
        goals.map(\.target.count).max()!,
    ]
    print("\(pad("goal", widths[0]))  \(pad("figure", widths[1]))  \(pad("baseline", widths[2]))  \(pad("goal", widths[3]))  met")
    for g in goals {
        let met = g.met.map { $0 ? "yes" : "NO" } ?? "skipped"
        print("\(pad(g.name, widths[0]))  \(pad(g.figure, widths[1]))  \(pad(g.baseline, widths[2]))  \(pad(g.target, widths[3]))  \(met)")
    }
    let decided = goals.compactMap(\.met)
    print("\(decided.count { $0 }) of \(goals.count) goals met\(decided.count < goals.count ? " (\(goals.count - decided.count) skipped)" : "")")
}
