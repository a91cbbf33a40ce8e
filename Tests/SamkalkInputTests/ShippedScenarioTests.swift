import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import Testing

/// Every scenario in `Scenarios/`; the test below fails when a file is added without being listed.
let shippedScenarios = [
  "porten-2016-2018.xml", "samverkan-utan-granser-hassleholm.xml", "samverkan-leder-till-arbete-kalmar.xml",
  "empowerment-borlange.xml", "porten-2013-2015.xml", "jamforelse-a-coachning.xml", "jamforelse-b-lonestod.xml",
  "uppfoljning-exempel.xml", "porten-2016-2018-osakerhet.xml",
]

/// The warnings a shipped scenario is meant to have: the source report's own inconsistencies.
let expectedWarnings: [String: [String]] = [
  "empowerment-borlange.xml": ["outcomes have shares adding up to 0.99, not 1 (0.01 not assigned)"]
]

@Suite struct ShippedScenarioTests {
  @Test(arguments: shippedScenarios)
  func shippedScenarioIsClean(name: String) throws {
    let diagnostics = try reader().check(path: scenarioPath(name))
    #expect(diagnostics.errors.isEmpty, "\(render(diagnostics))")
    #expect(diagnostics.warnings.map(\.message) == expectedWarnings[name, default: []], "\(render(diagnostics))")
    let loaded = try reader().read(path: scenarioPath(name))
    // Every input the file carries has a source or an assumption, and every group has persons.
    #expect(!loaded.scenario.inputs.isEmpty)
    #expect(loaded.scenario.outcomes.allSatisfy { $0.persons >= 0 && !$0.path.isEmpty })
  }

