import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates
import SamkalkXML

/// Walks a schema-valid scenario document, checks its meaning and builds the ``Scenario``.
///
/// Every check appends a diagnostic at the line of the offending element and goes on, so that
/// one run reports all problems. The scenario is returned only when no error was found.
struct ScenarioParser {
  let document: XMLDocument
  let rates: RateBook
  private(set) var diagnostics = DiagnosticCollector()
  private var inputs: [ScenarioInput] = []

  /// Attributes that name or describe an element rather than carry one of its values.
  static let nonValueAttributes: Set<String> = [
    "source", "assumption", "id", "label", "type", "item", "financier", "key", "note", "status",
  ]

  /// Which files `<followup file=…>` may name (``ScenarioReader/fileReferences``).
  let fileReferences: FileReferences

  init(document: XMLDocument, rates: RateBook, fileReferences: FileReferences = .withinScenarioFolder) {
    self.document = document
    self.rates = rates
    self.fileReferences = fileReferences
  }

  /// The diagnostics in file order (by line, stable), errors and warnings together.
  var sortedDiagnostics: [Diagnostic] {
    diagnostics.diagnostics.enumerated().sorted { lhs, rhs in
      let left = lhs.element.location.line ?? 0
      let right = rhs.element.location.line ?? 0
      return left != right ? left < right : lhs.offset < rhs.offset
    }.map(\.element)
  }

  // MARK: - The document

  mutating func parse() -> Scenario? {
    let root = document.root
    let id = root[attribute: "id"] ?? ""
    if !Self.isValidID(id) {
      error(
        "scenario id '\(id.prefix(Self.maximumIDLength + 10))\(id.count > Self.maximumIDLength + 10 ? "…" : "")' "
          + "must match [a-z0-9][a-z0-9_-]* (lower-case letters, digits, '_' and '-') and have at most "
          + "\(Self.maximumIDLength) characters (it names the report files)",
        root)
    }
    let title = root.child(named: "title")?.trimmedText ?? ""
    if title.isEmpty { error("the title is empty", root.child(named: "title") ?? root) }
    let summary = root.child(named: "summary").map(\.trimmedText).flatMap { $0.isEmpty ? nil : $0 }

    // Dates first: the municipality and the rate checks need the rates date.
    let ratesElement = root.child(named: "rates")
    var ratesDate: Day?
    if let element = ratesElement {
      let text = element[attribute: "date"] ?? ""
      ratesDate = Day(text)
      if ratesDate == nil {
        error("rates date '\(text)' is not a date of the form YYYY-MM-DD", element)
      }
      record(element, path: "rates")
    }
    var start: YearMonth?
    if let element = root.child(named: "start") {
      let text = element[attribute: "month"] ?? ""
      start = YearMonth(text)
      if start == nil { error("start month '\(text)' is not a month of the form YYYY-MM", element) }
      record(element, path: "start")
    }

    // Scenario rate values: parsed early, so that subsidy checks see them.
    let rateValues = root.children(named: "rate").compactMap { parseRate($0) }
    refuseRepeatedRates(rateValues)
    let book = rates.adding(scenarioValues: rateValues)

    var municipality = ""
    if let element = root.child(named: "municipality") {
      let code = (element[attribute: "code"] ?? "").trimmed
      municipality = code
      if let date = ratesDate {
        do {
          municipality = try rates.municipality(code, year: date.year).code
        } catch {
          self.error(error.message, element)
        }
      }
      record(element, path: "municipality")
    }

    var horizonYears = 0
    if let element = root.child(named: "horizon") {
      horizonYears = integer(element, "years", range: 1...100, what: "the horizon in years") ?? 0
      record(element, path: "horizon")
    }
    let horizonMonths = horizonYears * 12

    var discountRate: Double?
    if let element = root.child(named: "discountRate") {
      if let value = decimal(element, "value") {
        if value < 0 || value >= 1 {
          error(
            "discount rate \(format(value)) must be a share between 0 and 1 (3.5 % is 0.035)",
            element)
        } else {
          discountRate = value
        }
      }
      record(element, path: "discountRate")
    }

    var mandatePeriodYears = 4
    if let element = root.child(named: "mandatePeriod") {
      mandatePeriodYears =
        integer(element, "years", range: 1...100, what: "the mandate period in years") ?? 4
      record(element, path: "mandatePeriod")
    }

    var population = PopulationKind.cohort
    if let element = root.child(named: "population") {
      // The schema allows only the two kinds.
      population = PopulationKind(rawValue: (element[attribute: "kind"] ?? "").trimmed) ?? .cohort
      record(element, path: "population")
    }

    let context = PhaseContext(book: book, ratesDate: ratesDate)
    let measure = root.child(named: "measure").flatMap {
      parseMeasure($0, horizonMonths: horizonMonths)
    }
    let before = root.child(named: "before").map {
      parsePhaseContent($0, path: "before", context: context)
    }
    if let element = root.child(named: "before"), element.children(named: "situation").isEmpty {
      warning(
        "the before situation has no <situation>: the comparison basis pays no benefit "
          + "(write <situation type=\"ingen_ersattning\"/> to say so)", element)
    }
    let during = root.child(named: "during").map {
      parsePhaseContent($0, path: "during", context: context)
    }
    let groups = GroupContext(
      measure: measure, horizonMonths: horizonMonths, phase: context, population: population,
      scenarioBefore: before, scenarioDuring: during, startYear: start?.year)
    let outcomes = parseGroups(
      root.child(named: "outcomes"), elementName: "outcome", role: .outcome, context: groups)
    var comparison = ComparisonBasis.beforePersists
    if let element = root.child(named: "comparison") {
      record(element, path: "comparison")
      comparison = .alternative(
        parseGroups(element, elementName: "alternative", role: .alternative, context: groups))
    }
    let adjustments = root.child(named: "adjustments").map { parseAdjustments($0) } ?? Adjustments()
    let outcomeIDs = (root.child(named: "outcomes")?.children(named: "outcome") ?? []).compactMap {
      $0[attribute: "id"]
    }
    let breakEven = root.child(named: "breakEven").map {
      parseBreakEven($0, outcomeIDs: outcomeIDs, horizonYears: horizonYears)
    }
    var potentialWage: Double?
    if let element = root.child(named: "verkningsgrad") {
      record(element, path: "verkningsgrad")
      if let wage = amount(element, "potentialWage") {
        if wage > 0 {
          potentialWage = wage
        } else {
          error("'potentialWage' must be above 0 (the full-time monthly wage of the potential)", element)
        }
      }
    }

    let followup = root.child(named: "followup").flatMap { parseFollowup($0) }
    var goals: [GoalSpec] = []
    for element in root.children(named: "goal") {
      if let goal = parseGoal(element, outcomeIDs: outcomeIDs, known: goals.map(\.id)) { goals.append(goal) }
    }

    let (uncertainty, pendingVaries) =
      root.child(named: "uncertainty").map { parseUncertainty($0, rates: rates) } ?? (UncertaintySpec(), [])

    guard !diagnostics.hasErrors, let ratesDate, let start, let measure, let before else {
      return nil
    }
    var scenario = Scenario(
      id: id, title: title, summary: summary, file: document.file, municipality: municipality,
      ratesDate: ratesDate, start: start, horizonYears: horizonYears, discountRate: discountRate,
      mandatePeriodYears: mandatePeriodYears, measure: measure, before: before, during: during,
      outcomes: outcomes, population: population, comparison: comparison, adjustments: adjustments,
      breakEven: breakEven, potentialWage: potentialWage, rateValues: rateValues,
      inputs: inputs.enumerated().sorted { lhs, rhs in
        let left = lhs.element.location?.line ?? 0
        let right = rhs.element.location?.line ?? 0
        return left != right ? left < right : lhs.offset < rhs.offset
      }.map(\.element), followup: followup, goals: goals)
    // Bounded before anything is computed: a 57 kB file of 400 outcomes over 100 years took 260 MB.
    if let problem = scenario.sizeProblem {
      error(problem, root.child(named: "outcomes") ?? root)
      return nil
    }
    checkUncertainty(pendingVaries, of: scenario)
    guard !diagnostics.hasErrors else { return nil }
    scenario.uncertainty = uncertainty
    scenario.uncertainty.parameters = pendingVaries.map(\.parameter)
    return scenario
  }

