import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkMicrodata
import SamkalkRates
import SamkalkReports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `samkalk followup DATA.csv [--before 12] [--after 12] [--group-size N] [--bootstrap N] [--seed S]
/// [--skip-invalid] [--keep-partial] [--rates-date YYYY-MM-DD] [--rates FILE…] [--out DIR] [--format xml,csv,html,xlsx]
/// [--lang sv|en] [--csv-dialect rfc4180|excel-sv]`, or `samkalk followup SCENARIO.xml [--skip-invalid] [--rates FILE…]
/// [--out DIR] [--format …] [--lang …] [--csv-dialect …]` for a
/// scenario with `<followup>` (the study's settings and rates date then come from the scenario).
struct FollowupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "followup",
    abstract: "Evaluate person-month follow-up data: per-actor before/after, by sex and age band.",
    discussion: """
      Reads person-month rows (docs/FOLLOWUP-FORMAT.md), builds each person's before window (the N months \
      ending with the month before enrolment) and after window (the M months starting with the month after \
      exit), values every month with the rate tables, adds income tax per person and window, and writes \
      DIR/<stem>-followup.xml and .csv (and .html, .xlsx on request; atomically) and a summary. Given a \
      scenario file (.xml) with a <followup> element instead, reads the data file it names, with its windows, group size, bootstrap, \
      seed and missing-data rule and the scenario's rates date; the study's flags are then refused.
      """)

  @Argument(
    help: ArgumentHelp("The follow-up data (CSV), or a scenario (.xml) with <followup>.", valueName: "data.csv"))
  var data: String

  @Option(name: .long, help: "Months in the before window (1–64; default 12).")
  var before: Int?

  @Option(name: .long, help: "Months in the after window (1–64; default 12).")
  var after: Int?

  @Option(name: .customLong("group-size"), help: "Participants the sample stands for (default: the sample).")
  var groupSize: Int?

  @Option(name: .long, help: "Bootstrap replicates for the intervals (0: none; default 1000).")
  var bootstrap: Int?

  @Option(name: .long, help: "Seed of the bootstrap (xoshiro256** seeded by SplitMix64; default 1).")
  var seed: UInt64?

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

  @OptionGroup var output: ReportOutputOptions

  @OptionGroup var rates: RatesOptions

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  func validate() throws {
    if let ratesDate, Day(ratesDate) == nil { throw ValidationError("--rates-date '\(ratesDate)' is not YYYY-MM-DD") }
    if isScenario {
      let given = [
        ("--before", before != nil), ("--after", after != nil), ("--group-size", groupSize != nil),
        ("--bootstrap", bootstrap != nil), ("--seed", seed != nil), ("--keep-partial", keepPartial),
        ("--rates-date", ratesDate != nil),
      ].filter(\.1).map(\.0)
      if !given.isEmpty {
        throw ValidationError(
          "\(given.joined(separator: ", ")): a scenario's <followup> and its rates date set these; "
            + "change the scenario, or give the CSV file itself")
      }
      return
    }
    let problems = options.problems()
    if let first = problems.first { throw ValidationError(first) }
  }

  /// A scenario rather than a CSV file: the name ends in .xml, or the file starts with '<'.
  private var isScenario: Bool {
    if data.lowercased().hasSuffix(".xml") { return true }
    // Not a regular file (a FIFO would block here): left to the reader, which says so.
    guard let (descriptor, _) = try? InputFile.open(path: data) else { return false }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    let head = (try? handle.read(upToCount: 64)).map { Array($0) } ?? []
    let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
    return body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
  }

  private var options: FollowupStudy.Options {
    var options = FollowupStudy.Options()
    options.monthsBefore = before ?? 12
    options.monthsAfter = after ?? 12
    options.groupSize = groupSize
    options.bootstrapReplicates = bootstrap ?? 1000
    options.seed = seed ?? 1
    options.skipInvalid = skipInvalid
    options.keepPartial = keepPartial
    options.ratesDate = ratesDate.flatMap { Day($0) }
    return options
  }

  /// A progress bar on standard error, only on a terminal and for large inputs (64 MB and up).
  private func progressBar(for path: String) -> (@Sendable (Int, Int) -> Void)? {
    var info = stat()
    guard ProgressBar.isTerminal, stat(path, &info) == 0, Int(info.st_size) >= 64 << 20 else { return nil }
    return { done, total in ProgressBar.draw(done: done, total: total) }
  }

  func run() throws {
    do throws(DiagnosticError) {
      let book = try rates.load()
      let result: FollowupResult
      var title: String?
      var inputs = [data] + rates.inputPaths
      if isScenario {
        let loaded = try ScenarioReader(rates: book, fileReferences: scenarioFiles.fileReferences).read(path: data)
        DiagnosticPrinter.print(loaded.warnings)
        guard let spec = loaded.scenario.followup else {
          throw DiagnosticError(
            .error(
              "the scenario has no <followup> element: add <followup file=\"data.csv\"/> "
                + "(docs/SCENARIO-FORMAT.md) or give the CSV file itself", at: SourceLocation(file: data)))
        }
        inputs.append(spec.path)
        title = loaded.scenario.title
        result = try FollowupStudy.run(
          scenario: loaded.scenario, rates: book, skipInvalid: skipInvalid, progress: progressBar(for: spec.path))!
      } else {
        var options = self.options
        options.progress = progressBar(for: data)
        result = try FollowupStudy(rates: book, options: options).run(path: data)
      }
      DiagnosticPrinter.print(result.skipped)
      DiagnosticPrinter.print(result.warnings)
      let reportOptions = output.options()
      let written = try FollowupReportWriter.write(
        result, formats: output.formats, language: reportOptions.language, csvDialect: reportOptions.csvDialect,
        samkalkVersion: SamkalkVersion.current, title: title, directory: output.out, protectedPaths: inputs)
      FileHandleOutput.standardOutput(FollowupReport.summary(result))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
