import PlanCheck

/// The one description of plancheck's command line.
///
/// Everything that says what the commands are reads this table: the argument
/// parser (which options a command takes, and which take a value), `--help`
/// and `plancheck help CMD`, the did-you-mean for a mistyped command or
/// option, the bash, zsh and fish completions and the man page. Adding a
/// command is one entry in `Commands.all`; a test compares the committed
/// completions and man page with what this table generates.
struct CommandSpec: Sendable {
    /// `check`, as typed after `plancheck`.
    var name: String
    /// One line, lower case, no full stop: "parse and type-check plans ...".
    var summary: String
    /// What follows `plancheck NAME`: "[OPTION]... FILE...".
    var synopsis: String
    /// A paragraph or two for `--help` and the man page.
    var description: String
    var options: [OptionSpec] = []
    /// What the positional arguments are, for the completions.
    var operands: Completion = .none
    /// Command lines with a comment saying what each does.
    var examples: [Example] = []
    var run: @Sendable ([String]) -> Int32

    /// The command's own options, then the options every command takes.
    var allOptions: [OptionSpec] { options + Commands.common }
}

struct OptionSpec: Sendable {
    /// Every spelling, short first: `["-o", "--output"]`.
    var names: [String]
    /// The value's placeholder (`FILE`, `DATE`), or nil for a flag.
    var value: String? = nil
    /// The values it takes, when they are a fixed set.
    var choices: [String] = []
    /// What a shell offers for the value.
    var completion: Completion = .none
    /// May be given more than once (each value is kept).
    var repeatable = false
    /// One or two sentences, starting lower case.
    var help: String

    var takesValue: Bool { value != nil }
    /// `-o, --output FILE`.
    var label: String { names.joined(separator: ", ") + (value.map { " " + $0 } ?? "") }
}

/// What a shell completes an option's value or a positional argument with.
enum Completion: Sendable, Equatable {
    case none
    /// Files, offering those with this extension (and directories) first.
    case files(String)
    /// Any file.
    case anyFile
    /// A fixed list of words.
    case words([String])
}

struct Example: Sendable {
    var command: String
    var comment: String
}

enum Commands {
    /// Options every command takes (also before the command name).
    static let common: [OptionSpec] = [
        OptionSpec(names: ["--color"], value: "WHEN", choices: ["auto", "always", "never"],
                   completion: .words(["auto", "always", "never"]),
                   help: "colour the output: auto (the default) colours only a terminal, and not when TERM is dumb or NO_COLOR is set to a non-empty value; always and never override both"),
        OptionSpec(names: ["-q", "--quiet"],
                   help: "print no warnings, notes, counts or hints: only errors and the output asked for"),
        OptionSpec(names: ["-h", "--help"], help: "show this help and exit"),
    ]

    /// Every command, in the order help lists them. Each is a constant of its
    /// own: a run builds only its command's table (help, options), not all twelve.
    static var all: [CommandSpec] {
        [checkSpec, evalSpec, reportSpec, fmtSpec, importSpec, parseSpec, lspSpec, explainSpec, helpSpec,
         completionsSpec, manSpec, versionSpec]
    }

