#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// plancheck-hello: the start-up baseline for `make bench`. A Swift program
// that reads every file it is given (as `plancheck check` must), counts the
// lines and says hello: the least any Swift command-line tool can do with the
// same input. `make bench` links it as plancheck is linked: one static executable
// (-static-executable), with no dynamic loader at start-up.

var lines = 0
var bytes = 0
var buffer = [UInt8](repeating: 0, count: 1 << 16)
for path in CommandLine.arguments.dropFirst() {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { continue }
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += n
        for i in 0..<n where buffer[i] == UInt8(ascii: "\n") { lines += 1 }
    }
    close(fd)
}
print("hello: \(bytes) bytes, \(lines) lines")
