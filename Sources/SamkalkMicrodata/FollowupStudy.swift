import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A before/after study of person-month follow-up data (docs/FOLLOWUP-FORMAT.md).
///
/// Reads the file in one streaming pass (memory grows with the number of persons, never with
/// the number of rows), values each person-month with ``SituationPricing`` (cached per distinct
/// combination of municipality, situation, extent, overrides and service counts), adds income
/// tax per person and window, and breaks the per-actor results down by sex and age band.
///
/// ```swift
/// var options = FollowupStudy.Options()
/// options.groupSize = 360
/// let result = try FollowupStudy(rates: try RateBook.shipped(), options: options).run(path: "uppfoljning.csv")
/// result.total.figure(.actor(.kommun))?.changePerParticipant
/// ```
public struct FollowupStudy {
  public struct Options: Sendable {
    /// Months in the before window (N), ending with the month before the enrolment month; 1–64.
    public var monthsBefore = 12
    /// Months in the after window (M), starting with the month after the exit month; 1–64.
    public var monthsAfter = 12
    /// Keep persons with incomplete windows (with the months they have) instead of excluding them.
    public var keepPartial = false
    /// Skip invalid rows (each one listed) instead of failing.
    public var skipInvalid = false
    /// The number of participants the sample stands for; `nil`: the sample is the whole group.
    public var groupSize: Int?
    /// Bootstrap replicates for the intervals (0: no interval).
    public var bootstrapReplicates = 1000
    public var seed: UInt64 = 1
    /// The interval's coverage, e.g. 0.95 for the 2.5th and 97.5th percentiles.
    public var confidence = 0.95
    /// The rates date; `nil`: January 1 of the latest year with a municipal tax table.
    public var ratesDate: Day?
    /// At most this many errors are listed (the rest are counted).
    public var maxErrors = 100
    /// At most this many skipped lines are listed in the result (all are counted).
    public var maxListedSkips = 1000
    /// Bytes read per chunk.
    public var chunkSize = 1 << 20
    /// Threads for the bootstrap; `nil`: every active processor (at most 8). The intervals are
    /// the same for any number.
    public var bootstrapThreads: Int?
    /// Called with (bytes read, total bytes) after each chunk when the total is known.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init() {}

    /// Problems with the options themselves.
    public func problems() -> [String] {
      var problems: [String] = []
      let windows = FollowupSpec.windowMonths
      let windowText = "\(windows.lowerBound)–\(windows.upperBound) months"
      if !windows.contains(monthsBefore) { problems.append("the before window must be \(windowText)") }
      if !windows.contains(monthsAfter) { problems.append("the after window must be \(windowText)") }
      if let groupSize, !FollowupSpec.groupSizes.contains(groupSize) {
        problems.append(
          "the group size \(groupSize) must be from \(FollowupSpec.groupSizes.lowerBound) to "
            + GroupedNumber.group(UInt64(FollowupSpec.groupSizes.upperBound)))
      }
      if !FollowupSpec.bootstrapReplicateCounts.contains(bootstrapReplicates) {
        problems.append(
          "the number of bootstrap replicates \(bootstrapReplicates) must be from 0 to "
            + GroupedNumber.group(UInt64(FollowupSpec.bootstrapReplicateCounts.upperBound)))
      }
      if !(confidence > 0 && confidence < 1) { problems.append("the confidence must lie between 0 and 1") }
      return problems
    }
  }

  public let rates: RateBook
  public let options: Options

  public init(rates: RateBook, options: Options = Options()) {
    self.rates = rates
    self.options = options
  }

  /// Reads and evaluates a follow-up file.
  public func run(path: String) throws(DiagnosticError) -> FollowupResult {
    let (descriptor, total) = try InputFile.open(path: path)
    defer { close(descriptor) }
    return try run(source: .descriptor(descriptor), file: path, totalBytes: total)
  }

  /// Evaluates follow-up data held in memory; `file` names it in diagnostics.
  public func run(bytes: [UInt8], file: String) throws(DiagnosticError) -> FollowupResult {
    try run(source: .bytes(bytes), file: file, totalBytes: bytes.count)
  }

