import Glibc
import PlanCheck

/// The disk, through libc: plancheck avoids Foundation so a pre-commit hook
/// starts fast.
struct DiskFiles: FileProvider {
    func read(_ path: String) -> Result<[UInt8], FileError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(FileError(System.errorText())) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(FileError("it is a directory"))
        }
        return System.readAll(fd)
    }
}

enum System {
    /// Values kept until the process exits, so they are never torn down:
    /// freeing a large plan's model piece by piece costs more than the
    /// kernel's reclaiming the whole process at `exit`.
    nonisolated(unsafe) static var keptUntilExit: [Any] = []

    static func keepUntilExit(_ value: Any) { keptUntilExit.append(value) }

    static func errorText() -> String { String(cString: strerror(errno)) }

    static func readAll(_ fd: Int32) -> Result<[UInt8], FileError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(errorText()))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    static func readStandardInput() -> Result<[UInt8], FileError> { readAll(0) }

    static func write(_ text: String, to fd: Int32) {
        _ = writeAll(text, to: fd)
    }

    /// Writes all of `text`, retrying short writes; nil, or why it failed.
    static func writeAll(_ text: String, to fd: Int32) -> String? {
        var text = text
        return text.withUTF8 { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errorText()
                }
                offset += n
            }
            return nil
        }
    }

    /// Why `path` cannot be read as a file, or nil when it can; a cheap look
    /// before the real read, so bad usage is reported before any work.
    static func unreadable(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return errorText() }
        if (info.st_mode & S_IFMT) == S_IFDIR { return "it is a directory" }
        guard access(path, R_OK) == 0 else { return errorText() }
        return nil
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// Whether to colour what goes to `fd`: `--color`, TERM and NO_COLOR (see `Settings`).
    static func useColor(_ fd: Int32) -> Bool { Settings.useColor(fd) }

    /// Replaces (or creates) `path` with `text` atomically: a temporary file beside it,
    /// written in full and synced, keeps the original's permissions and is then
    /// renamed over it. A reader sees the old file or the new, never half.
    static func writeAtomically(_ text: String, to path: String) -> String? {
        let directory = PlanCheck.Path.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(((directory.isEmpty ? "" : directory + "/") + "." + base + ".plancheck-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return errorText() }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var info = stat()
        if stat(path, &info) == 0 {
            fchmod(fd, info.st_mode & 0o7777)
        } else {
            // A new file gets the usual mode (0666 less the umask), not mkstemp's 0600.
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        var failure = writeAll(text, to: fd)
        if failure == nil, fsync(fd) != 0 { failure = errorText() }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errorText() }
        if failure != nil { unlink(temporary) }
        return failure
    }

    static func exit(_ code: Int32) -> Never { Glibc.exit(code) }
}
