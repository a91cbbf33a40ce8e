import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates

private let actorCount = Actor.allCases.count
private let valueWidth = actorCount + 3
/// Sex (kvinna, man, ej_angivet) × age band cells; every person is in exactly one.
private let sexes = ["kvinna", "man", "ej_angivet"]
let cellCount = sexes.count * AgeBand.allCases.count

extension FollowupReader {
  private struct TaxKey: Hashable {
    var pricing: Int
    var months: Int
    var taxable: Int64
    var earned: Int64
    var pensionable: Int64
  }

  /// Excludes or keeps each person, adds income tax per window, sums the cells and builds the
  /// subgroups' figures and bootstrap intervals.
  mutating func finish(totalBytes: Int) throws(DiagnosticError) -> FollowupResult {
    if errorCount > 0 {
      var listed = errors
      if errorCount > errors.count {
        listed.append(
          Diagnostic(
            .note, at: SourceLocation(file: file),
            "\(errorCount - errors.count) more errors not listed (\(errorCount) in all); --skip-invalid skips bad rows"
          ))
      }
      throw DiagnosticError(listed)
    }
    let before = options.monthsBefore
    let after = options.monthsAfter
    var excluded: [ExclusionReason: Int] = [:]
    var partial = 0
    var cellPersons = [Int](repeating: 0, count: cellCount)
    var cellSums = [Int64](repeating: 0, count: cellCount * 2 * actorCount)
    var changes: [Int64] = []
    var cells: [UInt8] = []
    changes.reserveCapacity(persons.count * actorCount)
    cells.reserveCapacity(persons.count)
    var taxCache: [TaxKey: [Int64]] = [:]

    for person in 0..<persons.count {
      let profile = profileInfo[Int(personProfile[person])]
      let monthsBefore = coverage[person * 2].nonzeroBitCount
      let monthsAfter = coverage[person * 2 + 1].nonzeroBitCount
      let fullBefore = monthsBefore == before
      let fullAfter = monthsAfter == after
      if !(fullBefore && fullAfter) {
        if !options.keepPartial {
          let reason: ExclusionReason =
            !fullBefore && !fullAfter ? .bothIncomplete : (!fullBefore ? .beforeIncomplete : .afterIncomplete)
          excluded[reason, default: 0] += 1
          continue
        }
        if monthsBefore == 0 || monthsAfter == 0 {
          let reason: ExclusionReason =
            monthsBefore == 0 && monthsAfter == 0 ? .bothEmpty : (monthsBefore == 0 ? .beforeEmpty : .afterEmpty)
          excluded[reason, default: 0] += 1
          continue
        }
        partial += 1
      }
      let cell = Int(profile.sex) * AgeBand.allCases.count + Int(profile.band)
      cellPersons[cell] += 1
      cells.append(UInt8(cell))
      var windowNets = [[Int64]](repeating: [], count: 2)
      for window in 0..<2 {
        let base = person * 2 * valueWidth + window * valueWidth
        let key = TaxKey(
          pricing: profile.pricing, months: window == 0 ? monthsBefore : monthsAfter,
          taxable: accumulators[base + actorCount], earned: accumulators[base + actorCount + 1],
          pensionable: accumulators[base + actorCount + 2])
        let tax: [Int64]
        if let known = taxCache[key] {
          tax = known
        } else {
          tax = try windowTax(key.pricing, months: key.months, key.taxable, key.earned, key.pensionable)
          taxCache[key] = tax
        }
        windowNets[window] = (0..<actorCount).map { accumulators[base + $0] + tax[$0] }
        for actor in 0..<actorCount {
          cellSums[(cell * 2 + window) * actorCount + actor] += windowNets[window][actor]
        }
      }
      for actor in 0..<actorCount { changes.append(windowNets[1][actor] - windowNets[0][actor]) }
    }

    let included = cells.count
    let groupSize = options.groupSize ?? included
    // Subgroups as sets of cells: total, each sex, each age band.
    let bands = AgeBand.allCases
    var groups: [(id: String, kind: FollowupSubgroup.Kind, cells: [Int])] = [("total", .total, Array(0..<cellCount))]
    for (sex, name) in sexes.enumerated() {
      groups.append((name, .sex, (0..<bands.count).map { sex * bands.count + $0 }))
    }
    for (band, value) in bands.enumerated() {
      groups.append((value.rawValue, .ageBand, (0..<sexes.count).map { $0 * bands.count + band }))
    }
    let groupPersons = groups.map { group in group.cells.reduce(0) { $0 + cellPersons[$1] } }
    let perspectives = Perspective.all
    let memberIndex = perspectives.map { $0.members.map { Actor.allCases.firstIndex(of: $0)! } }
    let intervals = Bootstrap.intervals(
      changes: changes, cells: cells, groups: groups.map(\.cells), perspectives: memberIndex,
      groupSize: groupSize, replicates: options.bootstrapReplicates, seed: options.seed,
      confidence: options.confidence, threads: options.bootstrapThreads)

    var subgroups: [FollowupSubgroup] = []
    var sums: [[[Int64]]] = []  // group → perspective → [before, after]
    for (index, group) in groups.enumerated() {
      var figures: [FollowupFigure] = []
      var groupSums: [[Int64]] = []
      for (p, perspective) in perspectives.enumerated() {
        var totals: [Int64] = [0, 0]
        for cell in group.cells {
          for actor in memberIndex[p] {
            totals[0] += cellSums[(cell * 2) * actorCount + actor]
            totals[1] += cellSums[(cell * 2 + 1) * actorCount + actor]
          }
        }
        groupSums.append(totals)
        let change = totals[1] - totals[0]
        let persons = groupPersons[index]
        figures.append(
          FollowupFigure(
            perspective: perspective, before: Money(ore: totals[0]), after: Money(ore: totals[1]),
            change: Money(ore: change),
            changePerParticipant: persons > 0 ? Money(ore: roundedQuotient(change, Int64(persons))) : nil,
            scaledChange: Money(ore: included > 0 ? scaled(change, by: groupSize, of: included) : 0),
            interval: intervals.map { $0[index][p] }))
      }
      sums.append(groupSums)
      let optionalGroup = group.id == "ej_angivet" || group.id == AgeBand.under16.rawValue
      if optionalGroup && groupPersons[index] == 0 { continue }
      subgroups.append(FollowupSubgroup(id: group.id, kind: group.kind, persons: groupPersons[index], figures: figures))
    }
    // The parts of each dimension add up to the total, to the öre (they are sums of the same
    // cells); checked anyway, since a report must never show parts that do not sum.
    for kind in [FollowupSubgroup.Kind.sex, .ageBand] {
      for p in perspectives.indices {
        for side in 0..<2 {
          let parts = groups.indices.filter { groups[$0].kind == kind }.reduce(Int64(0)) { $0 + sums[$1][p][side] }
          if parts != sums[0][p][side] {
            throw DiagnosticError(
              .error(
                "internal error: the \(kind.rawValue) subgroups do not add up to the total",
                at: SourceLocation(file: file)))
          }
        }
      }
    }

    var warnings = self.warnings
    let excludedCount = excluded.values.reduce(0, +)
    if excludedCount > 0 {
      let reasons = ExclusionReason.allCases.compactMap { reason in
        excluded[reason].map { "\($0) \(reason.explanation)" }
      }
      warnings.append(
        .warning(
          "\(excludedCount) of \(persons.count) persons left out: \(reasons.joined(separator: ", "))",
          at: SourceLocation(file: file)))
    }
    if partial > 0 {
      warnings.append(
        .warning(
          "\(partial) persons kept with incomplete windows (--keep-partial): their windows hold fewer months",
          at: SourceLocation(file: file)))
    }
    if skippedLines > 0 {
      warnings.append(
        .warning("\(skippedLines) invalid lines skipped (--skip-invalid)", at: SourceLocation(file: file)))
    }
    if included == 0 {
      warnings.append(.warning("no person has the windows the study needs", at: SourceLocation(file: file)))
    } else if options.bootstrapReplicates > 0 && included < 30 {
      warnings.append(
        .warning(
          "the bootstrap interval rests on only \(included) persons; read it as rough",
          at: SourceLocation(file: file)))
    }
    if let size = options.groupSize, size < included {
      warnings.append(
        .warning(
          "the group size \(size) is smaller than the \(included) persons in the sample", at: SourceLocation(file: file)
        ))
    }

    var monthValues: [FollowupMonthValue] = []
    let comboNames = columns.combo.map { columns.names[$0] }
    for id in 0..<comboInfo.count where comboInfo[id].value >= 0 {
      let bytes = Array(combos.bytes(id))
      let texts = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map {
        $0.withUnsafeBufferPointer { ByteParse.text($0).0 }
      }
      let index = comboInfo[id].value
      monthValues.append(
        FollowupMonthValue(
          columns: comboNames, texts: texts, net: (0..<actorCount).map { Money(ore: values[index + $0]) },
          taxable: Money(ore: values[index + actorCount]), earned: Money(ore: values[index + actorCount + 1])))
    }
    var used: [String: UsedRate] = [:]
    for pricing in pricings {
      for rate in pricing.ratesUsed { used["\(rate.resolved.value.key)|\(rate.resolved.value.from)"] = rate }
    }

    return FollowupResult(
      file: file, sha256: sha256, options: options, ratesDate: ratesDate, groupSize: groupSize,
      encoding: sawLatin1 ? SwedishCSV.Encoding.windows1252 : (hadBOM ? .utf8WithBOM : .utf8),
      separator: separator == UInt8(ascii: ";") ? ";" : ",", bytes: totalBytes, rowsRead: rowsRead,
      rowsInWindows: rowsInWindows, rowsOutsideWindows: rowsOutside, skippedLines: skippedLines, skipped: skipped,
      personsRead: persons.count, personsIncluded: included, personsPartial: partial, excluded: excluded,
      distinctValuations: monthValues.count, municipalities: pricings.count, subgroups: subgroups,
      warnings: warnings, monthValues: monthValues,
      ratesUsed: used.values.sorted { ($0.resolved.value.key, $0.file) < ($1.resolved.value.key, $1.file) })
  }