  private func run(source: ByteSource, file: String, totalBytes: Int) throws(DiagnosticError) -> FollowupResult {
    let problems = options.problems()
    guard problems.isEmpty else {
      throw DiagnosticError(problems.map { .error($0, at: SourceLocation(file: "options")) })
    }
    let date: Day
    if let chosen = options.ratesDate {
      date = chosen
    } else if let year = rates.municipalYears.last {
      date = Day(year: year, month: 1, day: 1)
    } else {
      throw DiagnosticError(.error("the rates hold no municipal tax table", at: SourceLocation(file: "rates")))
    }
    var reader = FollowupReader(rates: rates, options: options, file: file, ratesDate: date)
    try reader.read(source: source, totalBytes: totalBytes)
    return try reader.finish(totalBytes: totalBytes)
  }
}

/// The age band of a person's age at enrolment (enrolment year − birth year).
public enum AgeBand: String, CaseIterable, Sendable {
  case under16 = "0-15"
  case from16 = "16-24"
  case from25 = "25-29"
  case from30 = "30-49"
  case from50 = "50-64"
  case from65 = "65+"

  public init(age: Int) {
    switch age {
    case ..<16: self = .under16
    case 16...24: self = .from16
    case 25...29: self = .from25
    case 30...49: self = .from30
    case 50...64: self = .from50
    default: self = .from65
    }
  }
}

// MARK: - The reader

private let actorCount = Actor.allCases.count
/// Per valuation and per person window: the seven actor nets, then taxable, earned, pensionable.
private let valueWidth = actorCount + 3

struct FollowupReader {
  struct Columns {
    var index: [String: Int] = [:]
    var count = 0
    var person = 0, month = 0, situation = 0, extent = 0, sex = 0, birthYear = 0, municipality = 0
    var enrolment = 0, exit = 0
    var monthlyAmount: Int?, wage: Int?, subsidyFactor: Int?, subsidyShare: Int?, annualIncome: Int?
    /// The inputs of the benefit rules of issue 19: a-kassa's prior income and step,
    /// aktivitetsstöd's a-kassa entitlement, studiebidrag's grant.
    var priorIncome: Int?, aKassaStep: Int?, entitledToAKassa: Int?, studyGrant: Int?, gymnasieexamen: Int?
    /// (column, unit-cost key)
    var services: [(Int, RateKey)] = []
    /// The columns of a month's valuation key, municipality first.
    var combo: [Int] = []
    var profile: [Int] = []
    var names: [String] = []
  }

  struct Profile {
    var problems: [(Int, String)] = []
    var sex: UInt8 = 2
    var birthYear = 0
    var pricing = -1
    var enrolment = Day(year: 2000, month: 1, day: 1)
    var exit = Day(year: 2000, month: 1, day: 1)
    var enrolmentMonth = 0
    var exitMonth = 0
    var band: UInt8 = 0
    var municipalityText = ""
  }

  struct Combo {
    var problems: [(Int, String)] = []
    var extent10k = 0
    var phase: Phase?
    var pricing = -1
    var value = -1
    var pricingError: String?
  }

  let rates: RateBook
  let options: Options
  let file: String
  let ratesDate: Day
  typealias Options = FollowupStudy.Options

  var columns = Columns()
  var separator = UInt8(ascii: ",")
  var allowComma = false
  var sawLatin1 = false
  var hadBOM = false
  var currentLine = 0

  var persons = ByteInterner()
  var profiles = ByteInterner()
  var combos = ByteInterner()
  var profileInfo: [Profile] = []
  var comboInfo: [Combo] = []
  var values: [Int64] = []

  var pricings: [SituationPricing] = []
  var pricingByCode: [String: Int] = [:]
  var pricingByText: [String: Result<Int, DiagnosticError>] = [:]

  var personProfile: [Int32] = []
  var personLine: [Int] = []
  var accumulators: [Int64] = []
  var coverage: [UInt64] = []
  var extents: [UInt16] = []
  /// The rows of less than a full month in each person's window month (person × window months +
  /// slot): their valuation and line, to find a row that repeats another. Full-month rows need
  /// no entry: a second one fails the extent check.
  var partMonthRows: [Int: [(combo: Int, line: Int)]] = [:]