  @Test func everyFileInScenariosIsListed() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Scenarios")
      .filter { $0.hasSuffix(".xml") }
    #expect(Set(files) == Set(shippedScenarios))
  }

  @Test func portenValuesLandInTheModel() throws {
    let loaded = try reader().read(path: scenarioPath("porten-2016-2018.xml"))
    let scenario = loaded.scenario
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.sha256.count == 64)
    #expect(scenario.id == "porten-2016-2018")
    #expect(scenario.municipality == "1780")
    #expect(scenario.ratesDate == Day(year: 2025, month: 1, day: 1))
    #expect(scenario.start == YearMonth(year: 2016, month: 1))
    #expect(scenario.horizonYears == 5)
    #expect(scenario.discountRate == nil)
    #expect(scenario.mandatePeriodYears == 4)
    #expect(scenario.measure.participants == 123)
    #expect(scenario.measure.months == 36)
    #expect(scenario.outcomes.map(\.persons) == [10, 50, 5, 32, 26])
    #expect(
      scenario.outcomes.map(\.id) == [
        "osubventionerat_arbete", "subventionerat_arbete", "studier", "aktivt_arbetssokande",
        "ovrigt_okant",
      ])
    let budget = try #require(scenario.measure.costs.first)
    #expect(budget.amount == Money(kronor: 9_000_000))
    #expect(budget.startMonth == 0 && budget.months == 36 && budget.financing == nil)
    #expect(
      scenario.measure.financing == [
        Financing(financier: .samordningsforbund, share: 0.5),
        Financing(financier: .actor(.staten), share: 0.5),
      ])
    let work = try #require(
      scenario.outcomes.first { $0.id == "subventionerat_arbete" }?.path.first?.situations.first)
    #expect(
      work.situation == .lonebidrag && work.monthlyWage == 24000 && work.subsidyShare == 0.5
        && work.extent == 0.75)
    let studies = try #require(scenario.outcomes.first { $0.id == "studier" })
    #expect(studies.path.map(\.months) == [24, nil])
    #expect(
      scenario.before.services.map(\.item) == [
        "tjanster.primarvard_lakarbesok", "tjanster.psykiatri_besok",
      ])

    // Provenance: reported facts and assumptions, each with its path and line.
    let persons = scenario.inputs.filter { $0.path == "outcome[osubventionerat_arbete]" }
    #expect(persons.contains { $0.source == .report("000:695–697 (10 persons)") })
    #expect(persons.contains { $0.source.isAssumption })
    #expect(persons.first?.value == "persons=10 startMonth=23")
    let cost = try #require(
      scenario.inputs.first { $0.path == "measure/cost[projektbudget]" && !$0.source.isAssumption })
    #expect(cost.source.text.hasPrefix("001:116"))
    #expect(cost.location?.line != nil)
    #expect(
      scenario.inputs.contains { $0.path == "outcome[studier]/phase[1]" && $0.value == "months=24" }
    )
    // Every number in the shipped file carries a source or an assumption.
    #expect(
      scenario.inputs.filter { $0.path.hasSuffix("situation[arbete]") }.allSatisfy {
        $0.source.isAssumption
      })
  }

  @Test func samverkanUtanGranserValuesLandInTheModel() throws {
    let loaded = try reader().read(path: scenarioPath("samverkan-utan-granser-hassleholm.xml"))
    let scenario = loaded.scenario
    #expect(loaded.warnings.isEmpty)
    #expect(scenario.municipality == "1293")
    #expect(scenario.start == YearMonth(year: 2012, month: 2))
    #expect(scenario.measure.participants == 216)
    #expect(scenario.measure.months == 35)
    #expect(scenario.outcomes.map(\.persons) == [0, 31, 2, 102, 81])
    #expect(
      scenario.outcomes.map(\.id) == [
        "osubventionerat_arbete", "subventionerat_arbete", "studier", "stegforflyttning",
        "oforandrad_situation",
      ])
    // amount = fte × annualCostPerFte × months / 12
    let staff = try #require(scenario.measure.costs.first { $0.id == "personal_hassleholm" })
    #expect(staff.amount == Money(kronor: 8_750_000))
    let shared = try #require(scenario.measure.costs.first { $0.id == "personal_gemensam" })
    #expect(shared.amount == Money(kronor: 840_000))
    let step = try #require(scenario.outcomes.first { $0.id == "stegforflyttning" }?.path.first)
    #expect(
      step.situations.map(\.situation) == [.aktivitetsstod, .forsorjningsstod, .forsorjningsstod])
    #expect(step.situations.last?.monthlyAmount == 4500)
    let subsidised = try #require(scenario.outcomes.first { $0.id == "subventionerat_arbete" })
    #expect(subsidised.path.map(\.months) == [12])
    #expect(subsidised.path[0].branches.map(\.id) == ["behaller_arbete", "aterfall"])
    #expect(subsidised.path[0].branches.map(\.share) == [0.3333333333, 0.6666666667])
    #expect(subsidised.path[0].branches[0].path.first?.situations.first?.situation == .arbete)
    #expect(
      subsidised.path[0].situations.map(\.situation) == [
        .skyddatArbeteOffentligt, .introduktionsjobb,
      ])
    // Both a source and an assumption on one element give two inputs.
    let staffInputs = scenario.inputs.filter { $0.path == "measure/cost[personal_hassleholm]" }
    #expect(staffInputs.count == 2)
    #expect(staffInputs.first?.value == "fte=5.0 annualCostPerFte=600000 months=35")
  }
}

@Suite struct NewScenarioFeatureTests {
  @Test func portenCarriesSubgroupsOngoingCostBreakEvenAndVerkningsgrad() throws {
    let scenario = try reader().read(path: scenarioPath("porten-2016-2018.xml")).scenario
    let women = scenario.outcomes.map { outcome in
      outcome.subgroups.first { $0.subgroup == Subgroup(sex: .kvinna) }?.persons ?? -1
    }
    let men = scenario.outcomes.map { outcome in
      outcome.subgroups.first { $0.subgroup == Subgroup(sex: .man) }?.persons ?? -1
    }
    #expect(women == [4, 17, 2, 15, 11])
    #expect(men == [6, 33, 3, 17, 15])
    // 49 women and 74 men in all (000:681–683).
    #expect(women.reduce(0, +) == 49 && men.reduce(0, +) == 74)

    // annualAmount × months / 12, from the end of the project to the horizon.
    let ongoing = try #require(scenario.measure.costs.first { $0.kind == .ongoing })
    #expect(ongoing.id == "implementerade_funktioner")
    #expect(ongoing.startMonth == 36 && ongoing.months == 24)
    #expect(ongoing.amount == Money(kronor: 325_000 * 24 / 12))
    #expect(ongoing.financing == [Financing(financier: .samordningsforbund, share: 1)])
    #expect(scenario.measure.costs.first?.kind == .project)
    #expect(scenario.breakEven == BreakEvenSpec(outcome: "osubventionerat_arbete", years: nil))
    #expect(scenario.potentialWage == 24000)
    #expect(scenario.population == .cohort)
    #expect(scenario.adjustments.isNone)
    guard case .beforePersists = scenario.comparison else {
      Issue.record("Porten compares with the before situation")
      return
    }
  }

