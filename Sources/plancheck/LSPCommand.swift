import Glibc
import PlanCheck

/// `plancheck lsp`: the language server on standard input and output. All the
/// protocol lives in the library (`LanguageServer`); this only wires the file
/// descriptors, the disk and today's date to it.
enum LSPCommand {
    static func run(_ arguments: [String]) -> Int32 {
        // Editors often pass `--stdio`; it is the only transport there is.
        // The options are the command table's (`--stdio` and the common ones).
        let args: Arguments
        do {
            args = try Arguments(arguments, for: "lsp")
        } catch {
            return CLI.usageError(error, command: Commands.named("lsp"))
        }
        guard args.positional.isEmpty else {
            return CLI.usageError(Arguments.Problem(message: "lsp takes no files, not \"\(args.positional[0])\": the editor sends them"),
                                  command: Commands.named("lsp"))
        }
        // A client that goes away mid-write must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(connection: StandardStreams(),
                                    options: .init(disk: RegularFiles(), today: EvalCommand.today()))
        return server.run()
    }
}

/// Standard input and output as a connection; `poll` for the debounce waits.
final class StandardStreams: LanguageServerConnection {
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    func receive(timeoutMilliseconds: Int?) -> [UInt8]? {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, Int32(clamping: timeoutMilliseconds ?? -1))
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if ready == 0 { return [] }
            break
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            return Array(chunk[0..<n])
        }
    }

    func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// A log line to standard error, best effort: an editor that closed it
    /// must not change the server's exit status, which the protocol sets.
    func log(_ line: String) { _ = System.writeAll(line + "\n", to: 2) }
}

/// The disk for the server: regular files only. A plan that includes
/// `/dev/stdin` or names `/dev/zero` as data must not read the server's own
/// message stream or run forever.
struct RegularFiles: FileProvider {
    func read(_ path: String) -> Result<[UInt8], FileError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(FileError(System.errorText())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(FileError("it is not a regular file")) }
        return DiskFiles().read(path)
    }

    func identity(_ path: String) -> String? { DiskFiles().identity(path) }
}