  var sha256 = ""
  var rowsRead = 0
  var rowsInWindows = 0
  var rowsOutside = 0
  var errors: [Diagnostic] = []
  var errorCount = 0
  var skipped: [Diagnostic] = []
  var skippedLines = 0
  var warnings: [Diagnostic] = []

  private var splitter = FieldSplitter(columns: 16)
  private var key = KeyBuffer()
  private var problems: [(Int, String)] = []

  init(rates: RateBook, options: Options, file: String, ratesDate: Day) {
    self.rates = rates
    self.options = options
    self.file = file
    self.ratesDate = ratesDate
  }

  var windowMonths: Int { options.monthsBefore + options.monthsAfter }

  // MARK: Reading

  mutating func read(source: ByteSource, totalBytes: Int) throws(DiagnosticError) {
    let hasher = StreamHasher()
    var scanner = RecordScanner(source: source, chunkSize: options.chunkSize, hasher: hasher)
    defer { scanner.deallocate() }
    var header = true
    var lastReport = 0
    let step = max(totalBytes / 200, 1 << 20)
    try scanner.forEachRecord { (record, line, quoted, consumed) throws(DiagnosticError) in
      if header {
        try readHeader(record, line: line, quoted: quoted)
        header = false
        return
      }
      rowsRead += 1
      row(record, line: line, quoted: quoted)
      if let progress = options.progress, consumed - lastReport >= step {
        lastReport = consumed
        progress(consumed, totalBytes)
      }
    }
    hadBOM = scanner.hadBOM
    // Every byte has been read: an early error leaves the digest unset, and it is not needed then.
    sha256 = hasher.finish()
    if header {
      throw DiagnosticError(.error("the file is empty: a header line is needed", at: SourceLocation(file: file)))
    }
    options.progress?(totalBytes, totalBytes)
  }

