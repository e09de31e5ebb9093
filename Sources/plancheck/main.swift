import PlanCheck

/// plancheck: read, check, format and judge improvement plans.
///
/// Exit codes: 0 clean, 1 findings (errors, or statuses named by --fail-on),
/// 2 bad usage or unreadable input. The commands, their options and their
/// help are described once, in `Commands.all`.
let version = "0.1.0"

System.exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