  /// Income tax for one window of `months` months: twelve months are one income year; another
  /// length is annualised (income × 12 / months), taxed, and each actor's part scaled back by
  /// months / 12 (to the öre, keeping the parts' zero sum).
  private func windowTax(
    _ pricing: Int, months: Int, _ taxable: Int64, _ earned: Int64, _ pensionable: Int64
  ) throws(DiagnosticError) -> [Int64] {
    let factor = 12 / Double(months)
    let income = PersonYearIncome(
      taxable: Money(ore: taxable).scaled(by: factor), earned: Money(ore: earned).scaled(by: factor),
      pensionable: Money(ore: pensionable).scaled(by: factor))
    let net = SituationPricing.net(of: try pricings[pricing].tax(income))
    var parts = Actor.allCases.map { net[$0]!.ore }
    guard months != 12 else { return parts }
    let zeroSum = parts.reduce(0, +) == 0
    parts = parts.map { Money(ore: $0).scaled(by: Double(months) / 12).ore }
    if zeroSum {
      let individ = Actor.allCases.firstIndex(of: .individ)!
      parts[individ] = 0
      parts[individ] = -parts.reduce(0, +)
    }
    return parts
  }
}

/// `value ÷ divisor` rounded half away from zero, exactly.
func roundedQuotient(_ value: Int64, _ divisor: Int64) -> Int64 {
  let quotient = value / divisor
  let remainder = value % divisor
  if 2 * remainder.magnitude >= divisor.magnitude { return quotient + (value < 0 ? -1 : 1) }
  return quotient
}

/// `value × numerator ÷ denominator`, rounded half away from zero, without overflow.
func scaled(_ value: Int64, by numerator: Int, of denominator: Int) -> Int64 {
  let magnitude = value.magnitude.multipliedFullWidth(by: UInt64(numerator))
  let divisor = UInt64(denominator)
  guard magnitude.high < divisor else { return value < 0 ? .min : .max }
  let (quotient, remainder) = divisor.dividingFullWidth(magnitude)
  let rounded = remainder >= divisor - remainder ? quotient + 1 : quotient
  return value < 0 ? -Int64(rounded) : Int64(rounded)
}
