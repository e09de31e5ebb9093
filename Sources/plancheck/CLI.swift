import Glibc
import PlanCheck

/// The options every command takes, set once by the dispatcher before the
/// command runs.
enum Settings {
    enum ColorMode: String { case auto, always, never }
    nonisolated(unsafe) static var color = ColorMode.auto
    nonisolated(unsafe) static var quiet = false

    /// Whether to colour what goes to `fd`: `--color=always` and `never` decide;
    /// `auto` colours a terminal, unless TERM is `dumb` or NO_COLOR is set to
    /// a non-empty value (https://no-color.org: an empty NO_COLOR is ignored).
    static func useColor(_ fd: Int32) -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = System.environment("NO_COLOR"), !noColor.isEmpty { return false }
            if System.environment("TERM") == "dumb" { return false }
            return System.isTerminal(fd)
        }
    }

    /// The columns `fd` is as wide as: COLUMNS when it is a positive number,
    /// else the terminal's width (TIOCGWINSZ), else `fallback`, for output
    /// that goes to a file or a pipe.
    static func width(_ fd: Int32, fallback: Int = 120) -> Int {
        if let text = System.environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if System.isTerminal(fd), ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return fallback
    }
}

/// `plancheck [COMMON OPTION]... COMMAND [ARG]...`: finds the command in the
/// table, answers `--help`, reads the common options, and runs it.
enum CLI {
    static func main(_ arguments: [String]) -> Int32 {
        var arguments = arguments
        // Common options may come before the command: plancheck --color=never check ...
        while let first = arguments.first, first.hasPrefix("-"), first != "-" {
            arguments.removeFirst()
            switch first {
            case "-h", "--help":
                System.write(Help.general(), to: 1)
                return 0
            case "--version":
                System.write("plancheck \(version)\n", to: 1)
                return 0
            case "-q", "--quiet":
                Settings.quiet = true
            default:
                var value: String?
                if first == "--color" {
                    value = arguments.isEmpty ? nil : arguments.removeFirst()
                } else if first.hasPrefix("--color=") {
                    value = String(first.dropFirst("--color=".count))
                } else {
                    let known = ["--help", "--version", "--quiet", "--color"]
                    return usageError(Arguments.Problem(
                        message: "unknown option \"\(first)\"",
                        help: Suggest.closest(to: String(first.prefix { $0 != "=" }), among: known)
                            .map { "did you mean \"\($0)\"?" }
                            ?? "plancheck --help lists the commands and the options they all take"))
                }
                if let problem = setColor(value) { return usageError(problem) }
            }
        }
        guard let name = arguments.first else {
            System.write(Help.general(), to: 2)
            return 2
        }
        arguments.removeFirst()
        guard let command = Commands.named(name) else {
            let names = Commands.all.map(\.name)
            return usageError(Arguments.Problem(
                message: "unknown command \"\(name)\"",
                help: Suggest.closest(to: name, among: names).map { "did you mean \"\($0)\"?" }
                    ?? "the commands are " + names.joined(separator: ", ") + " (plancheck --help)"))
        }
        // --help anywhere before `--` answers with the command's help.
        if arguments.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            System.write(Help.command(command), to: 1)
            return 0
        }
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, for: command.name)
        } catch {
            return usageError(error, command: command)
        }
        if parsed.flag("-q", "--quiet") { Settings.quiet = true }
        if let value = parsed.value("--color"), let problem = setColor(value) { return usageError(problem) }
        return command.run(arguments)
    }

    private static func setColor(_ value: String?) -> Arguments.Problem? {
        guard let value, let mode = Settings.ColorMode(rawValue: value) else {
            return choiceProblem("--color", value ?? "", ["auto", "always", "never"])
        }
        Settings.color = mode
        return nil
    }

    /// `--format sarf`: the choices, and the nearest one.
    static func choiceProblem(_ option: String, _ value: String, _ choices: [String]) -> Arguments.Problem {
        let list = choices.dropLast().joined(separator: ", ") + " or " + choices.last!
        return Arguments.Problem(message: "\(option) takes \(list), not \"\(value)\"",
                                 help: Suggest.closest(to: value, among: choices).map { "did you mean \"\($0)\"?" })
    }

    /// Prints a command-line mistake the way plan findings are printed: the
    /// message, then `= help:`, and where the options are listed. Exit 2.
    static func usageError(_ problem: Arguments.Problem, command: CommandSpec? = nil) -> Int32 {
        var text = "plancheck: " + problem.message + "\n"
        if let help = problem.help { text += "  = help: " + help + "\n" }
        if let command, problem.help == nil || problem.message.hasPrefix("unknown option") {
            text += "  = note: plancheck \(command.name) --help shows its options and examples\n"
        }
        System.write(text, to: 2)
        return 2
    }
}

