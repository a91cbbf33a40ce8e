import SamkalkCore
import SamkalkEngine

/// The CSV report: one row per perspective and horizon year (documented column by column in
/// `docs/REPORT-FORMAT.md`).
///
/// RFC 4180: UTF-8 without a byte-order mark, a header row, `,` between fields, `\r\n` after
/// every record (the last one too), and `"` around a field that holds `,`, `"`, CR or LF (an
/// inner `"` doubled). Numbers use `.` as the decimal mark and no grouping. A text field that
/// starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so that a spreadsheet does not
/// run it as a formula; number fields are never changed.
public enum CSVReport {
  /// The header row's column names, in order. The first twelve are those of report version 1;
  /// the adjustment steps follow, so a script that reads columns by position keeps working.
  public static let columns = [
    "actor", "year", "before", "after", "change", "investment", "net", "cumulative",
    "present_value",
    "first_month", "last_month", "actor_name",
    "after_deadweight", "after_attribution", "after_displacement", "effect", "investment_before_uplift",
  ]

  /// The subgroup file's columns: the subgroup, then the main file's columns.
  public static let subgroupColumns = ["subgroup", "sex", "age_band", "participants"] + columns

  public static func render(_ result: ScenarioResult, dialect: CSVDialect = .rfc4180) -> [UInt8] {
    var text = record(columns.map(CSVField.text), dialect: dialect)
    for perspective in result.perspectives {
      for year in perspective.years {
        text += record(fields(perspective, year, scenario: result.scenario), dialect: dialect)
      }
    }
    return dialect.prefix + Array(text.utf8)
  }

  /// The subgroup table (`<id>-subgroups.csv`): one row per subgroup, perspective and year, in
  /// the engine's subgroup order. `nil` when the scenario names no subgroups.
  public static func renderSubgroups(_ result: ScenarioResult, dialect: CSVDialect = .rfc4180) -> [UInt8]? {
    guard !result.subgroups.isEmpty else { return nil }
    var text = record(subgroupColumns.map(CSVField.text), dialect: dialect)
    for subgroup in result.subgroups {
      let lead: [CSVField] = [
        .text(subgroup.subgroup.description), .text(subgroup.subgroup.sex?.rawValue ?? ""),
        .text(subgroup.subgroup.ageBand ?? ""), .number(ReportText.persons(subgroup.participants)),
      ]
      for perspective in subgroup.perspectives {
        for year in perspective.years {
          text += record(lead + fields(perspective, year, scenario: result.scenario), dialect: dialect)
        }
      }
    }
    return dialect.prefix + Array(text.utf8)
  }

  static func fields(_ perspective: PerspectiveResult, _ year: YearFigures, scenario: Scenario) -> [CSVField] {
    let (first, last) = ReportText.months(
      ofYear: year.year, start: scenario.start, horizonMonths: scenario.months)
    return [
      .text(perspective.perspective.id), .number(String(year.year)),
      .number(year.before.description), .number(year.after.description),
      .number(year.change.description), .number(year.investment.description),
      .number(year.net.description), .number(year.cumulative.description),
      .number(ReportText.kronor(year.presentValue)), .text(first.description),
      .text(last.description), .text(perspective.perspective.swedishName),
      .number(year.afterDeadweight.description), .number(year.afterAttribution.description),
      .number(year.afterDisplacement.description), .number(year.effect.description),
      .number(year.investmentBeforeUplift.description),
    ]
  }

  /// One record with its `\r\n` terminator.
  static func record(_ fields: [CSVField], dialect: CSVDialect = .rfc4180) -> String {
    fields.map { $0.encoded(in: dialect) }.joined(separator: String(dialect.separator)) + "\r\n"
  }
}

/// The CSV dialect: RFC 4180 (`,`, decimal point, no byte-order mark; the default) or the one a
/// spreadsheet set to Swedish opens with a double-click (`excel-sv`: `;`, decimal comma, UTF-8
/// byte-order mark). Records end with CRLF in both.
public enum CSVDialect: String, CaseIterable, Sendable {
  case rfc4180
  case excelSV = "excel-sv"

  var separator: Character { self == .excelSV ? ";" : "," }

  /// The bytes before the header: the UTF-8 byte-order mark for `excel-sv`.
  var prefix: [UInt8] { self == .excelSV ? [0xEF, 0xBB, 0xBF] : [] }
}

/// One CSV field: text (neutralised against formulas, quoted when needed) or a number.
enum CSVField {
  case text(String)
  case number(String)

  /// The characters that make a spreadsheet read a text cell as a formula.
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  var encoded: String { encoded(in: .rfc4180) }

  func encoded(in dialect: CSVDialect) -> String {
    switch self {
    case .number(let value): return dialect == .excelSV ? value.replacing(".", with: ",") : value
    case .text(let value):
      var text = value
      if let first = text.unicodeScalars.first, CSVField.formulaStarts.contains(first) {
        text = "'" + text
      }
      return CSVField.quotedIfNeeded(text, separator: dialect.separator)
    }
  }

  /// Wraps a field in `"` when it holds `,`, `"`, CR or LF, doubling inner quotes (RFC 4180 §2).
  static func quotedIfNeeded(_ field: String, separator: Character = ",") -> String {
    let needsQuotes = field.contains {
      $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n"
    }
    guard needsQuotes else { return field }
    var quoted = "\""
    for character in field {
      if character == "\"" { quoted.append("\"") }
      quoted.append(character)
    }
    return quoted + "\""
  }
}