    static let checkSpec = CommandSpec(
        name: "check",
        summary: "parse and type-check plans, with their includes and data",
        synopsis: "[OPTION]... FILE...",
        description: """
            Reads each plan with the plans it includes, checks every reference, date, unit and target, \
            and validates the CSV data it names (data "book.csv") and any --data files. A clean plan \
            prints nothing and exits 0. Findings go to standard error with the file, line, column and a \
            hint; the run exits 1 when any is an error (or a warning, with --strict). A plan that \
            another FILE includes is checked once, as part of it, in whatever order they are named. FILE may be - for standard input.
            """,
        options: [
            OptionSpec(names: ["--format"], value: "FORMAT", choices: ["text", "json", "sarif"],
                       completion: .words(["text", "json", "sarif"]),
                       help: "text (the default) prints findings for people on standard error; json prints an array of findings, and sarif a SARIF 2.1.0 log for code scanning, on standard output"),
            OptionSpec(names: ["--strict"], help: "fail (exit 1) on warnings too, not only on errors"),
            OptionSpec(names: ["--data"], value: "CSV", completion: .files("csv"), repeatable: true,
                       help: "also validate this performance book against the plans; repeat for several"),
            OptionSpec(names: ["--help-uri"], value: "URL",
                       help: "with --format sarif: each rule's helpUri is URL followed by the code, e.g. the address of docs/diagnostics.md on your git host followed by #"),
            OptionSpec(names: ["--affected"],
                       help: "FILE... are changed files (as pre-commit passes them): check instead each plan under the current directory that includes one of them, directly or not, or names it as data; a plan no other includes is checked itself, and a data file (.csv, .xlsx, ...) no plan names is left alone"),
            OptionSpec(names: ["--stdin-filename"], value: "NAME", completion: .files("plan"),
                       help: "the name standard input (-) goes by in messages; its includes are found relative to it"),
        ],
        operands: .files("plan"),
        examples: [
            Example(command: "plancheck check plan.plan", comment: "check a plan and every plan it includes"),
            Example(command: "plancheck check --strict --data book.csv plan.plan",
                    comment: "fail on warnings too, and validate a performance book"),
            Example(command: "plancheck check --format sarif plans/*.plan > plancheck.sarif",
                    comment: "a SARIF log for GitHub code scanning"),
            Example(command: "plancheck check --affected part.plan",
                    comment: "check the plans that include part.plan (what the pre-commit hook runs)"),
        ],
        run: CheckCommand.run)

    static let evalSpec = CommandSpec(
        name: "eval",
        summary: "judge every target against the data as met, at risk, missed, no data or pending",
        synopsis: "[OPTION]... FILE...",
        description: """
            Checks each plan and its data, then judges every target and action at the --as-of date, \
            with the reason. Observations after that date are ignored, so a past report can be \
            reproduced exactly. A plan or data error prints the findings and no judgements (exit 1). \
            Several plans are judged against the same --data and shown as one.
            """,
        options: [
            OptionSpec(names: ["--data"], value: "CSV", completion: .files("csv"), repeatable: true,
                       help: "a performance book (CSV with measure, date, value and series columns) to judge against; repeat for several"),
            OptionSpec(names: ["--as-of"], value: "DATE",
                       help: "judge as on this day, YYYY-MM-DD (default: today)"),
            OptionSpec(names: ["--format"], value: "FORMAT", choices: ["table", "json", "csv", "junit"],
                       completion: .words(["table", "json", "csv", "junit"]),
                       help: "table (the default) for people, fitted to the terminal's width; json with stable field names for scripts; csv for spreadsheets (UTF-8 with a byte-order mark, formula-safe); junit XML for CI test reports"),
            OptionSpec(names: ["--lead"], value: "NAME", repeatable: true,
                       help: "only the items this lead is responsible for; repeat for several"),
            OptionSpec(names: ["--workstream"], value: "ID", repeatable: true,
                       help: "only the items in these workstreams (comma-separated or repeated)"),
            OptionSpec(names: ["--status"], value: "LIST", completion: .words(Status.allCases.map(\.slug)),
                       repeatable: true,
                       help: "only these statuses, comma-separated: met, at-risk, missed, no-data, pending"),
            OptionSpec(names: ["--key"], help: "only key measures and actions"),
            OptionSpec(names: ["--fail-on"], value: "STATUS", choices: ["missed", "at-risk"],
                       completion: .words(["missed", "at-risk"]),
                       help: "exit 1 when a target is missed (missed), or missed or at risk (at-risk)"),
            OptionSpec(names: ["--stdin-filename"], value: "NAME", completion: .files("plan"),
                       help: "the name standard input (-) goes by in messages; its includes are found relative to it"),
        ],
        operands: .files("plan"),
        examples: [
            Example(command: "plancheck eval plan.plan --data book.csv --as-of 2013-10-31",
                    comment: "the table as at 31 October 2013"),
            Example(command: "plancheck eval plan.plan --data book.csv --status missed,at-risk --key",
                    comment: "only the key targets that need attention"),
            Example(command: "plancheck eval plan.plan --data book.csv --format junit --fail-on missed > plancheck.xml",
                    comment: "a JUnit report for CI that fails on a missed target"),
            Example(command: "plancheck eval plan.plan --data book.csv --format csv > status.csv",
                    comment: "a sheet that opens safely in Excel"),
        ],
        run: EvalCommand.run)

