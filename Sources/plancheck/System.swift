import Glibc
import PlanCheck
import Synchronization

/// The disk, through libc: plancheck avoids Foundation so a pre-commit hook
/// starts fast.
///
/// Only regular files are read, and none larger than `Limits.largestFile`: the
/// path is looked at before it is opened, so a FIFO is never opened (which
/// would block) and `/dev/zero` is never read (which would never end).
struct DiskFiles: FileProvider {
    func read(_ path: String) -> Result<[UInt8], FileError> {
        System.readRegularFile(path).map(\.bytes)
    }

    /// The device and inode: one file under every spelling and link.
    func identity(_ path: String) -> String? { System.identity(path) }
}

/// The disk, remembering every file read (by device and inode, with the path
/// it was read by), so `report -o` can refuse to write over one of its own
/// inputs: a plan, an included plan or a data file.
final class RecordingFiles: FileProvider, Sendable {
    private let read = Mutex<[String: String]>([:])

    func read(_ path: String) -> Result<[UInt8], FileError> {
        if let identity = System.identity(path) {
            read.withLock { if $0[identity] == nil { $0[identity] = path } }
        }
        return DiskFiles().read(path)
    }

    func identity(_ path: String) -> String? { System.identity(path) }

    /// Notes standard input as read, when it is a file (`report - < plan.plan`).
    func noteStandardInput() {
        if let identity = System.identity(descriptor: 0) {
            read.withLock { if $0[identity] == nil { $0[identity] = "standard input" } }
        }
    }

    /// The path a file read was read by, when `path` names that same file.
    func input(at path: String) -> String? {
        guard let identity = System.identity(path) else { return nil }
        return read.withLock { $0[identity] }
    }
}

/// A file read whole, with what it was when read: `fmt -w` writes its new
/// text only over the very file it read, unchanged. Standard input has no stamp.
struct ReadFile {
    var bytes: [UInt8]
    var stamp: FileStamp?
}

/// Which file (device and inode), how long, and when it was last modified.
/// Equal stamps and equal bytes mean nobody has saved over the file since.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var seconds: Int
    var nanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}

enum System {
    /// Values kept until the process exits, so they are never torn down:
    /// freeing a large plan's model piece by piece costs more than the
    /// kernel's reclaiming the whole process at `exit`.
    nonisolated(unsafe) static var keptUntilExit: [Any] = []

    static func keepUntilExit(_ value: Any) { keptUntilExit.append(value) }

    static func errorText() -> String { errorText(errno) }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The device and inode of the file at `path` (after symbolic links).
    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// The device and inode of what `descriptor` is open on.
    static func identity(descriptor: Int32) -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    // MARK: Reading

