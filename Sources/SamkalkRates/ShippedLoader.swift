import Foundation
import SamkalkCore
import SamkalkXML

/// Reads the shipped `Rates/` folder: one `<parameter>` per XML file, keyed by its path, and
/// the `<municipal-tax>` sidecar that names the municipal tax tables (CSV) and their sources.
enum ShippedLoader {
  static let namespace = "urn:samkalk:rates:1"
  static let methods = ["constant", "prisbasbelopp", "inkomstbasbelopp"]

  /// The name a shipped file goes by in diagnostics and reports: `Rates/<relative path>`.
  static func displayName(_ relative: String) -> String { "Rates/" + relative }

  static func load(directory: String) throws(DiagnosticError) -> RateBook {
    var diagnostics = DiagnosticCollector()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw DiagnosticError(.error("the rates directory does not exist", at: SourceLocation(file: directory)))
    }
    guard let schemaPath = ShippedRates.schemaPath else {
      throw DiagnosticError(.error("the bundled rates.xsd is missing", at: SourceLocation(file: directory)))
    }
    let schema = try XMLSchema(path: schemaPath)
    let relativePaths = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".xml") }
      .sorted()
    var book = RateBook()
    var municipalYears: [Int: SourceLocation] = [:]
    for relative in relativePaths {
      let path = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
      // Shipped files are named "Rates/<relative path>" in diagnostics and reports, whatever
      // folder they were read from, so that reports are the same bytes on every machine.
      let name = displayName(relative)
      let document: SamkalkXML.XMLDocument
      do {
        document = try SamkalkXML.XMLDocument.parse(
          bytes: try FileBytes.read(path: path, maxBytes: XMLLimits.default.maxBytes), file: name)
      } catch {
        diagnostics.append(contentsOf: error.diagnostics)
        continue
      }
      book.record(RateFile(path: name, sha256: SHA256.hex(of: document.bytes), layer: .shipped))
      let problems = schema.validate(document)
      if !problems.isEmpty {
        diagnostics.append(contentsOf: problems)
        continue
      }
      switch document.root.name {
      case "parameter":
        let key = String(relative.dropLast(4)).split(separator: "/").joined(separator: ".")
        if let parameter = readParameter(document, expectedKey: RateKey(key), diagnostics: &diagnostics) {
          book.parameters[parameter.info.key] = parameter
        }
      case "municipal-tax":
        readMunicipalSidecar(
          document, directory: (path as NSString).deletingLastPathComponent,
          displayDirectory: (name as NSString).deletingLastPathComponent, book: &book,
          years: &municipalYears, diagnostics: &diagnostics)
      case "municipality-list":
        let key = RateKey(String(relative.dropLast(4)).split(separator: "/").joined(separator: "."))
        book.municipalityLists[key] = readMunicipalityList(document, expectedKey: key, diagnostics: &diagnostics)
      default:
        diagnostics.error(
          "unknown root element '\(document.root.name)': expected 'parameter', 'municipal-tax' or 'municipality-list'",
          at: document.location(document.root))
      }
    }
    checkBaseAmounts(book, diagnostics: &diagnostics)
    checkListedMunicipalities(book, diagnostics: &diagnostics)
    try diagnostics.throwIfErrors()
    book.notes = diagnostics.nonErrors
    return book
  }

  /// Reads one `<parameter>` and checks what the schema cannot: the key against the path, the
  /// amounts against the unit, unique `from` dates, no overlaps, values inside coverage.
  static func readParameter(
    _ document: SamkalkXML.XMLDocument, expectedKey: RateKey, diagnostics: inout DiagnosticCollector
  ) -> RateParameter? {
    let root = document.root
    var ok = true
    guard let keyAttribute = root.attribute("key"), let unitText = root[attribute: "unit"],
      let unit = RateUnit(rawValue: unitText)
    else {
      diagnostics.error("a parameter needs a key and a known unit", at: document.location(root))
      return nil
    }
    if keyAttribute.value != expectedKey.rawValue {
      diagnostics.error(
        "key '\(keyAttribute.value)' does not match the file's path, which gives '\(expectedKey)'",
        at: document.location(keyAttribute))
      ok = false
    }
    let signed = root[attribute: "signed"] == "true"
    /// The actor an attribute names (`payer`, `payee`), or an error with a hint.
    func actor(_ attribute: XMLAttribute) -> Actor? {
      if let actor = Actor(rawValue: attribute.value) { return actor }
      let hint = NameSuggestion.hint(for: attribute.value, among: Actor.allCases.map(\.rawValue))
      diagnostics.error("unknown \(attribute.name) '\(attribute.value)'\(hint)", at: document.location(attribute))
      ok = false
      return nil
    }
    let payer = root.attribute("payer").flatMap(actor)
    var payee: Actor?
    if let payeeAttribute = root.attribute("payee") {
      payee = actor(payeeAttribute)
      if payee != nil && root.attribute("payer") == nil {
        diagnostics.error("'payee' needs a 'payer' (a fee is paid by someone)", at: document.location(payeeAttribute))
        ok = false
      } else if payee != nil && payee == payer {
        diagnostics.error("'payee' must differ from 'payer'", at: document.location(payeeAttribute))
        ok = false
      }
    }
    let description = root.child(named: "description")?.trimmedText ?? ""
    guard let coverage = root.child(named: "coverage"), let through = coverage[attribute: "through"].flatMap(Day.init)
    else {
      diagnostics.error("a parameter needs <coverage through=\"YYYY-MM-DD\"/>", at: document.location(root))
      return nil
    }
    var method: String?
    if let extrapolation = root.child(named: "extrapolation") {
      method = extrapolation[attribute: "method"]
      if let method, !methods.contains(method) {
        diagnostics.error("unknown extrapolation method '\(method)'", at: document.location(extrapolation))
        ok = false
      }
      if unit == .aktor, method != "constant" {
        diagnostics.error(
          "a parameter in unit 'aktör' can only be extrapolated as 'constant'", at: document.location(extrapolation))
        ok = false
      }
      if expectedKey == "basbelopp.prisbasbelopp" || expectedKey == "basbelopp.inkomstbasbelopp" {
        diagnostics.error(
          "a base amount must not declare extrapolation: indexing past its coverage needs a newer base amount",
          at: document.location(extrapolation))
        ok = false
      }
      // The income tax is the law of one year: a year the data does not cover is an error, never
      // last year's rule carried forward (an extrapolated public service cap was 73 kr off in 2026).
      if expectedKey.rawValue.hasPrefix("skatt.") {
        diagnostics.error(
          "a tax parameter (skatt.*) must not declare extrapolation: add the year's value from its source",
          at: document.location(extrapolation))
        ok = false
      }
    }
    var values: [RateValue] = []
    var firstLine: [Day: Int] = [:]
    for element in root.children(named: "value") {
      let location = document.location(element)
      guard let fromText = element[attribute: "from"], let from = Day(fromText) else {
        diagnostics.error("a value needs from=\"YYYY-MM-DD\"", at: location)
        ok = false
        continue
      }
      var to: Day?
      if let toText = element[attribute: "to"] {
        to = Day(toText)
        if to == nil {
          diagnostics.error("'\(toText)' is not a date (YYYY-MM-DD)", at: location)
          ok = false
        }
      }
      if let to, to < from {
        diagnostics.error("the value ends (\(to)) before it starts (\(from))", at: location)
        ok = false
      }
      if from > through || (to.map { $0 > through } ?? false) {
        diagnostics.error("the value lies past the parameter's coverage (through \(through))", at: location)
        ok = false
      }
      if let line = firstLine[from] {
        diagnostics.error(
          "duplicate key and date: '\(expectedKey)' already has a value from \(from) (line \(line))", at: location)
        ok = false
        continue
      }
      firstLine[from] = element.line
      let amountText = element[attribute: "amount"] ?? ""
      let amount: RateAmount
      switch AmountRules.parse(amountText, unit: unit, allowComma: false, signed: signed) {
      case .success(let parsed): amount = parsed
      case .failure(let problem):
        diagnostics.error(problem.message, at: element.attribute("amount").map(document.location) ?? location)
        ok = false
        continue
      }
      guard let status = element[attribute: "status"].flatMap(RateStatus.init(rawValue:)) else {
        diagnostics.error("a value needs status SEEN, DERIVED, CONVENTION or UNCONFIRMED", at: location)
        ok = false
        continue
      }
      guard let sourceElement = element.child(named: "source"), let title = sourceElement[attribute: "title"],
        !title.isEmpty
      else {
        diagnostics.error("a value needs a <source> with a title", at: location)
        ok = false
        continue
      }
      let source = RateSource(title: title, url: sourceElement[attribute: "url"], sfs: sourceElement[attribute: "sfs"])
      if (source.url ?? "").isEmpty && (source.sfs ?? "").isEmpty {
        diagnostics.error("a source needs a url or an sfs number", at: document.location(sourceElement))
        ok = false
      }
      let note = element.child(named: "note")?.trimmedText
      values.append(
        RateValue(
          key: expectedKey, amount: amount, unit: unit, from: from, to: to, source: source, status: status,
          note: note?.isEmpty == false ? note : nil,
          origin: RateOrigin(layer: .shipped, location: location)))
    }
    values.sort { $0.from < $1.from }
    ok = checkOverlaps(values, diagnostics: &diagnostics) && ok
    guard ok, !values.isEmpty else {
      if values.isEmpty && ok { diagnostics.error("a parameter needs at least one value", at: document.location(root)) }
      return nil
    }
    return RateParameter(
      info: RateParameterInfo(
        key: expectedKey, unit: unit, description: description, payer: payer, payee: payee, coverageThrough: through,
        extrapolation: method, signed: signed),
      values: values, location: document.location(root))
  }

  /// Values sorted by `from`: a value with `to` must end before the next one starts.
  static func checkOverlaps(_ values: [RateValue], diagnostics: inout DiagnosticCollector) -> Bool {
    var ok = true
    for (previous, next) in zip(values, values.dropFirst()) {
      if let to = previous.to, to >= next.from {
        diagnostics.error(
          "values overlap: the value from \(previous.from) runs to \(to), past the start of the next value "
            + "(\(next.from))", at: next.origin.location)
        ok = false
      }
    }
    return ok
  }

  static func readMunicipalSidecar(
    _ document: SamkalkXML.XMLDocument, directory: String, displayDirectory: String, book: inout RateBook,
    years: inout [Int: SourceLocation],
    diagnostics: inout DiagnosticCollector
  ) {
    for table in document.root.children(named: "table") {
      let location = document.location(table)
      guard let year = table[attribute: "year"].flatMap({ Int($0) }), let file = table[attribute: "file"],
        let kommunalStatus = table[attribute: "kommunal-status"].flatMap(RateStatus.init(rawValue:)),
        let regionalStatus = table[attribute: "regional-status"].flatMap(RateStatus.init(rawValue:)),
        let sourceElement = table.child(named: "source"), let title = sourceElement[attribute: "title"]
      else {
        diagnostics.error("a table needs year, file, kommunal-status, regional-status and a source", at: location)
        continue
      }
      if let first = years[year] {
        diagnostics.error("a municipal tax table for \(year) is already given at \(first)", at: location)
        continue
      }
      years[year] = location
      let source = RateSource(title: title, url: sourceElement[attribute: "url"], sfs: sourceElement[attribute: "sfs"])
      let path = directory + "/" + file
      let name = displayDirectory + "/" + file
      let csv: SwedishCSV
      do {
        csv = try SwedishCSV.parse(
          bytes: try FileBytes.read(path: path, maxBytes: XMLLimits.default.maxBytes), file: name)
      } catch {
        diagnostics.append(contentsOf: error.diagnostics)
        continue
      }
      book.record(
        RateFile(path: name, sha256: SHA256.hex(of: csv.bytes), layer: .shipped, encoding: csv.encoding.rawValue))
      let rows = MunicipalTable.read(
        csv, year: year, layer: .shipped, source: source,
        status: RateStatus.weaker(kommunalStatus, regionalStatus), known: nil, diagnostics: &diagnostics)
      for row in rows { book.municipalTables[year, default: [:]][row.code] = row }
    }
  }

  /// The base amounts must exist and must not extrapolate (checked above), so that
  /// `prisbasbelopp` and `inkomstbasbelopp` extrapolation always has a base to scale by.
  static func checkBaseAmounts(_ book: RateBook, diagnostics: inout DiagnosticCollector) {
    for (key, parameter) in book.parameters {
      guard let method = parameter.info.extrapolation, method != "constant" else { continue }
      let baseKey: RateKey = method == "inkomstbasbelopp" ? "basbelopp.inkomstbasbelopp" : "basbelopp.prisbasbelopp"
      if book.parameters[baseKey] == nil {
        diagnostics.error(
          "'\(key)' is extrapolated by \(method), but \(baseKey) is not among the rates", at: parameter.location)
      }
    }
  }
}

