import Foundation
import SamkalkCore
import SamkalkXML

/// Reads finance officers' CSV files (`--rates`), as Excel writes them (see ``SwedishCSV``).
///
/// A file is one of two kinds, told apart by its header (column names are case-insensitive;
/// Swedish names in brackets are accepted too):
///
/// - **Override table**: `key;value;unit;from;source`, optional `to`, `status`, `url`, `note`
///   ([nyckel, värde, enhet, från, källa, till, status, url, anteckning]). One dated value per
///   row. The key must be a shipped parameter and the unit its unit. Values without `to` hold
///   until the next value of the key in the same file, or indefinitely. `status` defaults to
///   SEEN: the officer's own figure, cited by `source`. An `andel` may be written `31,42 %`.
/// - **Municipal tax table**: `kommunkod;kommun;kommunalskatt;regionskatt;summa` in percent
///   (`20,72`), municipalities named by kommunkod or name; `summa` is optional and checked.
///   The income year comes from a `year`/`år` column or from a file name ending in
///   `-YYYY.csv`. Rows replace the shipped rows of the same municipality and year.
///
/// File n (0-based, counting files added earlier) becomes layer `.userFile(n)`. Every problem in
/// every file is reported together, each at its file, line and column.
public enum UserRatesLoader {
  /// The largest rate table accepted: 64 MiB.
  static let maxBytes = 64 << 20

  static func add(_ paths: [String], to book: RateBook) throws(DiagnosticError) -> RateBook {
    var files: [(name: String, bytes: [UInt8]?)] = []
    var readProblems: [Diagnostic] = []
    for path in paths {
      do {
        files.append((path, try FileBytes.read(path: path, maxBytes: maxBytes)))
      } catch {
        readProblems += error.diagnostics
        files.append((path, nil))
      }
    }
    return try add(files: files, to: book, problems: readProblems)
  }

  /// Adds tables given as bytes (`name` is used in diagnostics); `nil` bytes hold a place
  /// for a file that could not be read, so layers keep their numbers.
  static func add(files: [(name: String, bytes: [UInt8]?)], to book: RateBook, problems: [Diagnostic] = [])
    throws(DiagnosticError) -> RateBook
  {
    var book = book
    var diagnostics = DiagnosticCollector()
    var index = Set(
      book.files.compactMap { file -> Int? in
        if case .userFile(let n) = file.layer { return n }
        return nil
      }
    ).count
    diagnostics.append(contentsOf: problems)
    for (path, bytes) in files {
      defer { index += 1 }
      guard let bytes else { continue }
      let csv: SwedishCSV
      do {
        csv = try SwedishCSV.parse(bytes: bytes, file: path)
      } catch {
        diagnostics.append(contentsOf: error.diagnostics)
        continue
      }
      let layer = RateLayer.userFile(index)
      book.record(
        RateFile(path: path, sha256: SHA256.hex(of: csv.bytes), layer: layer, encoding: csv.encoding.rawValue))
      diagnostics.append(
        Diagnostic(
          .note, at: SourceLocation(file: path),
          "read as \(csv.encoding.rawValue), separator '\(csv.separator)', decimal mark '\(csv.decimalMark)'"))
      let repeated = csv.repeatedColumns(Columns.all + MunicipalTable.columns)
      if !repeated.isEmpty {
        diagnostics.append(contentsOf: repeated)
        continue
      }
      if csv.columnIndex(Columns.key) != nil {
        book.addOverrides(readOverrides(csv, layer: layer, book: book, diagnostics: &diagnostics))
      } else if csv.columnIndex("kommunalskatt") != nil {
        let year = yearFromFileName(path)
        let source = RateSource(title: "Municipal tax table \((path as NSString).lastPathComponent)")
        let rows = MunicipalTable.read(
          csv, year: year, layer: layer, source: source, status: .seen, known: book.municipalTables,
          diagnostics: &diagnostics)
        for row in rows { book.municipalTables[row.year, default: [:]][row.code] = row }
      } else {
        diagnostics.error(
          "unknown CSV header: expected 'key;value;unit;from;source' (an override table) or "
            + "'kommunkod;kommun;kommunalskatt;regionskatt;summa' (a municipal tax table)",
          at: SourceLocation(file: path, line: csv.header.line, column: 1))
      }
    }
    try diagnostics.throwIfErrors()
    book.notes.append(contentsOf: diagnostics.nonErrors)
    return book
  }