  private mutating func readHeader(
    _ record: UnsafeBufferPointer<UInt8>, line: Int, quoted: Bool
  ) throws(DiagnosticError) {
    // The separator: a `;` outside quotes means `;` with decimal comma (SwedishCSV's rule).
    var inQuotes = false
    for byte in record {
      if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
      if !inQuotes && byte == UInt8(ascii: ";") {
        separator = byte
        allowComma = true
        break
      }
    }
    if let offset = UntrustedText.nulOffset(record) {
      let place = ByteParse.location(in: record, offset: offset, line: line)
      throw DiagnosticError(
        .error(Self.nulMessage, at: SourceLocation(file: file, line: place.line, column: place.column)))
    }
    // The header is split with room for every one of its fields (a row splitter keeps only the
    // header's columns and one more): the documented columns and any number of service columns.
    let splitter = FieldSplitter(columns: FieldSplitter.maximumFieldCount(of: record, separator: separator))
    if quoted {
      splitter.splitQuoted(record, separator: separator)
    } else {
      splitter.split(record, separator: separator)
    }
    var diagnostics = DiagnosticCollector()
    var names: [(String, Int)] = []
    splitter.withBase(quoted: quoted, record: record) { base in
      for field in 0..<splitter.count {
        let bytes = UnsafeBufferPointer(rebasing: base[splitter.starts[field]..<splitter.ends[field]])
        let (text, utf8) = ByteParse.text(bytes)
        if !utf8 { sawLatin1 = true }
        names.append((text.lowercased(), splitter.sourceOffsets[field]))
      }
    }
    func location(_ offset: Int) -> SourceLocation {
      let place = ByteParse.location(in: record, offset: offset, line: line)
      return SourceLocation(file: file, line: place.line, column: place.column)
    }
    let optional = [
      "monthly_amount", "wage", "subsidy_factor", "subsidy_share", "annual_income", "prior_income", "a_kassa_step",
      "entitled_to_a_kassa", "study_grant", "gymnasieexamen",
    ]
    let serviceKeys = rates.keys.map(\.rawValue).filter { $0.hasPrefix("tjanster.") }
    let serviceNames = serviceKeys.map { String($0.dropFirst("tjanster.".count)) }
    var c = Columns()
    c.count = names.count
    c.names = names.map(\.0)
    for (column, (name, offset)) in names.enumerated() {
      if name.isEmpty {
        diagnostics.error("column \(column + 1) has no name", at: location(offset))
        continue
      }
      if c.index[name] != nil {
        diagnostics.error("column '\(name)' appears twice", at: location(offset))
        continue
      }
      c.index[name] = column
      if FollowupColumns.required.contains(name) || optional.contains(name) { continue }
      let bare = name.hasPrefix("tjanster.") ? String(name.dropFirst("tjanster.".count)) : name
      if serviceNames.contains(bare) {
        c.services.append((column, RateKey("tjanster." + bare)))
      } else {
        let hint = NameSuggestion.hint(for: name, among: FollowupColumns.required + optional + serviceNames)
        diagnostics.error(
          "unknown column '\(name)'\(hint): columns are the documented ones and service counts named by a "
            + "tjanster.* unit cost", at: location(offset))
      }
    }
    for name in FollowupColumns.required where c.index[name] == nil {
      diagnostics.error("the required column '\(name)' is missing", at: SourceLocation(file: file, line: line))
    }
    try diagnostics.throwIfErrors()
    c.person = c.index["person"]!
    c.month = c.index["month"]!
    c.situation = c.index["situation"]!
    c.extent = c.index["extent"]!
    c.sex = c.index["sex"]!
    c.birthYear = c.index["birth_year"]!
    c.municipality = c.index["municipality"]!
    c.enrolment = c.index["enrolment"]!
    c.exit = c.index["exit"]!
    c.monthlyAmount = c.index["monthly_amount"]
    c.wage = c.index["wage"]
    c.subsidyFactor = c.index["subsidy_factor"]
    c.subsidyShare = c.index["subsidy_share"]
    c.annualIncome = c.index["annual_income"]
    c.priorIncome = c.index["prior_income"]
    c.aKassaStep = c.index["a_kassa_step"]
    c.entitledToAKassa = c.index["entitled_to_a_kassa"]
    c.studyGrant = c.index["study_grant"]
    c.gymnasieexamen = c.index["gymnasieexamen"]
    c.combo =
      [c.municipality, c.situation, c.extent]
      + [
        c.monthlyAmount, c.wage, c.subsidyFactor, c.subsidyShare, c.annualIncome, c.priorIncome, c.aKassaStep,
        c.entitledToAKassa, c.studyGrant, c.gymnasieexamen,
      ].compactMap { $0 }
      + c.services.map(\.0)
    c.profile = [c.sex, c.birthYear, c.municipality, c.enrolment, c.exit]
    columns = c
    self.splitter = FieldSplitter(columns: c.count)
  }
}

extension FollowupReader {
  static let nulMessage = UntrustedText.nulMessage(in: "follow-up file")
}

/// A byte buffer for building lookup keys without per-row allocation (replaced by a bigger one
/// when a record is longer than it).
final class KeyBuffer {
  let storage: UnsafeMutablePointer<UInt8>
  let capacity: Int

  init(capacity: Int = 1 << 16) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }
}

extension FollowupReader {

  // MARK: One row

  private mutating func row(_ record: UnsafeBufferPointer<UInt8>, line: Int, quoted: Bool) {
    currentLine = line
    if quoted {
      splitter.splitQuoted(record, separator: separator)
    } else {
      splitter.split(record, separator: separator)
    }
    if !problems.isEmpty { problems.removeAll(keepingCapacity: true) }
    if let offset = UntrustedText.nulOffset(record) {
      problems.append((offset, Self.nulMessage))
      report(record, line: line)
      return
    }
    if quoted { for problem in splitter.problems { problems.append(problem) } }
    if splitter.count < columns.count {
      problems.append((record.count, "the row has \(splitter.count) fields; the header has \(columns.count)"))
      report(record, line: line)
      return
    }
    if splitter.count > columns.count && splitter.ends[columns.count] > splitter.starts[columns.count] {
      problems.append(
        (splitter.sourceOffsets[columns.count], "a field beyond the header's \(columns.count) columns"))
    }
    splitter.withBase(quoted: quoted, record: record) { base in
      rowFields(base, splitter: splitter)
    }
    if !problems.isEmpty { report(record, line: line) }
  }