    static let reportSpec = CommandSpec(
        name: "report",
        summary: "write the compliance summary for the Improvement Board, as HTML or Markdown",
        synopsis: "[OPTION]... --as-of DATE FILE...",
        description: """
            Judges the plans as eval does and writes one self-contained page: the headline counts, key \
            targets, what needs attention, what changed since each --compare date, and a chart for each \
            measure. The format comes from --format, else from the name given to -o (.html, .htm, .md, \
            .markdown); with no -o the report is printed as Markdown. A file is replaced atomically (through \
            a symbolic link, its target); a device or FIFO (/dev/stdout) is written into. -o never names a \
            plan, include or data file the report reads.
            """,
        options: [
            OptionSpec(names: ["--data"], value: "CSV", completion: .files("csv"), repeatable: true,
                       help: "a performance book to judge against; repeat for several"),
            OptionSpec(names: ["--as-of"], value: "DATE", help: "judge as on this day, YYYY-MM-DD (required)"),
            OptionSpec(names: ["--compare"], value: "DATE", repeatable: true,
                       help: "also show what changed since this earlier date; repeat for several"),
            OptionSpec(names: ["-o", "--output"], value: "FILE", completion: .anyFile,
                       help: "write the report to FILE (- for standard output)"),
            OptionSpec(names: ["--format"], value: "FORMAT", choices: ["html", "markdown"],
                       completion: .words(["html", "markdown"]),
                       help: "html or markdown (default: from the name of -o, else markdown)"),
            OptionSpec(names: ["--charts"], value: "WHICH", choices: ["all", "attention", "none"],
                       completion: .words(["all", "attention", "none"]),
                       help: "chart every measure (all, the default), only key ones and those missed or at risk (attention), or none"),
            OptionSpec(names: ["--generated-at"], value: "TEXT",
                       help: "a line saying when the report was made, e.g. \"31 Oct 2013 09:00\" (default: none, so the same input gives the same bytes)"),
            OptionSpec(names: ["--stdin-filename"], value: "NAME", completion: .files("plan"),
                       help: "the name standard input (-) goes by in messages; its includes are found relative to it"),
        ],
        operands: .files("plan"),
        examples: [
            Example(command: "plancheck report plan.plan --data book.csv --as-of 2013-10-31 -o board.html",
                    comment: "the board's HTML page"),
            Example(command: "plancheck report plan.plan --data book.csv --as-of 2013-10-31 --compare 2013-08-31 -o board.md",
                    comment: "Markdown, with what changed since 31 August"),
        ],
        run: ReportCommand.run)

    static let fmtSpec = CommandSpec(
        name: "fmt",
        summary: "lay plans out in the canonical form",
        synopsis: "[-w | --check | --diff] FILE...",
        description: """
            Prints each plan in the canonical layout: entries at column 1, clauses indented two spaces, \
            one clause a line, comments kept where they were. Formatting never changes meaning, and \
            formatting twice changes nothing. A file with syntax errors is never rewritten.
            """,
        options: [
            OptionSpec(names: ["-w", "--write"],
                       help: "rewrite the files in place (atomically, and only those that change)"),
            OptionSpec(names: ["--check"],
                       help: "list the files that are not in fmt form, and exit 1 if there are any; changes nothing"),
            OptionSpec(names: ["--diff"],
                       help: "print a unified diff of what -w would change, and exit 1 if there is any; changes nothing"),
            OptionSpec(names: ["--stdin-filename"], value: "NAME", completion: .files("plan"),
                       help: "the name standard input (-) goes by in messages"),
        ],
        operands: .files("plan"),
        examples: [
            Example(command: "plancheck fmt -w *.plan", comment: "reformat every plan here"),
            Example(command: "plancheck fmt --diff plan.plan", comment: "show what would change"),
            Example(command: "plancheck fmt --check *.plan", comment: "in CI: fail when a plan is not formatted"),
        ],
        run: FormatCommand.run)

