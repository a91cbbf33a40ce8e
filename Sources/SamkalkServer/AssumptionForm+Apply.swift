import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// A submitted assumptions form read back: the changed scenario, what changed, and what is wrong.
public struct AppliedAssumptions: Sendable {
  /// One changed value, for the page's list of changes and the report's list of inputs.
  public struct Change: Sendable, Equatable {
    public var label: String
    public var from: String
    public var to: String
  }

  public var scenario: Scenario
  public var changes: [Change]
  /// Values that cannot be used; when any, nothing is computed and the page says why.
  public var problems: [String]
  /// Values that can be used but deserve a remark (outcome persons that do not add up).
  public var warnings: [String]
  /// The text of every field as submitted, to show the form again as the user left it.
  public var texts: [String: String]
}

extension AssumptionForm {
  /// Reads `form` against the fields; a missing field or an unchanged text keeps the scenario's
  /// value exactly. Every problem is reported (one pass fixes the form); nothing is clamped.
  public func apply(_ form: FormFields, to original: Scenario, rates: RateBook) -> AppliedAssumptions {
    var scenario = original
    var changes: [AppliedAssumptions.Change] = []
    var problems: [String] = []
    var warnings: [String] = []
    var texts: [String: String] = [:]
    var numbers: [String: Double] = [:]
    var unreadable: Set<String> = []

    // A value that is not percent-encoded UTF-8 cannot be read: refused, never replaced by the file's.
    for item in form.undecodable {
      let label = item.name.flatMap { name in fields.first { $0.name == name }?.label } ?? item.name
      problems.append(
        "\(label.map { "\($0): " } ?? "")'\(item.text)' är inte läsbar text (procentkodningen är inte UTF-8)")
      if let name = item.name { unreadable.insert(name) }
    }
    for field in fields where !unreadable.contains(field.name) {
      let text = (form[field.name] ?? field.text).trimmed
      texts[field.name] = text
      guard text != field.text else { continue }
      switch Self.read(text, as: field, isDiscountRate: field.name == "discountRate") {
      case .success(let value):
        numbers[field.name] = value
        changes.append(.init(label: field.label, from: field.text, to: text))
      case .failure(let message):
        problems.append("\(field.label): \(message)")
        unreadable.insert(field.name)
      }
    }

    for index in scenario.outcomes.indices {
      let outcome = scenario.outcomes[index]
      if let persons = numbers["persons.\(outcome.id)"] {
        scenario.outcomes[index] = Self.withPersons(outcome, persons)
      }
      Self.updateBranchingPhases(&scenario.outcomes[index].path, key: "share.\(outcome.id)") { key, phase in
        for branch in phase.branches.indices {
          if let share = numbers["\(key).\(phase.branches[branch].id)"] { phase.branches[branch].share = share / 100 }
        }
      }
    }
    if let value = numbers["deadweight"] { scenario.adjustments.deadweight = value / 100 }
    if let value = numbers["dropOff"] { scenario.adjustments.dropOff = value / 100 }
    if let value = numbers["discountRate"] { scenario.discountRate = value / 100 }
    if let value = numbers["horizon"] {
      let before = scenario.measure.costs
      scenario = scenario.withHorizon(years: Int(value))
      for (old, new) in zip(before, scenario.measure.costs) where old.months != new.months {
        warnings.append(
          "Den löpande kostnaden '\(new.label)' löper till kalkylperiodens slut: \(new.months) månader i stället för "
            + "\(old.months)" + (new.annualAmount == nil ? ", med samma totalbelopp." : ", med samma belopp per år."))
      }
      for cost in scenario.measure.costs where cost.runsToHorizon && cost.startMonth >= scenario.months {
        problems.append(
          "Kalkylperiod: den löpande kostnaden '\(cost.label)' börjar i månad \(cost.startMonth), "
            + "efter kalkylperiodens \(scenario.months) månader")
      }
    }
    if let value = numbers["ratesYear"] {
      let year = Int(value)
      let old = scenario.ratesDate
      scenario.ratesDate = Day(
        year: year, month: old.month, day: min(old.day, Day.daysIn(month: old.month, year: year)))
    }
    if numbers["municipality"] != nil, let code = texts["municipality"] { scenario.municipality = code }

    // The checks across fields, for the fields that could be read, so one pass reports everything.
    let readable = { (names: [String]) in names.allSatisfy { !unreadable.contains($0) } }
    problems += Self.shareProblems(scenario, skipping: unreadable)
    if readable(["horizon"]) { problems += Self.horizonProblems(scenario) }
    if readable(["municipality", "ratesYear"]) {
      if scenario.municipality != original.municipality || scenario.ratesDate.year != original.ratesDate.year {
        do {
          _ = try rates.municipality(scenario.municipality, year: scenario.ratesDate.year)
        } catch {
          problems.append("Kommun (kommunkod): \(error.description)")
        }
      }
    }
    if readable(scenario.outcomes.map { "persons.\($0.id)" }) {
      let persons = scenario.outcomes.reduce(0) { $0 + $1.persons }
      let participants = scenario.measure.participants
      if abs(persons - Double(participants)) > 1e-9 && numbers.keys.contains(where: { $0.hasPrefix("persons.") }) {
        warnings.append(
          "Utfallen summerar till \(AssumptionField.numberText(persons)) personer men insatsen har \(participants) "
            + "deltagare; resultaten räknas för de personer som anges.")
      }
    }
    for change in changes {
      scenario.inputs.append(
        ScenarioInput(
          path: "samkalk-serve/\(change.label)", value: change.to,
          source: .assumption("ändrat i webbformuläret (filen: \(change.from))")))
    }
    return AppliedAssumptions(
      scenario: scenario, changes: changes, problems: problems, warnings: warnings, texts: texts)
  }