  /// `<goal id label targetShare outcomes="a b"/>`: a known, unique id set and a share in 0–1.
  private mutating func parseGoal(_ element: XMLElement, outcomeIDs: [String], known: [String]) -> GoalSpec? {
    record(element, path: "goal[\(element[attribute: "id"] ?? "")]")
    let id = (element[attribute: "id"] ?? "").trimmed
    let label = (element[attribute: "label"] ?? "").trimmed
    var ok = true
    if id.isEmpty || label.isEmpty {
      error("a goal needs a non-empty id and label", element)
      ok = false
    }
    if known.contains(id) {
      error("goal '\(id)' is given twice", element)
      ok = false
    }
    let target = share(element, "targetShare")
    if target == nil { ok = false }
    let outcomes = (element[attribute: "outcomes"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," })
      .map(String.init)
    if outcomes.isEmpty {
      error("a goal needs the outcomes that reach it (outcomes=\"id id …\")", element)
      ok = false
    }
    for outcome in outcomes where !outcomeIDs.contains(outcome) {
      error(
        "goal '\(id)' names unknown outcome '\(outcome)'\(NameSuggestion.hint(for: outcome, among: outcomeIDs))",
        element)
      ok = false
    }
    guard ok, let target else { return nil }
    return GoalSpec(id: id, label: label, targetShare: target, outcomes: outcomes)
  }

  // MARK: - The measure

  private mutating func parseMeasure(_ element: XMLElement, horizonMonths: Int) -> Measure? {
    let participants = integer(
      element, "participants", range: 1...1_000_000_000, what: "participants")
    let months = integer(element, "months", range: 1...1200, what: "the measure's months")
    record(element, path: "measure")
    if let months, horizonMonths > 0, months > horizonMonths {
      error(
        "the measure lasts \(months) months, longer than the horizon of \(horizonMonths) months",
        element)
    }

    let financing = parseFinancing(element.children(named: "financing"), path: "measure")
    if !financing.isEmpty { checkShares(financing, of: "the measure", at: element) }

    var costs: [CostItem] = []
    var seen: [String: Int] = [:]
    for costElement in element.children(named: "cost") {
      let id = costElement[attribute: "id"] ?? ""
      if !Self.isValidID(id) {
        error("cost id '\(id)' must match [a-z0-9][a-z0-9_-]*", costElement)
      } else if let first = seen[id] {
        error("duplicate cost id '\(id)' (first used on line \(first))", costElement)
      } else {
        seen[id] = costElement.line
      }
      guard
        let cost = parseCost(costElement, measureMonths: months ?? 0, horizonMonths: horizonMonths)
      else {
        continue
      }
      if cost.financing == nil && financing.isEmpty {
        error(
          "cost '\(id)' has no financing: give <financing> in the cost or in the measure",
          costElement)
      }
      costs.append(cost)
    }
    if element.children(named: "cost").isEmpty {
      warning("the measure has no <cost>: the calculation counts no investment", element)
    }
    guard let participants, let months else { return nil }
    return Measure(participants: participants, months: months, costs: costs, financing: financing)
  }

  private mutating func parseCost(_ element: XMLElement, measureMonths: Int, horizonMonths: Int)
    -> CostItem?
  {
    let id = element[attribute: "id"] ?? ""
    let label = (element[attribute: "label"] ?? "").trimmed
    if label.isEmpty { error("cost '\(id)' has an empty label", element) }
    let path = "measure/cost[\(id)]"
    record(element, path: path)

    // The schema allows only the two kinds.
    let kind = CostKind(rawValue: element[attribute: "kind"] ?? "") ?? .project
    // An ongoing cost starts by default when the project ends and runs to the horizon.
    let defaultStart = kind == .ongoing ? measureMonths : 0
    let startMonth =
      element.attribute("startMonth") == nil
      ? defaultStart : integer(element, "startMonth", range: 0...1200, what: "startMonth") ?? 0
    let defaultEnd = kind == .ongoing ? horizonMonths : measureMonths
    var months: Int?
    if element.attribute("months") != nil {
      months = integer(element, "months", range: 1...1200, what: "months")
    } else if defaultEnd - startMonth > 0 {
      months = defaultEnd - startMonth
    } else if kind == .ongoing, horizonMonths > 0 {
      error(
        "ongoing cost '\(id)' starts in month \(startMonth), at or after the horizon of \(horizonMonths) months",
        element)
    } else if kind == .project, measureMonths > 0 {
      error(
        "cost '\(id)' starts in month \(startMonth), after the measure's \(measureMonths) months: give 'months'",
        element)
    }
    if let months, horizonMonths > 0, startMonth + months > horizonMonths {
      error(
        "cost '\(id)' runs from month \(startMonth) for \(months) months, past the horizon of \(horizonMonths) months",
        element)
    }

    let hasAmount = element.attribute("amount") != nil
    let hasFTE = element.attribute("fte") != nil
    let hasCostPerFTE = element.attribute("annualCostPerFte") != nil
    let hasAnnualAmount = element.attribute("annualAmount") != nil
    var kronor: Double?
    var annualAmount: Double?
    switch (hasAmount, hasFTE, hasCostPerFTE) {
    case _ where hasAnnualAmount && (hasAmount || hasFTE || hasCostPerFTE):
      error(
        "cost '\(id)' gives 'annualAmount' and 'amount' or 'fte'/'annualCostPerFte': give one of them",
        element)
    case (false, false, false) where hasAnnualAmount:
      annualAmount = amount(element, "annualAmount")
    case (true, false, false):
      kronor = amount(element, "amount")
    case (false, true, true):
      let fte = decimal(element, "fte")
      let perFTE = amount(element, "annualCostPerFte")
      if let fte, fte < 0 || fte > 10_000 {
        error("fte \(format(fte)) must be between 0 and 10000 full-time equivalents", element)
      } else if let fte, let perFTE {
        annualAmount = fte * perFTE
      }
    case (false, true, false), (false, false, true):
      error(
        "cost '\(id)' needs both 'fte' and 'annualCostPerFte' (amount = fte × annualCostPerFte × months / 12)",
        element)
    case (false, false, false):
      error("cost '\(id)' needs 'amount', or 'fte' and 'annualCostPerFte', or 'annualAmount'", element)
    default:
      error(
        "cost '\(id)' gives both 'amount' and 'fte'/'annualCostPerFte': give one or the other",
        element)
    }
    if let annualAmount, let months { kronor = CostItem.total(annualAmount: annualAmount, months: months) }
    var money: Money?
    if let kronor {
      if kronor >= RateUnit.maximumAmount {
        error("cost '\(id)' comes to \(format(kronor)) kr, not below the limit of 1e12 kr", element)
      } else {
        money = Money.rounding(kronor: kronor)
      }
    }

    let financingElements = element.children(named: "financing")
    var financing: [Financing]?
    if !financingElements.isEmpty {
      let parsed = parseFinancing(financingElements, path: path)
      checkShares(parsed, of: "cost '\(id)'", at: element)
      financing = parsed
    }
    guard let money, let months else { return nil }
    return CostItem(
      id: id, label: label, amount: money, startMonth: startMonth, months: months,
      financing: financing, kind: kind,
      runsToHorizon: kind == .ongoing && element.attribute("months") == nil, annualAmount: annualAmount)
  }

  private mutating func parseFinancing(_ elements: [XMLElement], path: String) -> [Financing] {
    var result: [Financing] = []
    var seen: Set<String> = []
    for element in elements {
      let name = (element[attribute: "financier"] ?? "").trimmed
      record(element, path: "\(path)/financing[\(name)]")
      let share = self.share(element, "share")
      let financier: Financier?
      if name == Financier.samordningsforbund.id {
        financier = .samordningsforbund
      } else if let actor = Actor(rawValue: name) {
        financier = .actor(actor)
      } else {
        let known = Actor.allCases.map(\.rawValue) + [Financier.samordningsforbund.id]
        error(
          "unknown financier '\(name)'\(NameSuggestion.hint(for: name, among: known)) "
            + "(an actor id or samordningsforbund)", element)
        financier = nil
      }
      if let financier {
        if !seen.insert(financier.id).inserted {
          error("financier '\(name)' is named twice", element)
        }
        if let share { result.append(Financing(financier: financier, share: share)) }
      }
    }
    return result
  }

  /// Shares must add up to 1 (within 1e-9); reported only when every share could be read.
  private mutating func checkShares(
    _ financing: [Financing], of what: String, at element: XMLElement
  ) {
    guard financing.count == element.children(named: "financing").count else { return }
    let sum = financing.reduce(0) { $0 + $1.share }
    if abs(sum - 1) > 1e-9 {
      error("the financing shares of \(what) add up to \(format(sum)), not 1", element)
    }
  }

  // MARK: - Situations and services

  struct PhaseContext {
    let book: RateBook
    let ratesDate: Day?
  }

  private mutating func parsePhaseContent(
    _ element: XMLElement, path: String, context: PhaseContext
  ) -> Phase {
    if element.attribute("months") != nil || element.attribute("source") != nil
      || element.attribute("assumption") != nil
    {
      record(element, path: path)
    }
    var situations: [SituationShare] = []
    var services: [ServiceUse] = []
    for child in element.children {
      switch child.name {
      case "situation":
        if let share = parseSituation(child, path: path, context: context) {
          situations.append(share)
          if share.situation == .aKassa, share.benefitStep != nil {
            let months = element[attribute: "months"].flatMap { Int($0.trimmed) }
            checkAKassaStepLength(child, phaseMonths: months, context: context)
          }
        }
      case "service":
        if let use = parseService(child, path: path) { services.append(use) }
      default:
        break
      }
    }
    return Phase(months: nil, situations: situations, services: services)
  }

  private mutating func parseSituation(_ element: XMLElement, path: String, context: PhaseContext)
    -> SituationShare?
  {
    let type = (element[attribute: "type"] ?? "").trimmed
    record(element, path: "\(path)/situation[\(type)]")
    let extent = element.attribute("extent") == nil ? 1 : share(element, "extent")
    let wage = optionalAmount(element, "wage")
    let subsidyFactor =
      element.attribute("subsidyFactor") == nil ? nil : decimal(element, "subsidyFactor")
    let subsidyShare =
      element.attribute("subsidyShare") == nil ? nil : share(element, "subsidyShare")
    let annualIncome = optionalAmount(element, "annualIncome")
    let monthlyAmount = optionalAmount(element, "monthlyAmount")

    guard let situation = Situation(rawValue: type) else {
      error(
        "unknown situation type '\(type)'"
          + NameSuggestion.hint(for: type, among: Situation.allCases.map(\.rawValue)), element)
      return nil
    }

    func has(_ name: String) -> Bool { element.attribute(name) != nil }
    let needsShare: Set<Situation> = [
      .introduktionsjobb, .lonebidrag, .skyddatArbeteOffentligt, .samhall,
    ]

    if situation.isWork {
      if !has("wage") {
        error("situation '\(type)' needs 'wage' (the full-time monthly wage in kronor)", element)
      }
    } else if has("wage") {
      warning(
        "'wage' has no effect for situation '\(type)' (only work situations have a wage)", element)
    }

    if situation == .nystartsjobb {
      if !has("subsidyFactor") {
        error(
          "situation 'nystartsjobb' needs 'subsidyFactor' (the multiple of the employer contribution)",
          element)
      } else if let factor = subsidyFactor, let date = context.ratesDate {
        checkFactor(factor, at: element, book: context.book, date: date)
      }
    } else if has("subsidyFactor") {
      warning(
        "'subsidyFactor' has no effect for situation '\(type)' (only nystartsjobb uses it)", element
      )
    }

    if needsShare.contains(situation) {
      if !has("subsidyShare") {
        error(
          "situation '\(type)' needs 'subsidyShare' (the subsidy as a share of the wage cost, 0–1)",
          element)
      } else if situation == .introduktionsjobb, let value = subsidyShare,
        let date = context.ratesDate
      {
        if let maximum = try? context.book.resolve("subvention.introduktionsjobb.andel", at: date)
          .number,
          value > maximum + 1e-12
        {
          error(
            "subsidyShare \(format(value)) is above the introduktionsjobb maximum of \(format(maximum)) "
              + "(subvention.introduktionsjobb.andel on \(date))", element)
        }
      }
    } else if has("subsidyShare") {
      warning(
        "'subsidyShare' has no effect for situation '\(type)' "
          + "(used by introduktionsjobb, lonebidrag, skyddat_arbete_offentligt and samhall)",
        element)
    }

    if situation == .sjukpenning {
      if !has("annualIncome") && !has("monthlyAmount") {
        error(
          "situation 'sjukpenning' needs 'annualIncome' (the sjukpenninggrundande inkomst, kr/år) or 'monthlyAmount'",
          element)
      }
    } else if has("annualIncome") {
      warning(
        "'annualIncome' has no effect for situation '\(type)' (only sjukpenning uses it)", element)
    }

    var studyGrant: StudyGrant?
    if let text = element[attribute: "grant"]?.trimmed {
      if situation != .studier {
        warning("'grant' has no effect for situation '\(type)' (only studier uses it)", element)
      } else if let grant = StudyGrant(rawValue: text) {
        studyGrant = grant
      } else {
        error("unknown grant '\(text)' (generellt or hogre: studiestödslagen 3 kap. 12 or 13 §)", element)
      }
    }

    var entitledToAKassa: Bool?
    if let text = element[attribute: "entitledToAKassa"]?.trimmed {
      if ![.aktivitetsstod, .praktik, .arbetstraning].contains(situation) {
        warning(
          "'entitledToAKassa' has no effect for situation '\(type)' (used by aktivitetsstod, praktik and arbetstraning)",
          element)
      } else {
        entitledToAKassa = text == "true" || text == "1"
      }
    }

    var hasGymnasieexamen: Bool?
    if let text = element[attribute: "gymnasieexamen"]?.trimmed {
      if situation != .utvecklingsersattning {
        warning("'gymnasieexamen' has no effect for situation '\(type)' (only utvecklingsersattning uses it)", element)
      } else {
        hasGymnasieexamen = text == "true" || text == "1"
      }
    }

    let priorIncome = optionalAmount(element, "priorIncome")
    var step: AKassaStep?
    if let text = element[attribute: "step"]?.trimmed {
      step = AKassaStep(rawValue: text)
      if step == nil, situation == .aKassa {
        error("unknown step '\(text)' (1-100, 101-200 or 201-: the ersättningsdagar the phase is in)", element)
      }
    }
    if situation == .aKassa {
      checkAKassa(
        element, context: context, hasIncome: has("priorIncome"), hasStep: has("step"),
        hasAmount: has("monthlyAmount"))
    } else {
      for name in ["priorIncome", "step"] where has(name) {
        warning("'\(name)' has no effect for situation '\(type)' (only a_kassa uses it)", element)
      }
    }

    if has("monthlyAmount") && (situation.isWork || situation == .ingenErsattning) {
      warning(
        "'monthlyAmount' has no effect for situation '\(type)' (it replaces a benefit's rate)",
        element)
    }

    guard let extent else { return nil }
    return SituationShare(
      situation: situation, extent: extent, monthlyWage: wage, subsidyFactor: subsidyFactor,
      subsidyShare: subsidyShare, annualIncome: annualIncome, monthlyAmount: monthlyAmount,
      studyGrant: studyGrant, entitledToAKassa: entitledToAKassa, priorMonthlyIncome: priorIncome,
      benefitStep: step, hasGymnasieexamen: hasGymnasieexamen)
  }

  /// A step of the a-kassa period (`formaner.a_kassa.dagar_per_niva` ersättningsdagar, five a
  /// week) lasts about 4.6 months of full unemployment; a phase paid at one step for longer
  /// (or with no end: a before or during situation, a path's last phase) overstates the
  /// benefit after the step-down, so it is a warning that says to split the phase.
  private mutating func checkAKassaStepLength(_ element: XMLElement, phaseMonths: Int?, context: PhaseContext) {
    guard let date = context.ratesDate,
      let days = try? context.book.resolve("formaner.a_kassa.dagar_per_niva", at: date).number,
      let weeks = try? context.book.resolve("kalender.veckor_per_ar", at: date).number,
      let weekdays = try? context.book.resolve("kalender.vardagar_per_vecka", at: date).number,
      let months = try? context.book.resolve("kalender.manader_per_ar", at: date).number,
      weeks > 0, weekdays > 0
    else { return }
    let stepMonths = days / (weeks * weekdays / months)
    if let phaseMonths, Double(phaseMonths) <= stepMonths.rounded(.up) { return }
    let length = phaseMonths.map { "lasts \($0) months" } ?? "has no end (it runs to the end of the horizon)"
    warning(
      "this a_kassa phase \(length), but a step of the ersättningsperiod is \(format(days)) ersättningsdagar "
        + "(about \(format((stepMonths * 10).rounded() / 10)) months full time): split it into phases at the step-downs",
      element)
  }

  /// A-kassa under the rules from 2025-10-01 (the rates date has an income ceiling,
  /// `formaner.a_kassa.inkomsttak_manad`) is computed from the prior income and the step of the
  /// period: both must be stated, unless the scenario states the amount itself. Before that
  /// date the old grundbelopp is paid and the two have no effect.
  private mutating func checkAKassa(
    _ element: XMLElement, context: PhaseContext, hasIncome: Bool, hasStep: Bool, hasAmount: Bool
  ) {
    guard let date = context.ratesDate else { return }
    let newRules = (try? context.book.resolve("formaner.a_kassa.inkomsttak_manad", at: date)) != nil
    if newRules {
      guard !hasAmount else { return }
      if !hasIncome {
        error(
          "situation 'a_kassa' on rates date \(date) (the rules from 2025-10-01) needs 'priorIncome' "
            + "(the ersättningsgrundande inkomst, kr/månad) or 'monthlyAmount'", element)
      }
      if !hasStep {
        error(
          "situation 'a_kassa' on rates date \(date) (the rules from 2025-10-01) needs 'step' "
            + "(1-100, 101-200 or 201-: the ersättningsdagar the phase is in) or 'monthlyAmount'", element)
      }
    } else {
      for (name, present) in [("priorIncome", hasIncome), ("step", hasStep)] where present {
        warning(
          "'\(name)' has no effect for 'a_kassa' on rates date \(date): before 2025-10-01 the grundbelopp is paid",
          element)
      }
    }
  }

  private mutating func checkFactor(
    _ factor: Double, at element: XMLElement, book: RateBook, date: Day
  ) {
    do {
      let minimum = try book.resolve("subvention.nystartsjobb.min_faktor", at: date).number ?? 0
      let maximum = try book.resolve("subvention.nystartsjobb.max_faktor", at: date).number ?? 0
      if factor < minimum - 1e-12 || factor > maximum + 1e-12 {
        error(
          "subsidyFactor \(format(factor)) is outside the nystartsjobb range \(format(minimum))–\(format(maximum)) "
            + "(subvention.nystartsjobb.min_faktor/max_faktor on \(date))", element)
      }
    } catch {
      self.error("cannot check subsidyFactor: \(error.message)", element)
    }
  }

  private mutating func parseService(_ element: XMLElement, path: String) -> ServiceUse? {
    let item = (element[attribute: "item"] ?? "").trimmed
    record(element, path: "\(path)/service[\(item)]")
    var perMonth = decimal(element, "perMonth")
    if let value = perMonth, value < 0 || value > 1_000 {
      error(
        "perMonth \(format(value)) must be between 0 and 1000 (a count per person and month)",
        element)
      perMonth = nil
    }
    guard item.hasPrefix("tjanster."), rates.info(for: RateKey(item)) != nil else {
      // Only for the message: `rates.keys` sorts every key, once per <service> made reading
      // 20 000 services take 14 s.
      let services = rates.keys.map(\.rawValue).filter { $0.hasPrefix("tjanster.") }
      var hint = NameSuggestion.hint(for: item, among: services)
      if hint.isEmpty, services.contains("tjanster." + item) {
        hint = "; did you mean 'tjanster.\(item)'?"
      }
      if hint.isEmpty, let match = NameSuggestion.closest(to: "tjanster." + item, among: services) {
        hint = "; did you mean '\(match)'?"
      }
      error(
        "unknown service item '\(item)'\(hint) (a tjanster.* unit cost of the rate tables)", element
      )
      return nil
    }
    if let unit = rates.info(for: RateKey(item))?.unit, !ServiceUse.countableUnits.contains(unit) {
      error(ServiceUse.unusableUnitMessage(key: RateKey(item), unit: unit), element)
      return nil
    }
    guard let perMonth else { return nil }
    return ServiceUse(item: RateKey(item), perMonth: perMonth)
  }

  // MARK: - Outcomes, typfall and the comparison alternative

  enum GroupRole {
    case outcome
    case alternative

    var noun: String { self == .outcome ? "outcome" : "alternative" }
  }

  struct GroupContext {
    let measure: Measure?
    let horizonMonths: Int
    let phase: PhaseContext
    let population: PopulationKind
    let scenarioBefore: Phase?
    let scenarioDuring: Phase?
    /// The year of the scenario's `<start>`, which bounds a group's `birthYear`.
    let startYear: Int?
  }

  /// The `<outcome>` children of `<outcomes>`, or the `<alternative>` children of `<comparison>`,
  /// with the check that their persons add up to the participants.
  private mutating func parseGroups(
    _ element: XMLElement?, elementName: String, role: GroupRole, context: GroupContext
  ) -> [Outcome] {
    guard let element else { return [] }
    var groups: [Outcome] = []
    var seen: [String: Int] = [:]
    var persons = 0.0
    var shares = 0.0
    var allRead = true
    var allShares = true
    for groupElement in element.children(named: elementName) {
      let (group, count, share) = parseGroup(groupElement, role: role, seen: &seen, context: context)
      if let count { persons += count } else { allRead = false }
      if let share { shares += share } else { allShares = false }
      if let group { groups.append(group) }
    }
    let what =
      role == .alternative
      ? "the comparison alternatives" : context.population == .typfall ? "the typfall weights" : "outcomes"
    if allShares, !element.children(named: elementName).isEmpty {
      if abs(shares - 1) > 1e-9 {
        let difference = 1 - shares
        let detail =
          difference > 0
          ? "\(format(difference)) not assigned" : "\(format(-difference)) more than all participants"
        warning("\(what) have shares adding up to \(format(shares)), not 1 (\(detail))", element)
      }
    } else if allRead, let participants = context.measure?.participants,
      abs(persons - Double(participants)) > 1e-9
    {
      let difference = Double(participants) - persons
      let detail =
        difference > 0
        ? "\(format(difference)) not assigned" : "\(format(-difference)) more than the participants"
      warning(
        "\(what) add up to \(format(persons)) persons but the measure has \(participants) participants (\(detail))",
        element)
    }
    return groups
  }

  /// One group; also returns its persons and, when given as a share, its share, for the sums.
  private mutating func parseGroup(
    _ element: XMLElement, role: GroupRole, seen: inout [String: Int], context: GroupContext
  ) -> (Outcome?, persons: Double?, share: Double?) {
    let id = element[attribute: "id"] ?? ""
    if !Self.isValidID(id) {
      error("\(role.noun) id '\(id)' must match [a-z0-9][a-z0-9_-]*", element)
    } else if let first = seen[id] {
      error("duplicate \(role.noun) id '\(id)' (first used on line \(first))", element)
    } else {
      seen[id] = element.line
    }
    let path = role == .outcome ? "outcome[\(id)]" : "comparison/alternative[\(id)]"
    let what = "\(role.noun) '\(id)'"
    record(element, path: path)

    var persons: Double?
    var share: Double?
    switch (element.attribute("persons") != nil, element.attribute("share") != nil) {
    case (true, false):
      persons = personCount(element, "persons")
    case (false, true):
      share = self.share(element, "share")
      if let share, let participants = context.measure?.participants {
        persons = share * Double(participants)
      }
    case (true, true):
      error("\(what) gives both 'persons' and 'share': give one or the other", element)
    case (false, false):
      error(
        "\(what) needs 'persons' (a count, or a typfall's weight) or 'share' (a share of the participants)",
        element)
    }

    var startMonth: Int?
    if element.attribute("startMonth") != nil {
      startMonth = integer(element, "startMonth", range: 0...1200, what: "startMonth")
    } else {
      // An outcome leaves the measure when it ends; the comparison alternative has no measure.
      startMonth = role == .outcome ? context.measure?.months : 0
    }
    let horizonMonths = context.horizonMonths
    if let startMonth, horizonMonths > 0, startMonth >= horizonMonths {
      error(
        "\(what) starts in month \(startMonth), not within the horizon of \(horizonMonths) months "
          + "(months count from 0)", element)
    }

    let subgroups = parseSubgroups(
      element.children(named: "subgroup"), of: element, path: path, what: what, persons: persons)
    let before = element.child(named: "before").map {
      parsePhaseContent($0, path: "\(path)/before", context: context.phase)
    }
    if let beforeElement = element.child(named: "before"), beforeElement.children(named: "situation").isEmpty {
      warning(
        "the before situation of \(what) has no <situation> "
          + "(write <situation type=\"ingen_ersattning\"/> to say so)", beforeElement)
    }
    var during = element.child(named: "during").map {
      parsePhaseContent($0, path: "\(path)/during", context: context.phase)
    }
    // Make the situation before `startMonth` explicit in the model. An outcome without a <during>
    // of its own follows the scenario's <during>, and with none, its own before; a group of the
    // comparison alternative never takes part in the measure, so it follows its own <during>, else
    // its own <before>, else the scenario's <before>.
    if during == nil {
      switch role {
      case .outcome: during = context.scenarioDuring == nil ? before : nil
      case .alternative: during = before ?? context.scenarioBefore
      }
    }

    let phases = parsePath(
      element.children(named: "phase"), path: path, what: what, startMonth: startMonth,
      owner: element, context: context)

    // The persons' birth year, for the age rules of the income tax; absent, they are below every
    // age threshold. A person is born no later than the scenario starts and at most 130 years before.
    let startYear = context.startYear ?? 2200
    let birthYear = integer(element, "birthYear", range: (startYear - 130)...startYear, what: "birthYear")

    let label = element[attribute: "label"]?.trimmed
    guard let persons, let startMonth else { return (nil, persons, share) }
    let group = Outcome(
      id: id, label: label?.isEmpty == true ? nil : label, persons: persons, startMonth: startMonth,
      path: phases, before: before, during: during, subgroups: subgroups, birthYear: birthYear)
    return (group, persons, share)
  }

  /// A path: every phase but the last has `months`; the last lasts to the horizon, unless it
  /// branches, in which case it has `months` and each branch has a path of its own.
  private mutating func parsePath(
    _ phaseElements: [XMLElement], path: String, what: String, startMonth: Int?, owner: XMLElement,
    context: GroupContext
  ) -> [Phase] {
    var phases: [Phase] = []
    var fixedMonths = 0
    var allMonthsRead = true
    var branches = false
    for (index, phaseElement) in phaseElements.enumerated() {
      let phasePath = "\(path)/phase[\(index + 1)]"
      let phaseWhat = "phase \(index + 1) of \(what)"
      let isLast = index == phaseElements.count - 1
      let branchElements = phaseElement.children(named: "branch")
      let hasMonths = phaseElement.attribute("months") != nil
      var phase = parsePhaseContent(phaseElement, path: phasePath, context: context.phase)
      if !branchElements.isEmpty {
        branches = true
        if !isLast {
          error("\(phaseWhat) has branches, so it must be the last phase of its path", phaseElement)
        }
        if !hasMonths {
          error(
            "\(phaseWhat) has branches, so it needs 'months' (the persons divide into the branches when it ends)",
            phaseElement)
          allMonthsRead = false
        }
      } else if isLast && hasMonths {
        error(
          "the last phase of \(what) must not have 'months': it lasts to the end of the horizon "
            + "unless it has <branch> elements", phaseElement)
      } else if !isLast && !hasMonths {
        error("\(phaseWhat) needs 'months' (only the last phase lasts to the horizon)", phaseElement)
        allMonthsRead = false
      }
      if hasMonths && (!isLast || !branchElements.isEmpty) {
        if let months = integer(phaseElement, "months", range: 1...1200, what: "months") {
          phase.months = months
          fixedMonths += months
        } else {
          allMonthsRead = false
        }
      }
      if phaseElement.children(named: "situation").isEmpty {
        warning("\(phaseWhat) has no <situation>: nobody is paid anything in it", phaseElement)
      }
      if !branchElements.isEmpty {
        let branchStart = allMonthsRead && isLast ? startMonth.map { $0 + fixedMonths } : nil
        phase.branches = parseBranches(
          branchElements, of: phaseElement, path: phasePath, what: phaseWhat, startMonth: branchStart,
          context: context)
      }
      phases.append(phase)
    }
    let horizonMonths = context.horizonMonths
    if allMonthsRead, let startMonth, horizonMonths > 0, startMonth < horizonMonths,
      phaseElements.count > 1 || branches, startMonth + fixedMonths >= horizonMonths
    {
      let consequence = branches ? "its branches never start" : "the last phase never starts"
      warning(
        "the phases of \(what) with 'months' end in month \(startMonth + fixedMonths), "
          + "at or after the horizon of \(horizonMonths) months: \(consequence)", owner)
    }
    return phases
  }

  private mutating func parseBranches(
    _ elements: [XMLElement], of phaseElement: XMLElement, path: String, what: String, startMonth: Int?,
    context: GroupContext
  ) -> [Branch] {
    var branches: [Branch] = []
    var seen: [String: Int] = [:]
    var sum = 0.0
    var allRead = true
    for element in elements {
      let id = element[attribute: "id"] ?? ""
      if !Self.isValidID(id) {
        error("branch id '\(id)' must match [a-z0-9][a-z0-9_-]*", element)
      } else if let first = seen[id] {
        error("duplicate branch id '\(id)' in \(what) (first used on line \(first))", element)
      } else {
        seen[id] = element.line
      }
      let branchPath = "\(path)/branch[\(id)]"
      record(element, path: branchPath)
      let share = self.share(element, "share")
      if let share { sum += share } else { allRead = false }
      let phases = parsePath(
        element.children(named: "phase"), path: branchPath, what: "branch '\(id)' of \(what)",
        startMonth: startMonth, owner: element, context: context)
      if let share { branches.append(Branch(id: id, share: share, path: phases)) }
    }
    if allRead, abs(sum - 1) > 1e-9 {
      error("the branch shares of \(what) add up to \(format(sum)), not 1", phaseElement)
    }
    return branches
  }

  /// `<subgroup>` elements: persons by sex and/or age band; they must add up to the group's persons.
  private mutating func parseSubgroups(
    _ elements: [XMLElement], of groupElement: XMLElement, path: String, what: String, persons: Double?
  ) -> [SubgroupShare] {
    var result: [SubgroupShare] = []
    var seen: [Subgroup: Int] = [:]
    var sum = 0.0
    var allRead = true
    for element in elements {
      let sex = element[attribute: "sex"].flatMap { Sex(rawValue: $0.trimmed) }
      let ageBand = element[attribute: "ageBand"]?.trimmed
      let subgroup = Subgroup(sex: sex, ageBand: ageBand)
      record(element, path: "\(path)/subgroup[\(subgroup)]")
      var valid = true
      if sex == nil && ageBand == nil {
        error("a subgroup of \(what) needs 'sex', 'ageBand' or both", element)
        valid = false
      }
      if let ageBand, !Self.isValidAgeBand(ageBand) {
        error(
          "age band '\(ageBand)' must be whole years written like 18-29 (lower ≤ upper) or 65+", element)
        valid = false
      }
      if valid, let first = seen[subgroup] {
        error("subgroup '\(subgroup)' of \(what) is given twice (first on line \(first))", element)
      } else if valid {
        seen[subgroup] = element.line
      }
      var count: Double?
      switch (element.attribute("persons") != nil, element.attribute("share") != nil) {
      case (true, false):
        count = personCount(element, "persons")
      case (false, true):
        if let share = self.share(element, "share"), let persons { count = share * persons }
      case (true, true):
        error("subgroup '\(subgroup)' gives both 'persons' and 'share': give one or the other", element)
      case (false, false):
        error(
          "subgroup '\(subgroup)' needs 'persons' or 'share' (a share of the group's persons)", element)
      }
      if let count { sum += count } else { allRead = false }
      if let count, valid { result.append(SubgroupShare(subgroup: subgroup, persons: count)) }
    }
    if allRead, let persons, !elements.isEmpty, abs(sum - persons) > 1e-9 * max(1, persons) {
      let difference = persons - sum
      let detail =
        difference > 0 ? "\(format(difference)) missing" : "\(format(-difference)) too many"
      error(
        "the subgroups of \(what) add up to \(format(sum)) persons, not its \(format(persons)) (\(detail))",
        groupElement)
    }
    return result
  }

  /// `18-29` (lower ≤ upper) or `65+`, in whole years up to 150.
  static func isValidAgeBand(_ text: String) -> Bool {
    func years(_ part: Substring) -> Int? {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        return nil
      }
      return Int(part).flatMap { $0 <= 150 ? $0 : nil }
    }
    if text.hasSuffix("+") { return years(text.dropLast()) != nil }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let lower = years(parts[0]), let upper = years(parts[1]) else {
      return false
    }
    return lower <= upper
  }

  // MARK: - Adjustments, break-even

  /// The longest optimism-bias delay of the benefits a file may give: 100 years, past any horizon.
  static let maximumDelayMonths = 1200

  private mutating func parseAdjustments(_ element: XMLElement) -> Adjustments {
    record(element, path: "adjustments")
    var adjustments = Adjustments()
    let fields: [(String, WritableKeyPath<Adjustments, Double>)] = [
      ("deadweight", \.deadweight), ("attribution", \.attribution), ("displacement", \.displacement),
      ("dropOff", \.dropOff), ("optimismBias", \.optimismBias), ("optimismBiasBenefits", \.optimismBiasBenefits),
    ]
    for (name, keyPath) in fields where element.attribute(name) != nil {
      if let value = share(element, name) { adjustments[keyPath: keyPath] = value }
    }
    if let delay = integer(
      element, "optimismBiasDelayMonths", range: 0...Self.maximumDelayMonths, what: "optimismBiasDelayMonths")
    {
      adjustments.optimismBiasDelayMonths = delay
    }
    return adjustments
  }

  private mutating func parseBreakEven(
    _ element: XMLElement, outcomeIDs: [String], horizonYears: Int
  ) -> BreakEvenSpec {
    record(element, path: "breakEven")
    var outcome: String?
    if let name = element[attribute: "outcome"]?.trimmed {
      if outcomeIDs.contains(name) {
        outcome = name
      } else {
        error(
          "unknown breakEven outcome '\(name)'\(NameSuggestion.hint(for: name, among: outcomeIDs)) "
            + "(an outcome id of <outcomes>)", element)
      }
    }
    var years: Int?
    if element.attribute("years") != nil {
      years = integer(element, "years", range: 1...100, what: "breakEven years")
      if let value = years, horizonYears > 0, value > horizonYears {
        error(
          "breakEven years \(value) is longer than the horizon of \(horizonYears) years", element)
        years = nil
      }
    }
    return BreakEvenSpec(outcome: outcome, years: years)
  }

  // MARK: - Follow-up data

  /// `<followup file=… before=… after=… groupSize=… bootstrap=… seed=… keepPartial=…/>`: the file
  /// must be a regular file inside the data folder (``FileReferences``).
  private mutating func parseFollowup(_ element: XMLElement) -> FollowupSpec? {
    record(element, path: "followup")
    let file = (element[attribute: "file"] ?? "").trimmed
    var path: String?
    if file.isEmpty && fileReferences != .refused {
      error("the follow-up file is empty: name a person-month CSV file (docs/FOLLOWUP-FORMAT.md)", element)
    } else {
      switch fileReferences.resolve(file, scenarioFile: document.file) {
      case .success(let resolved): path = resolved
      case .failure(let problem): error(problem.message(for: file), element)
      }
    }
    let before = integer(element, "before", range: FollowupSpec.windowMonths, what: "the before window in months") ?? 12
    let after = integer(element, "after", range: FollowupSpec.windowMonths, what: "the after window in months") ?? 12
    let groupSize =
      element.attribute("groupSize") == nil
      ? nil : integer(element, "groupSize", range: FollowupSpec.groupSizes, what: "the group size")
    let bootstrap =
      integer(
        element, "bootstrap", range: FollowupSpec.bootstrapReplicateCounts, what: "the number of bootstrap replicates")
      ?? 1000
    var seed: UInt64 = 1
    if let text = element[attribute: "seed"]?.trimmed {
      if let value = UInt64(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
        seed = value
      } else {
        error("the seed '\(text)' must be a whole number from 0 to \(UInt64.max)", element)
      }
    }
    var keepPartial = false
    if let text = element[attribute: "keepPartial"]?.trimmed {
      switch text {
      case "true", "1": keepPartial = true
      case "false", "0": keepPartial = false
      default: error("keepPartial '\(text)' must be true or false", element)
      }
    }
    guard let path else { return nil }
    return FollowupSpec(
      path: path, monthsBefore: before, monthsAfter: after, groupSize: groupSize, bootstrapReplicates: bootstrap,
      seed: seed, keepPartial: keepPartial, location: document.location(element))
  }

  // MARK: - Scenario rate values

  private mutating func parseRate(_ element: XMLElement) -> RateValue? {
    let keyText = (element[attribute: "key"] ?? "").trimmed
    let key = RateKey(keyText)
    let info = rates.info(for: key)
    if info == nil {
      error(
        "unknown rate '\(keyText)'\(NameSuggestion.hint(for: keyText, among: rates.keys.map(\.rawValue)))",
        element)
    }
    let unitText = (element[attribute: "unit"] ?? "").trimmed
    let unit = RateUnit(rawValue: unitText)
    if unit == nil {
      error(
        "unknown unit '\(unitText)'\(NameSuggestion.hint(for: unitText, among: RateUnit.allCases.map(\.rawValue)))",
        element)
    } else if let info, let unit, unit != info.unit {
      error(
        "unit '\(unitText)' does not match the unit of '\(keyText)', which is '\(info.unit.rawValue)'",
        element)
    }
    let fromText = element[attribute: "from"] ?? ""
    let from = Day(fromText)
    if from == nil {
      error("'from' date '\(fromText)' is not a date of the form YYYY-MM-DD", element)
    }
    var to: Day?
    if let toText = element[attribute: "to"] {
      to = Day(toText)
      if to == nil {
        error("'to' date '\(toText)' is not a date of the form YYYY-MM-DD", element)
      } else if let from, let to, to < from {
        error("'to' (\(to)) is before 'from' (\(from))", element)
      }
    }
    let sourceText = (element[attribute: "source"] ?? "").trimmed
    if sourceText.isEmpty { error("rate '\(keyText)' needs a non-empty 'source'", element) }
    var status = RateStatus.unconfirmed
    if let statusText = element[attribute: "status"] {
      if let parsed = RateStatus(rawValue: statusText) {
        status = parsed
      } else {
        error("unknown status '\(statusText)' (SEEN, DERIVED, CONVENTION or UNCONFIRMED)", element)
      }
    }

    let valueText = (element[attribute: "value"] ?? "").trimmed
    var amount: RateAmount?
    if let unit {
      if unit.isActor {
        if let actor = Actor(rawValue: valueText) {
          amount = .actor(actor)
        } else {
          error(
            "value '\(valueText)' is not an actor"
              + NameSuggestion.hint(for: valueText, among: Actor.allCases.map(\.rawValue)), element)
        }
      } else if let number = Double(valueText), number.isFinite, Self.isDecimalText(valueText) {
        if !unit.allowedRange.contains(number) {
          error("value \(valueText) must be \(unit.allowedRangeText) for unit '\(unit.rawValue)'", element)
        } else {
          amount = .number(number)
        }
      } else {
        error(
          "value '\(valueText)' is not a decimal number (write 10500 or 0.035, with '.' as the decimal mark)",
          element)
      }
    }
    guard let amount, let unit, let from, info != nil, !sourceText.isEmpty else { return nil }
    let note = element[attribute: "note"].flatMap { $0.isEmpty ? nil : $0 }
    return RateValue(
      key: key, amount: amount, unit: unit, from: from, to: to,
      source: RateSource(title: sourceText, url: nil, sfs: nil), status: status, note: note,
      origin: RateOrigin(layer: .scenario, location: document.location(element)))
  }

  /// Two `<rate>` elements with the same key and `from` date would leave the result to whichever
  /// the rate book happened to keep: an error at the second, naming the first (the rate tables'
  /// loader refuses the same in a CSV file).
  private mutating func refuseRepeatedRates(_ values: [RateValue]) {
    var first: [String: RateValue] = [:]
    for value in values {
      let key = "\(value.key.rawValue)|\(value.from)"
      if let earlier = first[key] {
        diagnostics.error(
          "rate '\(value.key.rawValue)' from \(value.from) is given twice (first on line "
            + "\(earlier.origin.location.line.map(String.init) ?? "?")): keep one value per key and date",
          at: value.origin.location)
      } else {
        first[key] = value
      }
    }
  }

  // MARK: - Values

  /// A decimal attribute; `nil` (with an error) when it is present but not a finite number.
  mutating func decimal(_ element: XMLElement, _ name: String) -> Double? {
    guard let text = element[attribute: name]?.trimmed
    else {
      return nil
    }
    guard Self.isDecimalText(text), let value = Double(text), value.isFinite else {
      error(
        "'\(name)' value '\(text)' is not a decimal number (write 0.5 or 24000, with '.' as the decimal mark)",
        element)
      return nil
    }
    return value
  }

  /// A share in 0–1.
  private mutating func share(_ element: XMLElement, _ name: String) -> Double? {
    guard let value = decimal(element, name) else { return nil }
    guard value >= 0 && value <= 1 else {
      let hint = value > 1 && value <= 100 ? " (a share: 50 % is 0.5)" : ""
      error("'\(name)' \(format(value)) must be between 0 and 1\(hint)", element)
      return nil
    }
    return value
  }

  /// An amount in kronor: non-negative and below 1e12.
  private mutating func amount(_ element: XMLElement, _ name: String) -> Double? {
    guard let value = decimal(element, name) else { return nil }
    guard value >= 0 else {
      error("'\(name)' \(format(value)) must not be negative", element)
      return nil
    }
    guard value < RateUnit.maximumAmount else {
      error("'\(name)' \(format(value)) kr is not below the limit of 1e12 kr", element)
      return nil
    }
    return value
  }

  /// A number of persons: a decimal from 0 to 10⁹ (typfall weights and shares may be fractional).
  private mutating func personCount(_ element: XMLElement, _ name: String) -> Double? {
    guard let value = decimal(element, name) else { return nil }
    guard value >= 0 && value <= 1e9 else {
      error("'\(name)' \(format(value)) must be between 0 and 1000000000", element)
      return nil
    }
    return value
  }

  private mutating func optionalAmount(_ element: XMLElement, _ name: String) -> Double? {
    element.attribute(name) == nil ? nil : amount(element, name)
  }

  private mutating func integer(
    _ element: XMLElement, _ name: String, range: ClosedRange<Int>, what: String
  ) -> Int? {
    guard let text = element[attribute: name]?.trimmed
    else { return nil }
    let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
    guard let value = Int(digits), range.contains(value) else {
      error(
        "\(what) '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)",
        element)
      return nil
    }
    return value
  }

  /// `[+-]digits[.digits]` as xs:decimal allows (no exponent, no inf or nan).
  static func isDecimalText(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "+" || body.first == "-" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return false }
    return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }

  /// The longest scenario id: the id starts every report's file name (`<id>-sensitivity.xlsx`),
  /// and a file name may have at most 255 bytes.
  static let maximumIDLength = 100

  static func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, id.utf8.count <= maximumIDLength else { return false }
    func lowerOrDigit(_ c: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }
    return lowerOrDigit(first)
      && id.unicodeScalars.allSatisfy { lowerOrDigit($0) || $0 == "_" || $0 == "-" }
  }

  /// A number for messages: whole numbers without decimals, others to at most 9 decimals
  /// (so that 0.1 + 0.2 reads 0.3).
  func format(_ value: Double) -> String {
    guard abs(value) < 1e15 else { return String(value) }
    let rounded = (value * 1e9).rounded() / 1e9
    if rounded == rounded.rounded() { return String(Int64(rounded)) }
    return String(rounded)
  }

  // MARK: - Provenance and diagnostics

  /// Records the element's `source` and/or `assumption` as inputs of the scenario.
  mutating func record(_ element: XMLElement, path: String) {
    let values = element.attributes.filter { !Self.nonValueAttributes.contains($0.name) }
      .map { "\($0.name)=\($0.value)" }
    let value = values.joined(separator: " ")
    let location = document.location(element)
    for name in ["source", "assumption"] {
      guard let attribute = element.attribute(name) else { continue }
      let text = attribute.value.trimmed
      if text.isEmpty {
        error(
          "'\(name)' is empty: say where the figure comes from, or leave the attribute out", element
        )
        continue
      }
      let source: InputSource = name == "source" ? .report(text) : .assumption(text)
      inputs.append(ScenarioInput(path: path, value: value, source: source, location: location))
    }
  }

  mutating func error(_ message: String, _ element: XMLElement) {
    diagnostics.error(message, at: document.location(element))
  }

  private mutating func warning(_ message: String, _ element: XMLElement) {
    diagnostics.warning(message, at: document.location(element))
  }
}