  @Test func portenOverTenYearsCarriesItsUncertainty() throws {
    let scenario = try reader().read(path: scenarioPath("porten-2016-2018-osakerhet.xml")).scenario
    #expect(scenario.horizonYears == 10)
    // The ongoing cost runs from the end of the project to the last month of the horizon (119).
    let ongoing = try #require(scenario.measure.costs.first { $0.kind == .ongoing })
    #expect(ongoing.startMonth == 36 && ongoing.startMonth + ongoing.months == 120)
    #expect(ongoing.amount == Money(kronor: 325_000 * 84 / 12))
    #expect(scenario.adjustments == Adjustments(deadweight: 0.2, dropOff: 0.1))
    #expect(scenario.uncertainty.draws == 10_000 && scenario.uncertainty.seed == 20161)
    let varied = scenario.uncertainty.parameters
    #expect(varied.count == 10)
    #expect(varied.allSatisfy { $0.low != nil && $0.high != nil && $0.distribution != nil })
    #expect(varied.first?.id == "input:outcome[osubventionerat_arbete]@persons")
    #expect(varied.first?.distribution == .pert(min: 7, mode: 10, max: 20))
    #expect(varied.contains { $0.id == "rate:kommunalskatt.kommunal" })
    // Every <vary> carries the reason for its range.
    let reasons = scenario.inputs.filter { $0.path.hasPrefix("uncertainty/vary[") }
    #expect(Set(reasons.map(\.path)).count == 10)
    #expect(reasons.filter(\.source.isAssumption).count == 10)
    // Apart from the horizon, the ongoing cost's months and the adjustments: Porten as shipped.
    let base = try reader().read(path: scenarioPath("porten-2016-2018.xml")).scenario
    #expect(scenario.outcomes.map(\.persons) == base.outcomes.map(\.persons))
    #expect(scenario.outcomes.map(\.startMonth) == base.outcomes.map(\.startMonth))
    func situations(_ scenario: Scenario) -> [SituationShare] {
      scenario.outcomes.flatMap { $0.path.flatMap(\.situations) }
    }
    #expect(situations(scenario) == situations(base))
    #expect(scenario.before.situations == base.before.situations && scenario.before.services == base.before.services)
    #expect(scenario.measure.costs.first == base.measure.costs.first)
  }

  @Test func kalmarTypfallHaveTheirOwnBeforeAndAComparisonAlternative() throws {
    let scenario = try reader().read(path: scenarioPath("samverkan-leder-till-arbete-kalmar.xml")).scenario
    #expect(scenario.population == .typfall)
    #expect(scenario.municipality == "0881")
    #expect(scenario.outcomes.map(\.persons) == [1, 1, 1])
    #expect(
      scenario.outcomes.map { $0.before?.situations.first?.situation } == [
        .forsorjningsstod, .etableringsersattning, .forsorjningsstod,
      ])
    // No <during> anywhere: each typfall lives as in its own before while in the measure.
    #expect(scenario.during == nil)
    #expect(scenario.outcomes[1].during?.situations.first?.situation == .etableringsersattning)
    let job = scenario.outcomes[0].path
    #expect(job.count == 1 && job[0].months == 12)
    #expect(job[0].situations.first?.situation == .nystartsjobb)
    #expect(job[0].branches.map(\.id) == ["behaller_arbete", "aterfall"])
    #expect(abs(job[0].branches.map(\.share).reduce(0, +) - 1) < 1e-9)
    #expect(job[0].branches[1].path.first?.situations.first?.situation == .forsorjningsstod)
    // Provenance of a branch: the IFAU figure as a source, its use here as an assumption.
    let branchInputs = scenario.inputs.filter {
      $0.path == "outcome[bistand_till_nystartsjobb]/phase[1]/branch[behaller_arbete]"
    }
    #expect(branchInputs.contains { $0.source.text.hasPrefix("003:3548–3550") && !$0.source.isAssumption })
    #expect(branchInputs.contains { $0.source.isAssumption })

