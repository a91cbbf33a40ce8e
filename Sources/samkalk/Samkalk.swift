import ArgumentParser

/// The `samkalk` command: a thin layer over the library, one small struct per subcommand.
@main
struct Samkalk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "samkalk",
    abstract: "Socio-economic cost-benefit calculator for Swedish labour-market and rehabilitation measures.",
    discussion: """
      samkalk models every actor's costs and incomes (individ, kommun, region, Försäkringskassan, \
      Arbetsförmedlingen, staten, arbetsgivare) before and after a measure, from a scenario file and \
      dated, sourced rate tables, and writes XML, CSV, HTML and Excel reports.
      """,
    version: SamkalkVersion.current,
    subcommands: [
      RunCommand.self, CompareCommand.self, ValidateCommand.self, TaxCommand.self, RatesCommand.self,
      FollowupCommand.self, SensitivityCommand.self, UncertaintyCommand.self, ServeCommand.self,
    ])
}

/// The version printed by `--version` and written into every report.
enum SamkalkVersion {
  static let current = "0.1.0"
}