    static let importSpec = CommandSpec(
        name: "import",
        summary: "turn an existing plan table (TSV, CSV or .xlsx) into a plan",
        synopsis: "[-o PLAN [--force]] [--period PERIOD] [--sheet NAME] TABLE",
        description: """
            Reads an improvement plan kept as a table (a Word or Excel table saved as TSV or CSV, or an \
            .xlsx workbook), finds its header row, recognises its columns by their wording and writes a \
            plan in fmt form: sections, measures and actions with their ids, titles, leads and deadlines, \
            and targets where the words are unambiguous ("No less than 85%", "from 80% to 90%"; "within 15 \
            working days" only on a measure of a length of time, as elsewhere it is a standard whose target is \
            a percentage). \
            Anything it cannot read with confidence becomes a # TODO comment quoting the words, and every \
            criterion's words are kept in a note. A summary of what was recognised goes to standard error.
            """,
        options: [
            OptionSpec(names: ["-o", "--output"], value: "PLAN", completion: .files("plan"),
                       help: "write the plan to this file (atomically) instead of standard output"),
            OptionSpec(names: ["-f", "--force"], help: "let -o replace a file that exists (never the TABLE itself)"),
            OptionSpec(names: ["--period"], value: "PERIOD",
                       help: "the plan's period, as in \"April 2013 to March 2014\", when the table does not make it clear"),
            OptionSpec(names: ["--sheet"], value: "NAME", help: "the workbook sheet that holds the table, hidden or not (without it, the first visible sheet that holds one; any other is named)"),
        ],
        operands: .anyFile,
        examples: [
            Example(command: "plancheck import improvement-plan.tsv -o plan.plan",
                    comment: "a table saved from Word or Excel, to a new plan"),
            Example(command: "plancheck import tracker.xlsx --sheet \"RAG\" --period \"April 2016 to March 2017\"",
                    comment: "one sheet of a workbook, printed"),
        ],
        run: ImportCommand.run)

    static let parseSpec = CommandSpec(
        name: "parse",
        summary: "print a plan's syntax tree",
        synopsis: "[--dump] FILE",
        description: """
            Parses one plan (without its includes) and prints the syntax tree, to see how a line was \
            read. Syntax errors go to standard error and exit 1.
            """,
        options: [
            OptionSpec(names: ["--dump"], help: "print the tree (the default; kept for scripts that pass it)"),
            OptionSpec(names: ["--stdin-filename"], value: "NAME", completion: .files("plan"),
                       help: "the name standard input (-) goes by in messages"),
        ],
        operands: .files("plan"),
        examples: [Example(command: "plancheck parse --dump plan.plan", comment: "the tree of plan.plan")],
        run: ParseCommand.run)

    static let lspSpec = CommandSpec(
        name: "lsp",
        summary: "run the language server for editors (LSP 3.17 on standard input and output)",
        synopsis: "[--stdio]",
        description: """
            Speaks the Language Server Protocol on standard input and output, answering from the same \
            checks as the command line: diagnostics as you type with quick fixes, hover, go to \
            definition, references, rename, completion, an outline, folding, formatting and semantic \
            highlighting. Editors start it themselves; editors/ in the repository holds the set-up for \
            VS Code, Neovim, Helix and Emacs.
            """,
        options: [
            OptionSpec(names: ["--stdio"],
                       help: "talk over standard input and output: the only transport, accepted because editors pass it"),
        ],
        examples: [Example(command: "plancheck lsp --stdio", comment: "what an editor runs")],
        run: LSPCommand.run)

