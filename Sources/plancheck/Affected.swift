import Glibc
import PlanCheck

/// `plancheck check --affected FILE...`: the plans to check when FILE... changed.
///
/// pre-commit passes only the staged files. A staged `part.plan` that
/// `main.plan` includes cannot be checked alone (its references to names
/// declared in main.plan would look unknown), so each changed file is mapped
/// to the top-level plans under the current directory that reach it through
/// includes, or name it as data (`data "book.csv"`, `data "book.xlsx#Actuals"`
/// for book.xlsx). A top-level plan is one that no other plan found includes.
/// A changed plan that no top-level plan reaches (one in an include cycle, or
/// outside the tree) is checked itself; a changed data file (a CSV, a
/// workbook) that no plan names is left alone, never read as a plan.
enum Affected {
    /// Directories not searched: hidden ones (.git, .build) and build output.
    static let skipped: Set<String> = ["node_modules", "build", "_build"]
    static let maxDepth = 32

    static func roots(for changed: [String]) -> [String] {
        let disk = DiskFiles()
        var plans: [String] = []
        collect(directory: ".", prefix: "", depth: 0, into: &plans)
        plans.sort()
        // Each plan's reach: the plans it includes and the data files it names.
        var reach: [String: Set<String>] = [:]
        var included = Set<String>()
        for plan in plans {
            let loaded = Loader.load(path: plan, files: disk)
            var reached = Set(loaded.planPaths.map(Path.normalize))
            for located in loaded.entries where located.entry.kind == .data {
                guard let name = located.entry.title?.value else { continue }
                let from = loaded.sources[located.file].name
                // A workbook's sheet (`book.xlsx#Actuals`) is read from the workbook.
                reached.insert(Path.join(Path.directory(of: from), DataLoader.fileOnDisk(name)))
            }
            let key = Path.normalize(plan)
            reach[key] = reached
            included.formUnion(loaded.planPaths.dropFirst().map(Path.normalize))
        }
        let tops = plans.map(Path.normalize).filter { !included.contains($0) }
        var result: [String] = []
        var seen = Set<String>()
        let here = workingDirectory()
        for file in changed {
            let key = relative(Path.normalize(file), to: here)
            let owners = tops.filter { reach[$0]?.contains(key) == true }
            if owners.isEmpty {
                if file.hasSuffix(".plan") || reach[key] == nil && !Loader.isDataFile(file) {
                    if seen.insert(key).inserted { result.append(file) }
                }
                continue
            }
            for owner in owners where seen.insert(owner).inserted { result.append(owner) }
        }
        return result
    }

    /// The current directory, as given and with links resolved.
    static func workingDirectory() -> [String] {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return [] }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let resolved = realpath(cwd, nil) else { return [cwd] }
        defer { free(resolved) }
        return [cwd, String(cString: resolved)]
    }

    /// An absolute path under the current directory, as the relative path the
    /// search below finds plans by (`/repo/parts/part.csv` -> `parts/part.csv`).
    static func relative(_ path: String, to directories: [String]) -> String {
        guard path.hasPrefix("/") else { return path }
        var candidates = [path]
        if let resolved = realpath(path, nil) {
            candidates.append(String(cString: resolved))
            free(resolved)
        }
        for candidate in candidates {
            for directory in directories where candidate.hasPrefix(directory == "/" ? "/" : directory + "/") {
                return Path.normalize(String(candidate.dropFirst(directory == "/" ? 1 : directory.count + 1)))
            }
        }
        return path
    }

    /// Every `*.plan` file under `directory`, as paths starting with `prefix`.
    private static func collect(directory: String, prefix: String, depth: Int, into plans: inout [String]) {
        guard depth <= maxDepth, let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        var names: [(String, Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            let path = prefix + name
            var info = stat()
            // lstat: a symbolic link to a directory is not followed (no cycles).
            guard lstat(path.isEmpty ? "." : path, &info) == 0 else { continue }
            names.append((name, (info.st_mode & S_IFMT) == S_IFDIR))
        }
        for (name, isDirectory) in names.sorted(by: { $0.0 < $1.0 }) {
            if isDirectory {
                if !skipped.contains(name) {
                    collect(directory: prefix + name, prefix: prefix + name + "/", depth: depth + 1, into: &plans)
                }
            } else if name.hasSuffix(".plan") {
                plans.append(prefix + name)
            }
        }
    }
}

extension System {
    /// The working directory, absolute; "." if it cannot be found.
    static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// For SARIF: the working directory, and the repository root above it
    /// (the nearest directory holding `.git`, a directory or a worktree's
    /// file), or the working directory itself outside a repository.
    static func sarifPaths() -> DiagnosticRenderer.SARIFPaths {
        let cwd = workingDirectory()
        var directory = cwd
        while true {
            var info = stat()
            if stat(directory + (directory == "/" ? "" : "/") + ".git", &info) == 0 {
                return DiagnosticRenderer.SARIFPaths(workingDirectory: cwd, root: directory)
            }
            if directory == "/" || directory.isEmpty { break }
            directory = Path.directory(of: directory)
        }
        return DiagnosticRenderer.SARIFPaths(workingDirectory: cwd, root: cwd)
    }
}