    /// Why `path` (after symbolic links) is not a regular file plancheck reads:
    /// missing, a directory, a FIFO, a device, a socket or too large; nil when
    /// it is fine. Looks without opening.
    static func notARegularFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return errorText() }
        return notARegular(info)
    }

    static func notARegular(_ info: stat) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if Int(info.st_size) > Limits.largestFile { return tooLarge }
            return nil
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }

    static let tooLarge = "it is larger than \(Limits.largestFile >> 20) MiB, the largest file plancheck reads"

    /// The whole of the regular file at `path`, with its stamp as it was read.
    static func readRegularFile(_ path: String) -> Result<ReadFile, FileError> {
        if let problem = notARegularFile(path) { return .failure(FileError(problem)) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(FileError(errorText())) }
        defer { close(fd) }
        // The path may have been swapped between the look and the open.
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileError(errorText())) }
        if let problem = notARegular(info) { return .failure(FileError(problem)) }
        return readAll(fd, sizeHint: Int(info.st_size)).map { ReadFile(bytes: $0, stamp: FileStamp(info)) }
    }

    /// Reads to the end, or fails past `Limits.largestFile` bytes.
    static func readAll(_ fd: Int32, sizeHint: Int = 0) -> Result<[UInt8], FileError> {
        // A file of known size is read straight into the array, with room
        // for one byte more: a read that fills even that means the file grew
        // (or the hint was low), and the rest comes in chunks.
        let capacity = min(max(sizeHint, 0), Limits.largestFile) + 1
        var failure: FileError?
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = FileError(errorText())
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if let failure { return .failure(failure) }
        if bytes.count < capacity { return .success(bytes) }
        if bytes.count > Limits.largestFile { return .failure(FileError(tooLarge)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(errorText()))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > Limits.largestFile { return .failure(FileError(tooLarge)) }
        }
        return .success(bytes)
    }

    static func readStandardInput() -> Result<[UInt8], FileError> { readAll(0) }

    /// Why `path` cannot be read as a file, or nil when it can; a cheap look
    /// before the real read, so bad usage is reported before any work.
    static func unreadable(_ path: String) -> String? {
        if let problem = notARegularFile(path) { return problem }
        guard access(path, R_OK) == 0 else { return errorText() }
        return nil
    }

    // MARK: Standard output and error

    /// The first failed write to standard output (1) or error (2), as its
    /// errno. A stream that failed is written no more, and `exit` turns the
    /// failure into status 2: output cut short by a full disk is never
    /// passed off as done.
    nonisolated(unsafe) private static var failedStreams: [Int32: Int32] = [:]
    nonisolated(unsafe) private static var wroteStandardOutput = false

    /// Writes `text` to standard output or error, noting a failure for `exit`.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { put($0, to: fd) }
    }

    /// Writes bytes already encoded (a large JSON output), without making a String of them.
    static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBufferPointer { put($0, to: fd) }
    }

    private static func put(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        guard failedStreams[fd] == nil else { return }
        if fd == 1 { wroteStandardOutput = true }
        let code = writeAll(buffer, to: fd)
        if code != 0 { failedStreams[fd] = code }
    }

    /// Ends the process with `status`, or with 2 when standard output or
    /// error could not be written (see `finalStatus`).
    static func exit(_ status: Int32) -> Never { Glibc.exit(finalStatus(status)) }

    /// `status`, unless a write to standard output or error failed: then 2,
    /// and for standard output one line on standard error saying why
    /// (`cannot write standard output: No space left on device`). A closed
    /// pipe (EPIPE, as when `| head` has read enough) gets no message: it is
    /// met only when SIGPIPE is ignored, since plancheck leaves SIGPIPE at its
    /// default, which ends the process quietly as it ends `cat` or `grep`.
    static func finalStatus(_ status: Int32) -> Int32 {
        // Some file systems (NFS) report a failed write only when the file is closed.
        if wroteStandardOutput, failedStreams[1] == nil, close(1) != 0 {
            let code = errno
            if code != EINTR && code != EBADF { failedStreams[1] = code }
        }
        guard !failedStreams.isEmpty else { return status }
        if let code = failedStreams[1], code != EPIPE, failedStreams[2] == nil {
            _ = writeAll("plancheck: cannot write standard output: \(errorText(code))\n", to: 2)
        }
        return 2
    }

    /// Writes all of `text` to `fd`, retrying short writes; nil, or why it
    /// failed. Not noted for `exit`: the caller says what failed.
    static func writeAll(_ text: String, to fd: Int32) -> String? {
        var text = text
        let code = text.withUTF8 { writeAll($0, to: fd) }
        return code == 0 ? nil : errorText(code)
    }

    /// 0, or the errno of the write that failed.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    // A descriptor left non-blocking by whoever opened it: wait until it takes more.
                    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                return code
            }
            if n == 0 { return EIO }
            offset += n
        }
        return 0
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// Whether to colour what goes to `fd`: `--color`, TERM and NO_COLOR (see `Settings`).
    static func useColor(_ fd: Int32) -> Bool { Settings.useColor(fd) }

    // MARK: Writing files

    /// Rewrites an existing file, as `fmt -w` does, only if it is still the
    /// file `original` was read from, byte for byte: an edit saved while it
    /// was formatted is never lost. Through a symbolic link (the link stays,
    /// its target gets the new text), and never a file without write
    /// permission, even for root (gofmt and prettier behave alike). The file
    /// is replaced atomically (`replace`), or rewritten in place when it has
    /// other hard links. Nil, or why it was not written.
    static func rewrite(_ path: String, with text: String, original: ReadFile) -> String? {
        let target: String
        switch followingLinks(path) {
        case .success(let resolved): target = resolved
        case .failure(let problem): return problem.message
        }
        var info = stat()
        guard stat(target, &info) == 0 else { return errorText() }
        guard info.st_mode & S_IFMT == S_IFREG else { return notARegular(info) ?? "it is not a regular file" }
        if info.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
            return "it is read-only; not formatted (make it writable, or run plancheck fmt without -w)"
        }
        return replace(target, with: text, existing: info, original: original)
    }

    /// Writes `text` to `path` for `report -o` and `import -o`, whatever
    /// `path` names:
    /// - the file standard output or error is open on (`/dev/stdout`,
    ///   `/dev/stderr`): written through that descriptor, so an append stays
    ///   an append and a pipe gets it;
    /// - a symbolic link: its target is written, as `fmt -w` does (a link to
    ///   nothing is refused, as `cp` refuses it);
    /// - a regular file, or nothing yet: replaced atomically (`replace`);
    /// - a character device or a FIFO (`/dev/null`, a named pipe): written
    ///   directly, never replaced by a regular file (a FIFO waits for its
    ///   reader, as a shell redirection does);
    /// - a directory, a socket or a block device (a disk): refused.
    ///
    /// Callers refuse a path that names one of their inputs first. Nil, or
    /// why it was not written.
    static func writeOutput(_ text: String, to path: String) -> String? {
        if let named = identity(path) {
            for fd: Int32 in [1, 2] where identity(descriptor: fd) == named {
                return writeAll(text, to: fd)
            }
        }
        let target: String
        switch followingLinks(path) {
        case .success(let resolved): target = resolved
        case .failure(let problem): return problem.message
        }
        var info = stat()
        guard stat(target, &info) == 0 else {
            return errno == ENOENT ? replace(target, with: text, existing: nil, original: nil) : errorText()
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return replace(target, with: text, existing: info, original: nil)
        case S_IFCHR, S_IFIFO:
            let fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { return errorText() }
            var failure = writeAll(text, to: fd)
            if close(fd) != 0, failure == nil, errno != EINTR { failure = errorText() }
            return failure
        case S_IFDIR: return "it is a directory"
        case S_IFBLK: return "it is a block device (a disk); not written"
        case S_IFSOCK: return "it is a socket; not written"
        default: return "it is not a regular file; not written"
        }
    }

    /// Whether `writeOutput` to `path` would replace a regular file (through
    /// a link or not) rather than create one, write to a device or a FIFO, or
    /// add to what standard output or error already gets.
    static func wouldReplaceAFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        let named = "\(info.st_dev):\(info.st_ino)"
        return identity(descriptor: 1) != named && identity(descriptor: 2) != named
    }

    /// `path` with its symbolic links followed (kept as written when it is not
    /// a link, so messages name the folder as the user did).
    private static func followingLinks(_ path: String) -> Result<String, FileError> {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? .success(path) : .failure(FileError(errorText()))
        }
        guard info.st_mode & S_IFMT == S_IFLNK else { return .success(path) }
        guard let resolved = realpath(path, nil) else {
            return .failure(FileError(errno == ENOENT
                ? "it is a symbolic link to a file that does not exist; not written through it"
                : errorText()))
        }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// Replaces (or creates) the regular file `path` with `text`: a temporary
    /// file beside it, written in full and synced, with the original's
    /// permissions and owner, is renamed over it. A reader sees the old file
    /// or the new, never half; on any failure the old file is untouched and
    /// the temporary file removed.
    ///
    /// A file with other hard links is rewritten in place instead, so every
    /// name sees the new text (as vim does; a rename would leave the other
    /// names on the old text). That is not atomic, so its old text is first
    /// kept in a synced copy beside it, removed once the new text is synced.
    ///
    /// With `original` (fmt -w), the file must still be the one read, with
    /// the same bytes, just before the rename (or the rewrite in place);
    /// otherwise nothing is written.
    private static func replace(_ path: String, with text: String, existing: stat?, original: ReadFile?) -> String? {
        if let existing, existing.st_nlink > 1 { return rewriteInPlace(path, with: text, original: original) }
        let temporary: (fd: Int32, path: String)
        switch makeTemporaryFile(beside: path) {
        case .success(let made): temporary = made
        case .failure(let problem): return problem.message
        }
        if let existing {
            if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                // Best effort: root keeps a user's file theirs; others may keep the group.
                _ = fchown(temporary.fd, existing.st_uid, existing.st_gid)
            }
            fchmod(temporary.fd, existing.st_mode & 0o7777)
        } else {
            // A new file gets the usual mode (0666 less the umask), not mkstemp's 0600.
            let mask = umask(0)
            umask(mask)
            fchmod(temporary.fd, 0o666 & ~mask)
        }
        var failure = writeAll(text, to: temporary.fd)
        if failure == nil, fsync(temporary.fd) != 0 { failure = errorText() }
        if close(temporary.fd) != 0, failure == nil, errno != EINTR { failure = errorText() }
        if failure == nil, let original {
            runTestHook()
            if !unchanged(path, since: original) { failure = changedWhileFormatting }
        }
        if failure == nil, rename(temporary.path, path) != 0 { failure = errorText() }
        if failure != nil {
            unlink(temporary.path)
        } else {
            syncFolder(of: path)
        }
        return failure
    }

    static let changedWhileFormatting = "it changed while formatting; not written (run plancheck fmt -w again to format the new text)"

    /// Whether `path` is still the file `original` was read from, with the same bytes.
    private static func unchanged(_ path: String, since original: ReadFile) -> Bool {
        guard case .success(let now) = readRegularFile(path) else { return false }
        return now.stamp == original.stamp && now.bytes == original.bytes
    }

    /// `replace` for a file with more than one hard link: its old text kept
    /// in a copy beside it, then the new text written over it, truncated and
    /// synced, then the copy removed. If the new text cannot be written, the
    /// old is put back; if even that fails, the copy is kept and named.
    private static func rewriteInPlace(_ path: String, with text: String, original: ReadFile?) -> String? {
        let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return errorText() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return errorText() }
        if let problem = notARegular(info) { return problem }
        let old: [UInt8]
        switch readAll(fd, sizeHint: Int(info.st_size)) {
        case .success(let bytes): old = bytes
        case .failure(let failure): return failure.message
        }
        let backup: (fd: Int32, path: String)
        switch makeTemporaryFile(beside: path) {
        case .success(let made): backup = made
        case .failure(let problem): return problem.message
        }
        var failure = old.withUnsafeBufferPointer { writeAll($0, to: backup.fd) }.nonZero.map(errorText)
        if failure == nil, fsync(backup.fd) != 0 { failure = errorText() }
        if close(backup.fd) != 0, failure == nil, errno != EINTR { failure = errorText() }
        if failure == nil, let original {
            runTestHook()
            // Still the file read (the path not saved over by a rename), with the same bytes.
            var now = stat()
            lseek(fd, 0, SEEK_SET)
            let current = try? readAll(fd, sizeHint: original.bytes.count).get()
            if fstat(fd, &now) != 0 || FileStamp(now) != original.stamp || current != original.bytes
                || identity(path) != identity(descriptor: fd) {
                failure = changedWhileFormatting
            }
        }
        if let failure {
            unlink(backup.path)
            return failure
        }
        func overwrite(with bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            guard lseek(fd, 0, SEEK_SET) == 0 else { return errno }
            let code = writeAll(bytes, to: fd)
            if code != 0 { return code }
            if ftruncate(fd, off_t(bytes.count)) != 0 { return errno }
            return fsync(fd) == 0 ? 0 : errno
        }
        var text = text
        let code = text.withUTF8 { overwrite(with: $0) }
        if code == 0 {
            unlink(backup.path)
            return nil
        }
        if old.withUnsafeBufferPointer({ overwrite(with: $0) }) == 0 {
            unlink(backup.path)
            return errorText(code)
        }
        return errorText(code) + "; its earlier text is kept in \(backup.path)"
    }

    /// A new, empty file beside `path` (`.NAME.plancheck-XXXXXX`), open for writing.
    private static func makeTemporaryFile(beside path: String) -> Result<(fd: Int32, path: String), FileError> {
        let directory = PlanCheck.Path.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(((directory.isEmpty ? "" : directory + "/") + "." + base + ".plancheck-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let code = errno
            let folder = directory.isEmpty ? "." : directory
            switch code {
            // The file itself may well be writable: the folder is what stops the write.
            case EACCES, EPERM:
                return .failure(FileError("its folder (\(folder)) is not writable (\(errorText(code))): plancheck first writes a new file there"))
            case EROFS: return .failure(FileError("its folder (\(folder)) is on a read-only file system"))
            case ENOENT: return .failure(FileError("its folder (\(folder)) does not exist"))
            default: return .failure(FileError("cannot create a file in its folder (\(folder)): \(errorText(code))"))
            }
        }
        let made = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .success((fd, made))
    }

    /// Syncs the folder holding `path`, so a rename into it survives a power cut.
    private static func syncFolder(of path: String) {
        let directory = PlanCheck.Path.directory(of: path)
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Debug builds only, for tests: runs `PLANCHECK_TEST_BEFORE_REPLACE` as a
    /// shell command just before a rewrite checks that its file is unchanged,
    /// to play an editor saving at that moment.
    private static func runTestHook() {
        #if DEBUG
        if let command = environment("PLANCHECK_TEST_BEFORE_REPLACE") { _ = system(command) }
        #endif
    }

}

private extension Int32 {
    var nonZero: Int32? { self == 0 ? nil : self }
}