  enum Columns {
    static let key = ["key", "nyckel"]
    static let value = ["value", "värde", "varde", "belopp"]
    static let unit = ["unit", "enhet"]
    static let from = ["from", "från", "fran"]
    static let to = ["to", "till"]
    static let source = ["source", "källa", "kalla"]
    static let status = ["status"]
    static let url = ["url", "länk"]
    static let note = ["note", "anteckning", "kommentar"]
    static let all = [key, value, unit, from, to, source, status, url, note]
  }

  /// The field at `index`, or an empty field just after the row's last one.
  static func field(_ row: SwedishCSV.Row, _ index: Int?) -> SwedishCSV.Field? {
    guard let index else { return nil }
    if let field = row[index] { return field }
    let last = row.fields.last
    return SwedishCSV.Field(
      text: "", line: last?.line ?? row.line, column: (last?.column ?? 0) + (last?.text.count ?? 0) + 1)
  }

  static func readOverrides(
    _ csv: SwedishCSV, layer: RateLayer, book: RateBook, diagnostics: inout DiagnosticCollector
  ) -> [RateValue] {
    let columns = (
      key: csv.columnIndex(Columns.key), value: csv.columnIndex(Columns.value), unit: csv.columnIndex(Columns.unit),
      from: csv.columnIndex(Columns.from), to: csv.columnIndex(Columns.to), source: csv.columnIndex(Columns.source),
      status: csv.columnIndex(Columns.status), url: csv.columnIndex(Columns.url), note: csv.columnIndex(Columns.note)
    )
    let required: [(String, Int?)] = [
      ("value", columns.value), ("unit", columns.unit), ("from", columns.from), ("source", columns.source),
    ]
    let missing = required.filter { $0.1 == nil }.map(\.0)
    if !missing.isEmpty {
      diagnostics.error(
        "the header lacks the column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", "))",
        at: csv.location(csv.header))
      return []
    }
    let knownKeys = book.keys.map(\.rawValue)
    var values: [RateValue] = []
    var firstLine: [RateKey: [Day: Int]] = [:]
    for row in csv.rows {
      if let extra = csv.extraField(in: row) {
        diagnostics.error(csv.extraFieldMessage(extra), at: csv.location(extra))
        continue
      }
      let keyField = field(row, columns.key)!
      let key = RateKey(keyField.trimmed)
      guard !key.rawValue.isEmpty else {
        diagnostics.error("missing key", at: csv.location(keyField))
        continue
      }
      guard let info = book.info(for: key) else {
        let hint = NameSuggestion.hint(for: key.rawValue, among: knownKeys)
        diagnostics.error("unknown key '\(key)'\(hint)", at: csv.location(keyField))
        continue
      }
      var ok = true
      let unitField = field(row, columns.unit)!
      if unitField.trimmed.isEmpty {
        diagnostics.error("missing unit: '\(key)' is in \(info.unit.rawValue)", at: csv.location(unitField))
        ok = false
      } else if unitField.trimmed != info.unit.rawValue {
        let known = RateUnit(rawValue: unitField.trimmed) != nil
        diagnostics.error(
          "\(known ? "wrong" : "unknown") unit '\(unitField.trimmed)': '\(key)' is in \(info.unit.rawValue)",
          at: csv.location(unitField))
        ok = false
      }
      let sourceField = field(row, columns.source)!
      if sourceField.trimmed.isEmpty {
        diagnostics.error("missing source for '\(key)'", at: csv.location(sourceField))
        ok = false
      }
      let fromField = field(row, columns.from)!
      let from = Day(fromField.trimmed)
      if from == nil {
        diagnostics.error(
          fromField.trimmed.isEmpty ? "missing from date" : "'\(fromField.trimmed)' is not a date (YYYY-MM-DD)",
          at: csv.location(fromField))
        ok = false
      }
      var to: Day?
      if let toField = field(row, columns.to), !toField.trimmed.isEmpty {
        to = Day(toField.trimmed)
        if to == nil {
          diagnostics.error("'\(toField.trimmed)' is not a date (YYYY-MM-DD)", at: csv.location(toField))
          ok = false
        } else if let from, let to, to < from {
          diagnostics.error("the value ends (\(to)) before it starts (\(from))", at: csv.location(toField))
          ok = false
        }
      }
      var status = RateStatus.seen
      if let statusField = field(row, columns.status), !statusField.trimmed.isEmpty {
        if let parsed = RateStatus(rawValue: statusField.trimmed.uppercased()) {
          status = parsed
        } else {
          diagnostics.error(
            "unknown status '\(statusField.trimmed)': use SEEN, DERIVED, CONVENTION or UNCONFIRMED",
            at: csv.location(statusField))
          ok = false
        }
      }
      let valueField = field(row, columns.value)!
      var amount: RateAmount?
      switch AmountRules.parse(
        valueField.text, unit: info.unit, allowComma: csv.separator == ";", signed: info.signed)
      {
      case .success(let parsed): amount = parsed
      case .failure(let problem):
        diagnostics.error(problem.message, at: csv.location(valueField))
        ok = false
      }
      if let from {
        if let line = firstLine[key]?[from] {
          diagnostics.error(
            "duplicate key and date: '\(key)' from \(from) is already given on line \(line)",
            at: csv.location(fromField))
          continue
        }
        firstLine[key, default: [:]][from] = row.line
      }
      guard ok, let from, let amount else { continue }
      var source = RateSource(title: sourceField.trimmed)
      if let url = field(row, columns.url)?.trimmed, !url.isEmpty { source.url = url }
      if source.title.hasPrefix("http://") || source.title.hasPrefix("https://") { source.url = source.title }
      let note = field(row, columns.note)?.trimmed
      values.append(
        RateValue(
          key: key, amount: amount, unit: info.unit, from: from, to: to, source: source, status: status,
          note: note?.isEmpty == false ? note : nil,
          origin: RateOrigin(layer: layer, location: csv.location(row))))
    }
    // Grouped once, keys in the order of their first row (filtering per key was quadratic).
    let groups = Dictionary(grouping: values, by: \.key)
    var checked: Set<RateKey> = []
    for value in values where checked.insert(value.key).inserted {
      _ = ShippedLoader.checkOverlaps(groups[value.key]!.sorted { $0.from < $1.from }, diagnostics: &diagnostics)
    }
    return values
  }