  @inline(__always)
  private func field(_ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter, _ column: Int)
    -> UnsafeBufferPointer<UInt8>
  {
    UnsafeBufferPointer(
      start: base.baseAddress.map { $0 + splitter.starts[column] },
      count: splitter.ends[column] - splitter.starts[column])
  }

  private mutating func rowFields(_ base: UnsafeBufferPointer<UInt8>, splitter: FieldSplitter) {
    let offsets = splitter.sourceOffsets
    let personBytes = field(base, splitter, columns.person)
    if personBytes.isEmpty { problems.append((offsets[columns.person], "the person id is empty")) }
    let month = ByteParse.yearMonth(field(base, splitter, columns.month))
    if month == nil {
      problems.append(
        (offsets[columns.month], "month '\(text(field(base, splitter, columns.month)))' is not a month YYYY-MM"))
    }
    // The person's attributes and the month's valuation, each interned by its raw bytes.
    let profileID = internKey(base, splitter, columns.profile, into: \.profiles) { reader, id in
      reader.profileInfo.append(reader.makeProfile(base, splitter))
    }
    let comboID = internKey(base, splitter, columns.combo, into: \.combos) { reader, id in
      reader.comboInfo.append(reader.makeCombo(base, splitter))
    }
    let profile = profileInfo[profileID]
    for (column, message) in profile.problems { problems.append((offsets[column], message)) }
    for (column, message) in comboInfo[comboID].problems { problems.append((offsets[column], message)) }
    guard problems.isEmpty, let month, !personBytes.isEmpty else { return }

    let existing = persons.find(personBytes)
    if let person = existing, Int(personProfile[person]) != profileID {
      let first = profileInfo[Int(personProfile[person])]
      let id = text(personBytes)
      let where_ = "on line \(personLine[person])"
      if first.sex != profile.sex {
        problems.append((offsets[columns.sex], "person '\(id)' has another sex \(where_)"))
      }
      if first.birthYear != profile.birthYear {
        problems.append(
          (offsets[columns.birthYear], "person '\(id)' has birth year \(first.birthYear) \(where_)"))
      }
      if first.pricing != profile.pricing {
        problems.append(
          (offsets[columns.municipality], "person '\(id)' has municipality \(first.municipalityText) \(where_)"))
      }
      if first.enrolment != profile.enrolment {
        problems.append((offsets[columns.enrolment], "person '\(id)' has enrolment \(first.enrolment) \(where_)"))
      }
      if first.exit != profile.exit {
        problems.append((offsets[columns.exit], "person '\(id)' has exit \(first.exit) \(where_)"))
      }
      if !problems.isEmpty { return }
    }

    // The window slot: before = N months ending with the month before the enrolment month;
    // after = M months starting with the month after the exit month.
    let before = options.monthsBefore
    var slot = -1
    if month >= profile.enrolmentMonth - before && month < profile.enrolmentMonth {
      slot = month - (profile.enrolmentMonth - before)
    } else if month > profile.exitMonth && month <= profile.exitMonth + options.monthsAfter {
      slot = before + month - profile.exitMonth - 1
    }
    var valueIndex = -1
    if slot >= 0 {
      if let person = existing {
        let used = Int(extents[person * windowMonths + slot])
        if used + comboInfo[comboID].extent10k > 10_000 {
          problems.append(
            (
              offsets[columns.extent],
              "the extents of person '\(text(personBytes))' in \(YearMonth(ordinal: month)) add up to more than 1 "
                + "(if this row repeats an earlier one, remove it)"
            ))
          return
        }
        // A part-month row that repeats one of the same person and month to the byte (the same
        // situation, extent, amounts and counts) passes the extent check and would count twice.
        if comboInfo[comboID].extent10k < 10_000,
          let earlier = partMonthRows[person * windowMonths + slot]?.first(where: { $0.combo == comboID })
        {
          problems.append(
            (
              offsets[columns.person],
              "this row repeats line \(earlier.line) (person '\(text(personBytes))', \(YearMonth(ordinal: month)), "
                + "the same situation, extent and amounts) and would count twice: remove one, or give the month "
                + "one row with the extents added"
            ))
          return
        }
      }
      valueIndex = value(comboID)
      if valueIndex < 0 {
        problems.append(
          (offsets[columns.situation], "cannot value this month: \(comboInfo[comboID].pricingError ?? "")"))
        return
      }
    }

    // Valid: commit.
    let person: Int
    if let existing {
      person = existing
    } else {
      person = persons.insert(personBytes)
      personProfile.append(Int32(profileID))
      personLine.append(currentLine)
      accumulators.append(contentsOf: repeatElement(0, count: 2 * valueWidth))
      coverage.append(contentsOf: [0, 0])
      extents.append(contentsOf: repeatElement(0, count: windowMonths))
    }
    guard slot >= 0 else {
      rowsOutside += 1
      return
    }
    rowsInWindows += 1
    if comboInfo[comboID].extent10k < 10_000 {
      partMonthRows[person * windowMonths + slot, default: []].append((comboID, currentLine))
    }
    extents[person * windowMonths + slot] &+= UInt16(comboInfo[comboID].extent10k)
    let window = slot < before ? 0 : 1
    let bit = slot < before ? slot : slot - before
    coverage[person * 2 + window] |= 1 << UInt64(bit)
    let target = person * 2 * valueWidth + window * valueWidth
    values.withUnsafeBufferPointer { values in
      accumulators.withUnsafeMutableBufferPointer { accumulators in
        for k in 0..<valueWidth { accumulators[target + k] &+= values[valueIndex + k] }
      }
    }
  }

