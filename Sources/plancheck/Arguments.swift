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
        let spec = Commands.named(command)!
        let options = spec.allOptions
        try self.init(raw, flagNames: Set(options.filter { !$0.takesValue }.flatMap(\.names)),
                      optionNames: Set(options.filter(\.takesValue).flatMap(\.names)))
    }

    /// `flagNames` take no value; `optionNames` take one. Anything else that
    /// starts with `-` (but is not `-` alone) is an error.
    init(_ raw: [String], flagNames: Set<String>, optionNames: Set<String>) throws(Problem) {
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
            if let equals = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<equals])
                inlineValue = String(arg[arg.index(after: equals)...])
            }
            if flagNames.contains(name) {
                guard inlineValue == nil else { throw Problem(message: "\(name) takes no value") }
                flags.insert(name)
            } else if optionNames.contains(name) {
                if let inlineValue {
                    options[name, default: []].append(inlineValue)
                } else {
                    guard i < raw.count else { throw Problem(message: "\(name) needs a value") }
                    options[name, default: []].append(raw[i])
                    i += 1
                }
            } else {
                let known = flagNames.union(optionNames).sorted()
                throw Problem(message: "unknown option \"\(name)\"",
                              help: Suggest.closest(to: name, among: known).map { "did you mean \"\($0)\"?" })
            }
        }
    }

    func flag(_ names: String...) -> Bool { names.contains { flags.contains($0) } }
    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }
}
