import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkMicrodata
import SamkalkRates

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `samkalk followup DATA.csv [--before 12] [--after 12] [--group-size N] [--bootstrap N] [--seed S]
/// [--skip-invalid] [--keep-partial] [--rates-date YYYY-MM-DD] [--rates FILE…] [--out DIR] [--format xml,csv]`
struct FollowupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "followup",
    abstract: "Evaluate person-month follow-up data: per-actor before/after, by sex and age band.",
    discussion: """
      Reads person-month rows (docs/FOLLOWUP-FORMAT.md), builds each person's before window (the N months \
      ending with the month before enrolment) and after window (the M months starting with the month after \
      exit), values every month with the rate tables, adds income tax per person and window, and writes \
      DIR/<stem>-followup.xml and .csv (atomically) and a summary.
      """)

  @Argument(help: ArgumentHelp("The follow-up data (CSV).", valueName: "data.csv"))
  var data: String

  @Option(name: .long, help: "Months in the before window (1–64).")
  var before: Int = 12

  @Option(name: .long, help: "Months in the after window (1–64).")
  var after: Int = 12

  @Option(name: .customLong("group-size"), help: "Participants the sample stands for (default: the sample).")
  var groupSize: Int?

  @Option(name: .long, help: "Bootstrap replicates for the intervals (0: none).")
  var bootstrap: Int = 1000

  @Option(name: .long, help: "Seed of the bootstrap (xoshiro256** seeded by SplitMix64).")
  var seed: UInt64 = 1

  @Flag(name: .customLong("skip-invalid"), help: "Skip invalid rows, listing each, instead of failing.")
  var skipInvalid = false

  @Flag(name: .customLong("keep-partial"), help: "Keep persons with incomplete windows with the months they have.")
  var keepPartial = false

  @Option(
    name: .customLong("rates-date"),
    help: ArgumentHelp(
      "The rates date (default: January 1 of the latest year with a municipal tax table).",
      valueName: "YYYY-MM-DD"))
  var ratesDate: String?

  @Option(name: .long, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
  var out: String = "reports"

  @Option(name: .long, help: ArgumentHelp("Report formats, comma-separated: xml, csv.", valueName: "formats"))
  var format: String = "xml,csv"

  @OptionGroup var rates: RatesOptions

  private var formats: [FollowupReport.Format] {
    format.split(separator: ",").compactMap { FollowupReport.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
  }

  func validate() throws {
    for name in format.split(separator: ",", omittingEmptySubsequences: false).map({
      $0.trimmingCharacters(in: .whitespaces)
    }) where FollowupReport.Format(rawValue: name) == nil {
      let known = FollowupReport.Format.allCases.map(\.rawValue)
      throw ValidationError(
        "unknown report format '\(name)'\(NameSuggestion.hint(for: name, among: known)); known: \(known.joined(separator: ", "))"
      )
    }
    if let ratesDate, Day(ratesDate) == nil { throw ValidationError("--rates-date '\(ratesDate)' is not YYYY-MM-DD") }
    let problems = options.problems()
    if let first = problems.first { throw ValidationError(first) }
  }

  private var options: FollowupStudy.Options {
    var options = FollowupStudy.Options()
    options.monthsBefore = before
    options.monthsAfter = after
    options.groupSize = groupSize
    options.bootstrapReplicates = bootstrap
    options.seed = seed
    options.skipInvalid = skipInvalid
    options.keepPartial = keepPartial
    options.ratesDate = ratesDate.flatMap { Day($0) }
    return options
  }

  func run() throws {
    var options = self.options
    // A progress bar on standard error, only on a terminal and for large inputs (64 MB and up).
    var info = stat()
    if isatty(STDERR_FILENO) != 0, stat(data, &info) == 0, Int(info.st_size) >= 64 << 20 {
      options.progress = { done, total in
        let share = total > 0 ? min(Double(done) / Double(total), 1) : 0
        let filled = Int(share * 30)
        FileHandleOutput.standardError(
          "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            + "\(Int(share * 100)) %" + (done >= total ? "\n" : ""))
      }
    }
    do {
      let book = try rates.load()
      let result = try FollowupStudy(rates: book, options: options).run(path: data)
      DiagnosticPrinter.print(result.skipped)
      DiagnosticPrinter.print(result.warnings)
      let written = try FollowupReport.write(
        result, formats: formats, directory: out, samkalkVersion: SamkalkVersion.current,
        protectedPaths: [data] + rates.files)
      FileHandleOutput.standardOutput(FollowupReport.summary(result))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