    guard case .alternative(let groups) = scenario.comparison else {
      Issue.record("expected a comparison alternative")
      return
    }
    #expect(groups.map(\.id) == ["bistand_fortsatter", "etablering_upphor"])
    #expect(groups.map(\.persons) == [2, 1])
    // The alternative has no measure: its path starts at month 0.
    #expect(groups.allSatisfy { $0.startMonth == 0 })
    #expect(groups[1].path.map(\.months) == [12, nil])
    #expect(scenario.inputs.contains { $0.path == "comparison/alternative[etablering_upphor]" })
  }

  @Test func borlangeSharesGiveFractionalPersons() throws {
    let loaded = try reader().read(path: scenarioPath("empowerment-borlange.xml"))
    let scenario = loaded.scenario
    #expect(scenario.municipality == "2081")
    let persons = Dictionary(uniqueKeysWithValues: scenario.outcomes.map { ($0.id, $0.persons) })
    let work: Double = persons["osubventionerat_arbete"] ?? 0
    let studies: Double = persons["studier"] ?? 0
    let total: Double = scenario.outcomes.map(\.persons).reduce(0, +)
    #expect(abs(work - 0.1485 * 291) < 1e-9)
    #expect(abs(studies - 0.31 * 291) < 1e-9)
    #expect(abs(total - 0.99 * 291) < 1e-9)
    #expect(loaded.warnings.count == 1)
    #expect(scenario.during?.situations.first?.situation == .aktivitetsstod)
    #expect(scenario.breakEven == BreakEvenSpec(outcome: "osubventionerat_arbete", years: 4))
  }

  @Test func portenPilotBudgetFromStaffing() throws {
    let scenario = try reader().read(path: scenarioPath("porten-2013-2015.xml")).scenario
    #expect(scenario.measure.participants == 53)
    #expect(scenario.outcomes.map(\.persons) == [28, 12, 13])
    let staff = try #require(scenario.measure.costs.first)
    // 2.425 FTE × 600 000 kr × 32 / 12 = 3 880 000 kr.
    #expect(staff.amount == Money(kronor: 3_880_000))
    #expect(scenario.measure.financing == [Financing(financier: .samordningsforbund, share: 1)])
    #expect(scenario.outcomes[2].subgroups.map(\.persons) == [7, 6])
  }

  @Test func comparedPairIsComparable() throws {
    let a = try reader().read(path: scenarioPath("jamforelse-a-coachning.xml")).scenario
    let b = try reader().read(path: scenarioPath("jamforelse-b-lonestod.xml")).scenario
    #expect(a.municipality == b.municipality && a.horizonYears == b.horizonYears)
    #expect(a.discountRate == b.discountRate && a.ratesDate == b.ratesDate)
    #expect(a.measure.participants == b.measure.participants)
    #expect(a.adjustments == Adjustments(attribution: 0.1, dropOff: 0.15, optimismBias: 0.1))
    #expect(b.adjustments == Adjustments(attribution: 0.1, displacement: 0.2, dropOff: 0.15, optimismBias: 0.1))
    // Share-based cohort: 0.25 × 40 = 10 persons; subgroups as shares of the group.
    #expect(a.outcomes.map(\.persons) == [10, 4, 26])
    #expect(a.outcomes[0].subgroups.map(\.persons) == [5, 5])
    guard case .alternative(let altA) = a.comparison, case .alternative(let altB) = b.comparison else {
      Issue.record("both measures need the comparison alternative")
      return
    }
    #expect(altA.map(\.persons) == altB.map(\.persons))
    #expect(altA.map(\.id) == altB.map(\.id))
  }
}