/// Checks that an amount fits its unit: actors for `aktör`, otherwise a non-negative number,
/// 0–1 for `andel` and 0–100 for `procent`; a `signed` parameter's number may also be negative
/// (down to −1 for `andel`, −100 for `procent`).
enum AmountRules {
  struct Problem: Error {
    var message: String
  }

  static func parse(_ text: String, unit: RateUnit, allowComma: Bool, signed: Bool = false) -> Result<
    RateAmount, Problem
  > {
    let trimmed = text.trimmed
    if unit == .aktor {
      if let actor = Actor(rawValue: trimmed) { return .success(.actor(actor)) }
      let hint = NameSuggestion.hint(for: trimmed, among: Actor.allCases.map(\.rawValue))
      return .failure(Problem(message: "'\(trimmed)' is not an actor\(hint)"))
    }
    var numberText = trimmed
    var scale = 1.0
    if unit == .andel, numberText.hasSuffix("%") {
      numberText = String(numberText.dropLast()).trimmed
      scale = 0.01
    }
    guard let parsed = SwedishCSV.parseNumber(numberText, allowComma: allowComma) else {
      return .failure(
        Problem(
          message: trimmed.isEmpty
            ? "missing value"
            : "'\(trimmed)' is not a number (unit \(unit.rawValue))"
              + SwedishCSV.ambiguityHint(numberText, allowComma: allowComma)))
    }
    let value = parsed * scale
    if value < 0 && !signed {
      return .failure(Problem(message: "negative amount \(trimmed) is not allowed (unit \(unit.rawValue))"))
    }
    if !unit.allowedRange.contains(signed ? abs(value) : value) {
      return .failure(Problem(message: "\(unit.rawValue) \(trimmed) is outside \(unit.allowedRangeText)"))
    }
    return .success(.number(value))
  }
}
