import Foundation
import SamkalkCore
import SamkalkXML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The follow-up study's reports: XML (`urn:samkalk:followup:1`), CSV and a summary table
/// (docs/FOLLOWUP-FORMAT.md, "Reports"). Same result, same bytes: no timestamps.
public enum FollowupReport {
  public static let namespace = "urn:samkalk:followup:1"

  /// The path of the bundled `followup.xsd`, the schema of the XML report.
  public static var schemaPath: String {
    Bundle.module.path(forResource: "followup", ofType: "xsd") ?? Bundle.module.bundlePath + "/followup.xsd"
  }

  /// Validates an XML report against `followup.xsd`: every problem, located; empty when valid.
  public static func validate(_ bytes: [UInt8], file: String = "followup.xml") throws(DiagnosticError) -> [Diagnostic] {
    let schema = try XMLSchema(path: schemaPath)
    return schema.validate(try XMLDocument.parse(bytes: bytes, file: file))
  }

  /// The XML report.
  public static func xml(_ result: FollowupResult, samkalkVersion: String) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("followup", namespace: namespace)
    writer.attribute("version", "1")
    writer.attribute("samkalk", samkalkVersion)
    writer.start("input")
    writer.attribute("file", result.file)
    writer.attribute("sha256", result.sha256)
    writer.attribute("bytes", String(result.bytes))
    writer.attribute("encoding", result.encoding.rawValue)
    writer.attribute("separator", String(result.separator))
    writer.attribute("rows", String(result.rowsRead))
    writer.attribute("rowsInWindows", String(result.rowsInWindows))
    writer.attribute("rowsOutsideWindows", String(result.rowsOutsideWindows))
    writer.attribute("distinctValuations", String(result.distinctValuations))
    writer.attribute("municipalities", String(result.municipalities))
    writer.end()
    let options = result.options
    writer.start("method")
    writer.attribute("ratesDate", result.ratesDate.description)
    writer.attribute("monthsBefore", String(options.monthsBefore))
    writer.attribute("monthsAfter", String(options.monthsAfter))
    writer.attribute("missing", options.keepPartial ? "keep-partial" : "exclude")
    writer.attribute("invalidRows", options.skipInvalid ? "skip" : "error")
    writer.attribute("groupSize", String(result.groupSize))
    writer.attribute("groupSizeStated", options.groupSize == nil ? "false" : "true")
    writer.attribute("bootstrapReplicates", String(options.bootstrapReplicates))
    writer.attribute("seed", String(options.seed))
    writer.attribute("confidence", String(options.confidence))
    writer.attribute("prng", "xoshiro256** seeded by SplitMix64")
    writer.end()
    writer.start("persons")
    writer.attribute("read", String(result.personsRead))
    writer.attribute("included", String(result.personsIncluded))
    writer.attribute("partial", String(result.personsPartial))
    writer.attribute("excluded", String(result.personsExcluded))
    for reason in ExclusionReason.allCases {
      guard let count = result.excluded[reason] else { continue }
      writer.start("excluded")
      writer.attribute("reason", reason.rawValue)
      writer.attribute("persons", String(count))
      writer.text(reason.explanation)
      writer.end()
    }
    writer.end()
    writer.start("skipped")
    writer.attribute("lines", String(result.skippedLines))
    writer.attribute("listed", String(Set(result.skipped.compactMap(\.location.line)).count))
    for diagnostic in result.skipped {
      writer.start("line")
      writer.attribute("number", String(diagnostic.location.line ?? 0))
      writer.attribute("column", String(diagnostic.location.column ?? 0))
      writer.text(diagnostic.message)
      writer.end()
    }
    writer.end()
    writer.start("results")
    writer.attribute("unit", "kr")
    for subgroup in result.subgroups {
      writer.start("subgroup")
      writer.attribute("id", subgroup.id)
      writer.attribute("kind", subgroup.kind.rawValue)
      writer.attribute("persons", String(subgroup.persons))
      for figure in subgroup.figures {
        writer.start("actor")
        writer.attribute("id", figure.perspective.id)
        writer.attribute("before", figure.before.description)
        writer.attribute("after", figure.after.description)
        writer.attribute("change", figure.change.description)
        if let perParticipant = figure.changePerParticipant {
          writer.attribute("changePerParticipant", perParticipant.description)
        }
        writer.attribute("scaledChange", figure.scaledChange.description)
        if let interval = figure.interval {
          writer.attribute("ciLow", interval.lowerBound.description)
          writer.attribute("ciHigh", interval.upperBound.description)
        }
        writer.end()
      }
      writer.end()
    }
    writer.end()
    writer.start("warnings")
    for warning in result.warnings {
      writer.element("warning", text: warning.message)
    }
    writer.end()
    writer.start("rates")
    for rate in result.ratesUsed {
      writer.start("rate")
      writer.attribute("key", rate.resolved.value.key.rawValue)
      writer.attribute("from", rate.resolved.value.from.description)
      if let number = rate.resolved.number { writer.attribute("value", String(number)) }
      writer.attribute("file", rate.file)
      writer.end()
    }
    writer.end()
    writer.end()
    return writer.finish()
  }

  public static let csvHeader =
    "subgroup,actor,persons,before,after,change,change_per_participant,scaled_change,ci_low,ci_high"

  /// The CSV report: RFC 4180, `,` separators, `.` decimals, kronor with two decimals, CRLF.
  public static func csv(_ result: FollowupResult) -> [UInt8] {
    var text = csvHeader + "\r\n"
    for subgroup in result.subgroups {
      for figure in subgroup.figures {
        let fields = [
          subgroup.id, figure.perspective.id, String(subgroup.persons), figure.before.description,
          figure.after.description, figure.change.description, figure.changePerParticipant?.description ?? "",
          figure.scaledChange.description, figure.interval?.lowerBound.description ?? "",
          figure.interval?.upperBound.description ?? "",
        ]
        text += fields.map(csvField).joined(separator: ",") + "\r\n"
      }
    }
    return Array(text.utf8)
  }

  private static func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A plain-text table of the whole sample's figures, with the counts and reasons.
  public static func summary(_ result: FollowupResult) -> String {
    var lines: [String] = []
    let options = result.options
    lines.append(
      "Follow-up \(result.file): \(result.rowsRead) rows, \(result.personsRead) persons; "
        + "\(result.personsIncluded) included, \(result.personsExcluded) excluded, \(result.personsPartial) partial")
    for reason in ExclusionReason.allCases {
      if let count = result.excluded[reason] { lines.append("  excluded: \(count) \(reason.explanation)") }
    }
    if result.skippedLines > 0 { lines.append("  skipped lines: \(result.skippedLines)") }
    lines.append(
      "Windows: \(options.monthsBefore) months before enrolment, \(options.monthsAfter) after exit; rates "
        + "\(result.ratesDate); group size \(result.groupSize)"
        + (options.bootstrapReplicates > 0
          ? "; \(Int(options.confidence * 100)) % bootstrap interval (\(options.bootstrapReplicates) replicates, seed \(options.seed))"
          : ""))
    let header = ["actor", "before", "after", "change", "per participant", "scaled", "interval"]
    var rows = [header]
    for figure in result.total.figures {
      rows.append([
        figure.perspective.id, GroupedNumber.kronor(figure.before), GroupedNumber.kronor(figure.after),
        GroupedNumber.kronor(figure.change), figure.changePerParticipant.map { GroupedNumber.kronor($0) } ?? "",
        GroupedNumber.kronor(figure.scaledChange),
        figure.interval.map { "\(GroupedNumber.kronor($0.lowerBound)) … \(GroupedNumber.kronor($0.upperBound))" }
          ?? "",
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    for row in rows {
      let cells = row.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return index == 0 ? cell + pad : pad + cell
      }
      lines.append(cells.joined(separator: "  "))
    }
    lines.append(
      "Amounts in kr for all \(result.personsIncluded) persons in the sample; by sex and age band in the reports.")
    return lines.joined(separator: "\n") + "\n"
  }
}