  /// The persons of an outcome changed; its subgroups keep their proportions.
  static func withPersons(_ outcome: Outcome, _ persons: Double) -> Outcome {
    var changed = outcome
    changed.persons = persons
    let total = outcome.subgroups.reduce(0) { $0 + $1.persons }
    if total > 0 {
      changed.subgroups = outcome.subgroups.map {
        SubgroupShare(subgroup: $0.subgroup, persons: $0.persons / total * persons)
      }
    } else {
      changed.subgroups = []
    }
    return changed
  }

  enum Reading { case success(Double), failure(String) }

  /// One field's text as a number in its unit, or the message saying what it should be.
  static func read(_ text: String, as field: AssumptionField, isDiscountRate: Bool) -> Reading {
    switch field.kind {
    case .persons:
      guard let value = AssumptionField.number(text), value >= 0 else {
        return .failure("'\(text)' är inte ett antal personer (ett tal ≥ 0, t.ex. 12 eller 12,5)")
      }
      return .success(value)
    case .percent:
      guard let value = AssumptionField.number(text) else {
        return .failure("'\(text)' är inte ett tal (skriv procent, t.ex. 35 eller 3,5)")
      }
      if isDiscountRate {
        guard value >= 0 && value < 100 else {
          return .failure("\(text) % ligger utanför 0–100 % (3,5 % skrivs 3,5)")
        }
      } else {
        guard value >= 0 && value <= 100 else { return .failure("\(text) % ligger utanför 0–100 %") }
      }
      return .success(value)
    case .years:
      guard let value = Int(text), (1...100).contains(value) else {
        return .failure("'\(text)' är inte ett helt antal år mellan 1 och 100")
      }
      return .success(Double(value))
    case .year:
      guard let value = Int(text), (1900...2100).contains(value) else {
        return .failure("'\(text)' är inte ett årtal (t.ex. 2025)")
      }
      return .success(Double(value))
    case .municipality:
      guard text.utf8.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        return .failure("'\(text)' är inte en kommunkod (fyra siffror, t.ex. 1780 för Karlstad)")
      }
      return .success(0)
    }
  }

  /// A phase's branch shares must add up to 100 % (within 10⁻⁹ of 1, as the reader requires);
  /// phases with an unreadable share are skipped (that share already has its message).
  static func shareProblems(_ scenario: Scenario, skipping unreadable: Set<String>) -> [String] {
    var problems: [String] = []
    for outcome in scenario.outcomes {
      visitBranchingPhases(outcome.path, key: "share.\(outcome.id)") { key, phase, index in
        guard phase.branches.allSatisfy({ !unreadable.contains("\(key).\($0.id)") }) else { return }
        let sum = phase.branches.reduce(0) { $0 + $1.share }
        if abs(sum - 1) > 1e-9 {
          problems.append(
            "Andelar efter \(outcome.label ?? outcome.id), fas \(index + 1): andelarna summerar till "
              + "\(AssumptionField.percentText(sum)) %, inte 100 %")
        }
      }
    }
    return problems
  }

  /// The horizon must cover the measure, every cost and every outcome's start.
  static func horizonProblems(_ scenario: Scenario) -> [String] {
    let months = scenario.months
    var problems: [String] = []
    if scenario.measure.months > months {
      problems.append("Kalkylperiod: insatsen pågår \(scenario.measure.months) månader, längre än \(months) månader")
    }
    for cost in scenario.measure.costs where cost.startMonth + cost.months > months {
      problems.append(
        "Kalkylperiod: kostnaden '\(cost.label)' löper till månad \(cost.startMonth + cost.months), "
          + "efter kalkylperiodens \(months) månader")
    }
    for outcome in scenario.outcomes where outcome.startMonth >= months {
      problems.append(
        "Kalkylperiod: utfallet '\(outcome.label ?? outcome.id)' börjar i månad \(outcome.startMonth), "
          + "inte inom kalkylperiodens \(months) månader")
    }
    return problems
  }
}