  /// `…-2025.csv` or `…_2025.csv` → 2025.
  static func yearFromFileName(_ path: String) -> Int? {
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let digits = name.suffix(4)
    let separator = name.dropLast(4).last
    guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
      separator == "-" || separator == "_" || separator == " "
    else { return nil }
    return Int(digits)
  }
}

/// Reads a municipal tax table: `kommunkod;kommun;kommunalskatt;regionskatt;summa` in percent.
enum MunicipalTable {
  /// The columns of a municipal tax table, each with its synonyms: code, name, kommunalskatt,
  /// regionskatt, sum, income year.
  static let columns = [
    ["kommunkod", "code", "kod"], ["kommun", "name", "namn"], ["kommunalskatt"],
    ["regionskatt", "landstingsskatt"], ["summa", "total"], ["year", "år", "inkomstår"],
  ]

  /// `known`: for user files, the shipped tables, whose municipalities are the only valid ones;
  /// `nil` for the shipped tables themselves (every row needs a four-digit code and a name).
  static func read(
    _ csv: SwedishCSV, year fileYear: Int?, layer: RateLayer, source: RateSource, status: RateStatus,
    known: [Int: [String: MunicipalTaxRates]]?, diagnostics: inout DiagnosticCollector
  ) -> [MunicipalTaxRates] {
    let codeColumn = csv.columnIndex(columns[0])
    let nameColumn = csv.columnIndex(columns[1])
    let kommunalColumn = csv.columnIndex(columns[2])
    let regionalColumn = csv.columnIndex(columns[3])
    let sumColumn = csv.columnIndex(columns[4])
    let yearColumn = csv.columnIndex(columns[5])
    var missing: [String] = []
    if codeColumn == nil && nameColumn == nil { missing.append("'kommunkod' or 'kommun'") }
    if kommunalColumn == nil { missing.append("'kommunalskatt'") }
    if regionalColumn == nil { missing.append("'regionskatt'") }
    if known == nil && (codeColumn == nil || nameColumn == nil) { missing.append("'kommunkod' and 'kommun'") }
    if !missing.isEmpty {
      diagnostics.error("the header lacks \(missing.joined(separator: ", "))", at: csv.location(csv.header))
      return []
    }
    if yearColumn == nil && fileYear == nil {
      diagnostics.error(
        "no income year: add a 'year' (or 'år') column or end the file name with -YYYY.csv",
        at: csv.location(csv.header))
      return []
    }
    // Known municipalities (for user files): code → name, from every shipped year.
    var knownNames: [String: String] = [:]
    for table in (known ?? [:]).values { for (code, rates) in table { knownNames[code] = rates.name } }
    var result: [MunicipalTaxRates] = []
    var firstLine: [String: Int] = [:]
    for row in csv.rows {
      if let extra = csv.extraField(in: row) {
        diagnostics.error(csv.extraFieldMessage(extra), at: csv.location(extra))
        continue
      }
      var ok = true
      var year = fileYear
      if let yearField = UserRatesLoader.field(row, yearColumn) {
        if let parsed = Int(yearField.trimmed), (1900...2200).contains(parsed) {
          year = parsed
        } else {
          diagnostics.error("'\(yearField.trimmed)' is not an income year", at: csv.location(yearField))
          ok = false
        }
      }
      let codeField = UserRatesLoader.field(row, codeColumn)
      let nameField = UserRatesLoader.field(row, nameColumn)
      var code = codeField?.trimmed ?? ""
      var name = nameField?.trimmed ?? ""
      if known == nil {
        if code.count != 4 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
          diagnostics.error("'\(code)' is not a four-digit kommunkod", at: csv.location(codeField!))
          ok = false
        }
        if name.isEmpty {
          diagnostics.error("missing municipality name", at: csv.location(nameField!))
          ok = false
        }
      } else if !code.isEmpty, let codeField {
        if let knownName = knownNames[code] {
          if !name.isEmpty && name.lowercased() != knownName.lowercased(), let nameField {
            diagnostics.error("kommunkod \(code) is \(knownName), not '\(name)'", at: csv.location(nameField))
            ok = false
          }
          name = knownName
        } else {
          let hint = NameSuggestion.hint(for: code, among: knownNames.keys)
          diagnostics.error("unknown municipality code '\(code)'\(hint)", at: csv.location(codeField))
          ok = false
        }
      } else if let nameField, !name.isEmpty {
        if let match = knownNames.first(where: { $0.value.lowercased() == name.lowercased() }) {
          code = match.key
          name = match.value
        } else {
          let hint = NameSuggestion.hint(for: name, among: knownNames.values)
          diagnostics.error("unknown municipality '\(name)'\(hint)", at: csv.location(nameField))
          ok = false
        }
      } else {
        diagnostics.error("missing municipality: give a kommunkod or a name", at: csv.location(row))
        ok = false
      }
      func percent(_ column: Int?, _ label: String) -> Double? {
        guard let field = UserRatesLoader.field(row, column) else { return nil }
        guard let value = csv.number(field) else {
          diagnostics.error(
            field.trimmed.isEmpty
              ? "missing \(label)"
              : "'\(field.trimmed)' is not a number (\(label) in percent)"
                + SwedishCSV.ambiguityHint(field.trimmed, allowComma: csv.separator == ";"),
            at: csv.location(field))
          return nil
        }
        guard (0...100).contains(value) else {
          diagnostics.error("\(label) \(field.trimmed) is outside 0–100 percent", at: csv.location(field))
          return nil
        }
        return value
      }
      let kommunal = percent(kommunalColumn, "kommunalskatt")
      let regional = percent(regionalColumn, "regionskatt")
      if let sumField = UserRatesLoader.field(row, sumColumn), !sumField.trimmed.isEmpty {
        if let sum = percent(sumColumn, "summa") {
          if let kommunal, let regional, abs(kommunal + regional - sum) > 0.005 {
            diagnostics.error(
              "summa \(sumField.trimmed) is not kommunalskatt + regionskatt (\(RateAmount.format(kommunal)) + "
                + "\(RateAmount.format(regional)))", at: csv.location(sumField))
            ok = false
          }
        } else {
          ok = false
        }
      }
      guard ok, let year, let kommunal, let regional else { continue }
      let uniqueKey = "\(year)/\(code)"
      if let line = firstLine[uniqueKey] {
        diagnostics.error(
          "duplicate municipality \(code) (\(name)) for \(year): already given on line \(line)",
          at: csv.location(codeField ?? nameField ?? row.fields[0]))
        continue
      }
      firstLine[uniqueKey] = row.line
      result.append(
        MunicipalTaxRates(
          code: code, name: name, year: year, kommunal: kommunal / 100, regional: regional / 100, source: source,
          status: status, origin: RateOrigin(layer: layer, location: csv.location(row))))
    }
    return result
  }
}
