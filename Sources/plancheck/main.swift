import PlanCheck

/// plancheck: read, check, format and judge improvement plans.
///
/// Exit codes: 0 clean, 1 findings (errors, or statuses named by --fail-on),
/// 2 bad usage or unreadable input.
let version = "0.1.0"

let usage = """
    plancheck \(version): read, check and judge improvement plans

    usage:
      plancheck check [--format text|json|sarif] [--strict] [--data CSV]... FILE...
      plancheck eval [--data CSV]... [--as-of YYYY-MM-DD] [--format table|json|csv|junit]
                     [--lead NAME]... [--workstream ID]... [--status at-risk,missed,...] [--key]
                     [--fail-on missed|at-risk] FILE...
      plancheck report [--data CSV]... --as-of YYYY-MM-DD [--compare YYYY-MM-DD]... [-o OUT]
                       [--format html|markdown] [--charts all|attention|none] [--generated-at TEXT] FILE...
      plancheck fmt [--check | -w] FILE...
      plancheck import TABLE.tsv|.csv|.xlsx [-o PLAN] [--force] [--period "April 2013 to March 2014"] [--sheet NAME]
      plancheck parse --dump FILE
      plancheck explain [CODE]
      plancheck lsp [--stdio]

    FILE may be - for standard input (name it with --stdin-filename NAME).
    exit codes: 0 clean, 1 findings, 2 bad usage or unreadable input

    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    System.write(usage, to: 2)
    System.exit(2)
}
arguments.removeFirst()

let code: Int32
switch command {
case "check": code = CheckCommand.run(arguments)
case "eval": code = EvalCommand.run(arguments)
case "report": code = ReportCommand.run(arguments)
case "fmt": code = FormatCommand.run(arguments)
case "import": code = ImportCommand.run(arguments)
case "parse": code = ParseCommand.run(arguments)
case "explain": code = ExplainCommand.run(arguments)
case "lsp": code = LSPCommand.run(arguments)
case "-h", "--help", "help":
    System.write(usage, to: 1)
    code = 0
case "--version", "version":
    System.write("plancheck \(version)\n", to: 1)
    code = 0
default:
    System.write("plancheck: unknown command '\(command)'\n\n" + usage, to: 2)
    code = 2
}
System.exit(code)