/// `--help`, `plancheck help [COMMAND]`: text from the command table.
enum Help {
    static let width = 80
    static let helpColumn = 28

    static func general() -> String {
        var out = "plancheck \(version): read, check and judge improvement plans\n\n"
        out += "usage: plancheck [--color WHEN] [--quiet] COMMAND [OPTION]... [FILE]...\n\n"
        out += "commands:\n"
        for command in Commands.all {
            out += row("  " + command.name, command.summary, column: 16)
        }
        out += "\noptions every command takes (also before the command):\n"
        for option in Commands.common { out += row("  " + option.label, option.help) }
        out += row("  --version", "print the version and exit")
        out += "\nFILE may be - for standard input (name it with --stdin-filename NAME).\n"
        out += "\nexit status:\n"
        for (code, meaning) in Commands.exitCodes { out += row("  \(code)", meaning, column: 6) }
        out += "\nplancheck help COMMAND (or plancheck COMMAND --help) shows a command's options\n"
        out += "and examples; plancheck explain CODE says what a finding means and how to fix it.\n"
        return out
    }

    static func command(_ command: CommandSpec) -> String {
        var out = "plancheck \(command.name): \(command.summary)\n\n"
        out += "usage: plancheck \(command.name)" + (command.synopsis.isEmpty ? "" : " " + command.synopsis) + "\n\n"
        out += wrap(command.description, width: width, indent: "").joined(separator: "\n") + "\n"
        if !command.options.isEmpty {
            out += "\noptions:\n"
            for option in command.options {
                var help = option.help
                if option.repeatable && !help.contains("repeat") { help += " (repeatable)" }
                out += row("  " + option.label, help)
            }
        }
        out += "\noptions every command takes:\n"
        for option in Commands.common { out += row("  " + option.label, option.help) }
        if !command.examples.isEmpty {
            out += "\nexamples:\n"
            for example in command.examples {
                out += "  # " + example.comment + "\n  " + example.command + "\n"
            }
        }
        return out
    }

    /// A label and its help, the help wrapped in a column; a long label gets
    /// the help on the next line.
    static func row(_ label: String, _ help: String, column helpColumn: Int = helpColumn) -> String {
        let lines = wrap(help, width: width - helpColumn, indent: "")
        var out = ""
        if label.count + 2 <= helpColumn {
            out += label + String(repeating: " ", count: helpColumn - label.count) + lines[0] + "\n"
        } else {
            out += label + "\n" + String(repeating: " ", count: helpColumn) + lines[0] + "\n"
        }
        for line in lines.dropFirst() { out += String(repeating: " ", count: helpColumn) + line + "\n" }
        return out
    }

    /// Greedy word wrap; a word longer than the width stands alone.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? indent : " ") + word
        }
        lines.append(current)
        return lines
    }
}

enum HelpCommand {
    static func run(_ raw: [String]) -> Int32 {
        let operands = raw.filter { !$0.hasPrefix("-") }
        guard let name = operands.first else {
            System.write(Help.general(), to: 1)
            return 0
        }
        guard let command = Commands.named(name) else {
            let names = Commands.all.map(\.name)
            return CLI.usageError(Arguments.Problem(
                message: "no command \"\(name)\"",
                help: Suggest.closest(to: name, among: names).map { "did you mean \"\($0)\"?" }
                    ?? "the commands are " + names.joined(separator: ", ")))
        }
        System.write(Help.command(command), to: 1)
        return 0
    }
}