  /// Interns the bytes of `fields` joined by U+001F; `create` runs for a new key.
  private mutating func internKey(
    _ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter, _ fields: [Int],
    into table: WritableKeyPath<FollowupReader, ByteInterner>, create: (inout FollowupReader, Int) -> Void
  ) -> Int {
    if base.count + fields.count > key.capacity { key = KeyBuffer(capacity: 2 * (base.count + fields.count)) }
    let storage = key.storage
    var length = 0
    for (position, column) in fields.enumerated() {
      if position > 0 {
        storage[length] = 0x1F
        length += 1
      }
      let bytes = field(base, splitter, column)
      if let from = bytes.baseAddress, bytes.count > 0 {
        (storage + length).update(from: from, count: bytes.count)
        length += bytes.count
      }
    }
    let bytes = UnsafeBufferPointer(start: storage, count: length)
    if let found = self[keyPath: table].find(bytes) { return found }
    let id = self[keyPath: table].insert(bytes)
    create(&self, id)
    return id
  }

  private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let (text, utf8) = ByteParse.text(bytes)
    if !utf8 { sawLatin1 = true }
    return text
  }

  private mutating func number(
    _ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter, _ column: Int?, name: String,
    range: ClosedRange<Double>, problems: inout [(Int, String)]
  ) -> Double? {
    guard let column else { return nil }
    let bytes = field(base, splitter, column)
    if bytes.isEmpty { return nil }
    guard let value = ByteParse.number(bytes, allowComma: allowComma) else {
      problems.append((column, "\(name) '\(text(bytes))' is not a number"))
      return nil
    }
    guard range.contains(value) else {
      let text = text(bytes)
      problems.append(
        (column, "\(name) \(text) is outside " + (range.upperBound > 1 ? RateUnit.krPerManad.allowedRangeText : "0–1")))
      return nil
    }
    return value
  }

  /// A yes/no field (`true`/`false`, `1`/`0`, `ja`/`nej`, `yes`/`no`); empty is not stated.
  private mutating func yesNo(
    _ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter, _ column: Int?, name: String,
    problems: inout [(Int, String)]
  ) -> Bool? {
    guard let column else { return nil }
    let bytes = field(base, splitter, column)
    if bytes.isEmpty { return nil }
    switch text(bytes).lowercased() {
    case "true", "1", "ja", "yes": return true
    case "false", "0", "nej", "no": return false
    default:
      problems.append((column, "\(name) '\(text(bytes))' is not true or false"))
      return nil
    }
  }

  private mutating func makeProfile(_ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter) -> Profile {
    var profile = Profile()
    let c = columns
    let sexText = text(field(base, splitter, c.sex)).lowercased()
    switch sexText {
    case "kvinna", "k", "f", "female", "woman": profile.sex = 0
    case "man", "m", "male": profile.sex = 1
    case "", "ej_angivet": profile.sex = 2
    default:
      profile.problems.append(
        (c.sex, "sex '\(sexText)' is not kvinna, man (or K, M), or empty for ej_angivet"))
    }
    let enrolmentBytes = field(base, splitter, c.enrolment)
    let exitBytes = field(base, splitter, c.exit)
    let enrolment = ByteParse.day(enrolmentBytes)
    let exit = ByteParse.day(exitBytes)
    if enrolment == nil {
      profile.problems.append((c.enrolment, "enrolment '\(text(enrolmentBytes))' is not a date YYYY-MM-DD"))
    }
    if exit == nil { profile.problems.append((c.exit, "exit '\(text(exitBytes))' is not a date YYYY-MM-DD")) }
    if let enrolment, let exit {
      profile.enrolment = enrolment
      profile.exit = exit
      profile.enrolmentMonth = enrolment.yearMonth.ordinal
      profile.exitMonth = exit.yearMonth.ordinal
      if exit < enrolment {
        profile.problems.append((c.exit, "exit \(exit) is before enrolment \(enrolment)"))
      }
    }
    let birthBytes = field(base, splitter, c.birthYear)
    if birthBytes.count == 4, let year = ByteParse.digits(birthBytes, 0, 4) {
      profile.birthYear = year
      if let enrolment {
        if year < 1900 || year > enrolment.year {
          profile.problems.append((c.birthYear, "birth year \(year) is not between 1900 and the enrolment year"))
        } else {
          profile.band = UInt8(AgeBand.allCases.firstIndex(of: AgeBand(age: enrolment.year - year))!)
        }
      }
    } else {
      profile.problems.append((c.birthYear, "birth year '\(text(birthBytes))' is not a four-digit year"))
    }
    let municipality = text(field(base, splitter, c.municipality))
    profile.municipalityText = municipality
    switch pricing(for: municipality) {
    case .success(let index): profile.pricing = index
    case .failure(let error):
      profile.problems.append((c.municipality, error.diagnostics.map(\.message).joined(separator: "; ")))
    }
    return profile
  }

  private mutating func pricing(for text: String) -> Result<Int, DiagnosticError> {
    if let known = pricingByText[text] { return known }
    let result: Result<Int, DiagnosticError>
    do {
      let code = try rates.municipality(text, year: ratesDate.year).code
      if let index = pricingByCode[code] {
        result = .success(index)
      } else {
        let pricing = try SituationPricing(rates: rates, date: ratesDate, municipality: code)
        pricings.append(pricing)
        pricingByCode[code] = pricings.count - 1
        result = .success(pricings.count - 1)
      }
    } catch let error as RateLookupError {
      result = .failure(DiagnosticError(.error(error.description, at: SourceLocation(file: "rates"))))
    } catch let error as DiagnosticError {
      result = .failure(error)
    } catch {
      result = .failure(DiagnosticError(.error("\(error)", at: SourceLocation(file: "rates"))))
    }
    pricingByText[text] = result
    return result
  }

  private mutating func makeCombo(_ base: UnsafeBufferPointer<UInt8>, _ splitter: FieldSplitter) -> Combo {
    var combo = Combo()
    let c = columns
    var problems: [(Int, String)] = []
    let situationText = text(field(base, splitter, c.situation))
    let situation = Situation(rawValue: situationText.lowercased())
    if situation == nil {
      let hint = NameSuggestion.hint(for: situationText, among: Situation.allCases.map(\.rawValue))
      problems.append((c.situation, "unknown situation '\(situationText)'\(hint)"))
    }
    var extent: Double? = 0
    if field(base, splitter, c.extent).isEmpty {
      problems.append((c.extent, "the extent is empty (a share 0–1 of the month)"))
    } else {
      extent = number(base, splitter, c.extent, name: "extent", range: 0...1, problems: &problems)
    }
    let any = RateUnit.krPerManad.allowedRange
    let amount = number(base, splitter, c.monthlyAmount, name: "monthly_amount", range: any, problems: &problems)
    let wage = number(base, splitter, c.wage, name: "wage", range: any, problems: &problems)
    let factor = number(base, splitter, c.subsidyFactor, name: "subsidy_factor", range: any, problems: &problems)
    let share = number(base, splitter, c.subsidyShare, name: "subsidy_share", range: 0...1, problems: &problems)
    let income = number(base, splitter, c.annualIncome, name: "annual_income", range: any, problems: &problems)
    let priorIncome = number(base, splitter, c.priorIncome, name: "prior_income", range: any, problems: &problems)
    var step: AKassaStep?
    if let column = c.aKassaStep, case let bytes = field(base, splitter, column), !bytes.isEmpty {
      step = AKassaStep(rawValue: text(bytes))
      if step == nil { problems.append((column, "a_kassa_step '\(text(bytes))' is not 1-100, 101-200 or 201-")) }
    }
    let entitled = yesNo(base, splitter, c.entitledToAKassa, name: "entitled_to_a_kassa", problems: &problems)
    let gymnasieexamen = yesNo(base, splitter, c.gymnasieexamen, name: "gymnasieexamen", problems: &problems)
    var grant: StudyGrant?
    if let column = c.studyGrant, case let bytes = field(base, splitter, column), !bytes.isEmpty {
      grant = StudyGrant(rawValue: text(bytes).lowercased())
      if grant == nil { problems.append((column, "study_grant '\(text(bytes))' is not generellt or hogre")) }
    }
    var services: [ServiceUse] = []
    for (column, item) in c.services {
      let name = String(item.rawValue.dropFirst("tjanster.".count))
      if let count = number(base, splitter, column, name: name, range: any, problems: &problems), count > 0 {
        services.append(ServiceUse(item: item, perMonth: count))
      }
    }
    combo.problems = problems
    if let situation, let extent, problems.isEmpty {
      combo.extent10k = Int((extent * 10_000).rounded())
      combo.phase = Phase(
        situations: [
          SituationShare(
            situation: situation, extent: extent, monthlyWage: wage, subsidyFactor: factor, subsidyShare: share,
            annualIncome: income, monthlyAmount: amount, studyGrant: grant, entitledToAKassa: entitled,
            priorMonthlyIncome: priorIncome, benefitStep: step, hasGymnasieexamen: gymnasieexamen)
        ], services: services)
      if case .success(let index) = pricing(for: text(field(base, splitter, c.municipality))) {
        combo.pricing = index
      }
    }
    return combo
  }

  /// The index in `values` of a combination's valuation (priced on first use), or −1.
  private mutating func value(_ id: Int) -> Int {
    let combo = comboInfo[id]
    if combo.value >= 0 { return combo.value }
    if combo.pricingError != nil { return -1 }
    guard let phase = combo.phase, combo.pricing >= 0 else {
      comboInfo[id].pricingError = "the municipality is unknown"
      return -1
    }
    do {
      let month = try pricings[combo.pricing].month(phase)
      let index = values.count
      for actor in Actor.allCases { values.append(month.net[actor]!.ore) }
      values.append(month.taxable.ore)
      values.append(month.earned.ore)
      values.append(month.pensionable.ore)
      comboInfo[id].value = index
      return index
    } catch {
      comboInfo[id].pricingError = error.diagnostics.map(\.message).joined(separator: "; ")
      return -1
    }
  }

  /// Turns the row's problems into diagnostics: errors, or listed skipped lines.
  private mutating func report(_ record: UnsafeBufferPointer<UInt8>, line: Int) {
    var diagnostics: [Diagnostic] = []
    for (offset, message) in problems {
      let place = ByteParse.location(in: record, offset: offset, line: line)
      diagnostics.append(
        Diagnostic(
          options.skipInvalid ? .warning : .error,
          at: SourceLocation(file: file, line: place.line, column: place.column),
          options.skipInvalid ? "skipped: \(message)" : message))
    }
    if options.skipInvalid {
      skippedLines += 1
      if skipped.count < options.maxListedSkips { skipped.append(contentsOf: diagnostics) }
    } else {
      errorCount += diagnostics.count
      for diagnostic in diagnostics where errors.count < options.maxErrors { errors.append(diagnostic) }
    }
  }
}