    static let explainSpec = CommandSpec(
        name: "explain",
        summary: "describe a diagnostic code, with an example of the mistake and its fix",
        synopsis: "[--markdown] [CODE]",
        description: """
            With a CODE (the word in brackets in error[unknown-reference]), explains the rule, shows a \
            plan that breaks it, what plancheck says about it, and the same plan fixed. With no CODE, \
            lists every code with its severity and a one-line summary.
            """,
        options: [
            OptionSpec(names: ["--markdown"],
                       help: "print the explanations (of CODE, or of every code) as Markdown, a section per code, as in docs/diagnostics.md"),
        ],
        operands: .words(DiagnosticCode.allCases.map(\.rawValue)),
        examples: [
            Example(command: "plancheck explain", comment: "every code"),
            Example(command: "plancheck explain impossible-date", comment: "one rule, with an example"),
            Example(command: "plancheck explain --markdown > diagnostics.md", comment: "every rule, for a web page"),
        ],
        run: ExplainCommand.run)

    static let helpSpec = CommandSpec(
        name: "help",
        summary: "show the help for plancheck or for one command",
        synopsis: "[COMMAND]",
        description: "The same as plancheck --help, or plancheck COMMAND --help.",
        operands: .words([]),  // filled in by the completions: the command names
        examples: [Example(command: "plancheck help check", comment: "the options of check")],
        run: HelpCommand.run)

    static let completionsSpec = CommandSpec(
        name: "completions",
        summary: "print a shell completion script for bash, zsh or fish",
        synopsis: "SHELL",
        description: """
            Prints the completion script for SHELL, generated from the same description of the \
            commands as --help. The repository keeps them in completions/ (make completions), and \
            make install puts them where each shell looks.
            """,
        operands: .words(["bash", "zsh", "fish"]),
        examples: [
            Example(command: "source <(plancheck completions bash)", comment: "completions in this bash session"),
            Example(command: "plancheck completions fish > ~/.config/fish/completions/plancheck.fish",
                    comment: "completions for fish, from now on"),
        ],
        run: CompletionsCommand.run)

    static let manSpec = CommandSpec(
        name: "man",
        summary: "print the manual page (roff)",
        synopsis: "",
        description: "Prints plancheck(1), generated from the same description of the commands as --help.",
        examples: [Example(command: "plancheck man | man -l -", comment: "read it")],
        run: ManCommand.run)

    static let versionSpec = CommandSpec(
        name: "version",
        summary: "print the version",
        synopsis: "",
        description: "Prints plancheck's version, as plancheck --version does.",
        run: { _ in
            System.write("plancheck \(version)\n", to: 1)
            return 0
        })

    static func named(_ name: String) -> CommandSpec? {
        switch name {
        case "check": checkSpec
        case "eval": evalSpec
        case "report": reportSpec
        case "fmt": fmtSpec
        case "import": importSpec
        case "parse": parseSpec
        case "lsp": lspSpec
        case "explain": explainSpec
        case "help": helpSpec
        case "completions": completionsSpec
        case "man": manSpec
        case "version": versionSpec
        default: nil
        }
    }

    /// Exit codes, for the help and the man page.
    static let exitCodes: [(Int, String)] = [
        (0, "clean: no errors (warnings allowed unless check --strict)"),
        (1, "findings: errors in a plan or its data, a file fmt would change, or a status named by eval --fail-on"),
        (2, "bad usage (an unknown option, a bad date), an unreadable file, or output that could not be written (standard output or error, -o, fmt -w)"),
    ]

    /// Environment variables, for the help and the man page.
    static let environment: [(String, String)] = [
        ("NO_COLOR", "when set to a non-empty value, no colour (unless --color=always)"),
        ("TERM", "dumb means no colour (unless --color=always)"),
        ("COLUMNS", "the width the eval table fits, when set (else the terminal's, else 120)"),
    ]
}
