import SamkalkCore
import SamkalkMicrodata

/// The follow-up study as a workbook and as CSV in either dialect. The table is the follow-up
/// CSV's (``FollowupReport/csvHeader``): in the RFC 4180 dialect it gives the same bytes as
/// ``FollowupReport/csv(_:)``, which a test holds.
public enum FollowupXLSX {
  /// One row per subgroup and perspective, numbers as numbers.
  static func table(_ result: FollowupResult) -> CSVTable {
    CSVTable(
      header: FollowupReport.csvHeader.split(separator: ",").map(String.init),
      rows: result.subgroups.flatMap { subgroup in
        subgroup.figures.map { figure in
          [
            .text(subgroup.id), .text(figure.perspective.id), .number(String(subgroup.persons)),
            .number(figure.before.description), .number(figure.after.description), .number(figure.change.description),
            .number(figure.changePerParticipant?.description ?? ""), .number(figure.scaledChange.description),
            .number(figure.interval?.lowerBound.description ?? ""),
            .number(figure.interval?.upperBound.description ?? ""),
          ]
        }
      })
  }

  /// The follow-up CSV in a dialect (`excel-sv`: `;`, decimal comma, byte-order mark).
  public static func csv(_ result: FollowupResult, dialect: CSVDialect) -> [UInt8] {
    table(result).render(dialect: dialect)
  }

  /// The workbook: `Sammanfattning` (the study's facts and the whole sample's figures per
  /// perspective), `Resultat` (the CSV's rows) and `Kalkylvärden` (the rates used). English sheet
  /// names with `language: .en`.
  public static func workbook(
    _ result: FollowupResult, language: ReportLanguage = .sv, samkalkVersion: String, title: String? = nil
  ) -> XLSXWorkbook {
    let s = ReportStrings(language)
    let sv = language == .sv
    let options = result.options
    let total = CSVTable(
      header: [
        s[.perspective], "id", s[.before] + " (kr)", s[.after] + " (kr)", s[.change] + " (kr)",
        s[.changePerParticipant] + " (kr)", s[.scaledChange] + " (kr)", "ci_low", "ci_high",
      ],
      rows: result.total.figures.map { figure in
        [
          .text(s.name(figure.perspective)), .text(figure.perspective.id), .number(figure.before.description),
          .number(figure.after.description), .number(figure.change.description),
          .number(figure.changePerParticipant?.description ?? ""), .number(figure.scaledChange.description),
          .number(figure.interval?.lowerBound.description ?? ""),
          .number(figure.interval?.upperBound.description ?? ""),
        ]
      })
    let number = { (value: Int) in XLSXWorkbook.Cell.number(String(value)) }
    return XLSXWorkbook(sheets: [
      total.summarySheet(
        name: sv ? "Sammanfattning" : "Summary", title: title ?? "\(s[.followupTitle]): \(FollowupHTML.stem(result))",
        facts: [
          (s[.followupFile], .text(result.file)), (s[.sha256], .text(result.sha256)),
          (s[.personsRead], number(result.personsRead)), (s[.personsIncluded], number(result.personsIncluded)),
          (s[.personsPartial], number(result.personsPartial)), (s[.personsExcluded], number(result.personsExcluded)),
          (s[.windowBefore], number(options.monthsBefore)), (s[.windowAfter], number(options.monthsAfter)),
          (s[.groupSize], number(result.groupSize)), (s[.ratesDate], .text(result.ratesDate.description)),
          // The seed as text: a UInt64 above 2^53 would be rounded as a spreadsheet number.
          (s[.bootstrap], number(options.bootstrapReplicates)), (s[.seed], .text(String(options.seed))),
          (s[.samkalkVersion], .text(samkalkVersion)),
        ]),
      table(result).sheet(name: sv ? "Resultat" : "Results", widths: [0: 14, 1: 20]),
      XLSXReport.ratesSheet(result.ratesUsed, strings: s, name: sv ? "Kalkylvärden" : "Rates used"),
    ])
  }
}
