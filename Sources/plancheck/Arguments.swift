import PlanCheck

/// A small command-line reader: flags, options with values (`--format json`
/// or `--format=json`), repeatable options and positional arguments.
struct Arguments {
    var positional: [String] = []
    var flags = Set<String>()
    var options: [String: [String]] = [:]

    struct Problem: Error {
        var message: String
        /// What to do about it, e.g. `did you mean "--strict"?`.
        var help: String? = nil
    }

    /// The arguments of `plancheck COMMAND`, read as the command table
    /// describes that command (its own options and the common ones).
    init(_ raw: [String], for command: String) throws(Problem) {
        try self.init(raw, options: Commands.named(command)!.allOptions)
    }

    /// `options` says which names take a value. Anything else that starts
    /// with `-` (but is not `-` alone) is an error. A command has a few dozen
    /// names and is given a few arguments: each is looked for in the list,
    /// with no set built (a hook pays for start-up on every commit).
    init(_ raw: [String], options: [OptionSpec]) throws(Problem) {
        var i = 0
        var onlyPositional = false
        while i < raw.count {
            let arg = raw[i]
            i += 1
            if onlyPositional || arg == "-" || !arg.hasPrefix("-") {
                positional.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositional = true
                continue
            }
            var name = arg
            var inlineValue: String?
            if let equals = arg.utf8.firstIndex(of: UInt8(ascii: "=")), arg.hasPrefix("--") {
                name = String(arg[..<equals])
                inlineValue = String(arg[arg.utf8.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.names.contains(name) }) else {
                let known = options.flatMap(\.names).sorted()
                throw Problem(message: "unknown option \"\(name)\"",
                              help: Suggest.closest(to: name, among: known).map { "did you mean \"\($0)\"?" })
            }
            if !option.takesValue {
                guard inlineValue == nil else { throw Problem(message: "\(name) takes no value") }
                flags.insert(name)
            } else if let inlineValue {
                self.options[name, default: []].append(inlineValue)
            } else {
                guard i < raw.count else { throw Problem(message: "\(name) needs a value") }
                self.options[name, default: []].append(raw[i])
                i += 1
            }
        }
    }

    func flag(_ names: String...) -> Bool { names.contains { flags.contains($0) } }
    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }
}
