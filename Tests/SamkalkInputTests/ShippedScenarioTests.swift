import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import Testing

@Suite struct ShippedScenarioTests {
  @Test(arguments: ["porten-2016-2018.xml", "samverkan-utan-granser-hassleholm.xml"])
  func shippedScenarioIsClean(name: String) throws {
    let diagnostics = try reader().check(path: scenarioPath(name))
    #expect(diagnostics.isEmpty, "\(render(diagnostics))")
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
    #expect(subsidised.path.map(\.months) == [12, nil])
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
