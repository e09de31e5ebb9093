import Glibc

// plancheck-fuzz: libFuzzer targets for plancheck's entry points.
//
//     plancheck-fuzz TARGET [libFuzzer flags] [CORPUS...]
//
// TARGET is one of `FuzzTargets.all` (check, csv, eval, fmt, xlsx, lsp, import). The binary is
// built by `make fuzz` / `make fuzz-smoke` with swiftc directly (the library's
// sources compiled into this one module, `-O -sanitize=fuzzer,address`), never
// by `swift build`, so `make test` stays fast. libFuzzer's own `main` is left
// out (linked from `libclang_rt.fuzzer_no_main`): this file is the program's
// entry and starts libFuzzer through `LLVMFuzzerRunDriver` with the chosen
// target. A broken invariant is a `fatalError`, which libFuzzer reports as a
// crash and saves as `crash-*`.

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback
) -> Int32

let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
// The target is the first argument, or `--plancheck-target=NAME` anywhere:
// libFuzzer ignores flags that start with `--` and passes them on when it
// runs itself again (`-merge=1`, `-fork=N`), so the children know the target.
let flag = "--plancheck-target="
let given = CommandLine.arguments.dropFirst().first { $0.hasPrefix(flag) }.map { String($0.dropFirst(flag.count)) }
    ?? CommandLine.arguments.dropFirst().first
guard let name = given, let chosen = FuzzTargets.all.first(where: { $0.name == name }) else {
    print("usage: plancheck-fuzz TARGET [libFuzzer flags] [CORPUS...]; targets: \(names)")
    exit(2)
}

// libFuzzer reads argv[0] and its flags: the bare target name becomes the flag.
var arguments: [UnsafeMutablePointer<CChar>?] = [strdup(CommandLine.arguments[0]), strdup(flag + chosen.name)]
for (index, argument) in CommandLine.arguments.enumerated().dropFirst()
where !argument.hasPrefix(flag) && !(index == 1 && argument == chosen.name) {
    arguments.append(strdup(argument))
}
arguments.append(nil)
var argc = Int32(arguments.count - 1)
let status = arguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv = buffer.baseAddress!
    switch chosen.name {
    case "check": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.check, $0, $1) }
    case "csv": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.csv, $0, $1) }
    case "eval": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.eval, $0, $1) }
    case "fmt": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.fmt, $0, $1) }
    case "xlsx": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.xlsx, $0, $1) }
    case "lsp": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.lsp, $0, $1) }
    case "import": return LLVMFuzzerRunDriver(&argc, &argv) { FuzzTargets.run(FuzzTargets.importTable, $0, $1) }
    default: fatalError("no callback for target \(chosen.name)")
    }
}
exit(status)
