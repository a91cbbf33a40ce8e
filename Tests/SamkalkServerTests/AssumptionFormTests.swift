import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkReports
import SamkalkServer
import Testing

@Suite struct AssumptionFormTests {
  /// Deadweight 25 %, a 4 % discount rate, an 8-year horizon and half of the subsidised jobs kept:
  /// the page's NPV for every perspective is the engine's for the same changes made by hand.
  @Test func changedAssumptionsGiveTheEnginesResult() async throws {
    let expected = try directResult("porten-2013-2015.xml") { scenario in
      scenario.adjustments.deadweight = 0.25
      scenario.discountRate = 0.04
      scenario.horizonYears = 8
      let index = try! #require(scenario.outcomes.firstIndex { $0.id == "arbete_efter_projektet" })
      let last = scenario.outcomes[index].path.count - 1
      for branch in scenario.outcomes[index].path[last].branches.indices {
        scenario.outcomes[index].path[last].branches[branch].share = 0.5
      }
    }
    let original = try directResult("porten-2013-2015.xml")
    let query =
      "apply=1&deadweight=25&discountRate=4&horizon=8"
      + "&share.arbete_efter_projektet.1.behaller_arbete=50&share.arbete_efter_projektet.1.aterfall=50"
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/scenario/porten-2013-2015?\(query)", method: .get) { response in
        #expect(response.status == .ok)
        let page = response.text
        for perspective in Perspective.all {
          let id = perspective.id
          let npv = expected.result(for: perspective).npv
          let before = original.result(for: perspective).npv
          #expect(page.dataNPV(id: "npv-changed-\(id)") == DecimalText.format(npv, decimals: 2), "\(id)")
          #expect(page.elementText(id: "npv-changed-\(id)") == HumanNumber(.sv).integer(npv), "\(id)")
          #expect(page.dataNPV(id: "npv-original-\(id)") == DecimalText.format(before, decimals: 2), "\(id)")
          #expect(
            page.dataNPV(id: "npv-difference-\(id)") == DecimalText.format(npv - before, decimals: 2), "\(id)")
        }
        // The change is real: society's NPV moved.
        #expect(expected.result(for: .samhallet).npv != original.result(for: .samhallet).npv)
        // Both reports are on the page, side by side.
        #expect(page.contains("class=\"column original\""))
        #expect(page.contains("class=\"column changed\""))
      }
      // The changed report downloads with the same query.
      try await client.execute(uri: "/scenario/porten-2013-2015/download/xml?\(query)", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("<horizonYears>8</horizonYears>"))
        #expect(
          response.text.contains("<npv>\(DecimalText.format(expected.result(for: .samhallet).npv, decimals: 2))</npv>"))
      }
    }
  }

  /// A longer horizon in the form gives what the same horizon written in the file gives: the
  /// ongoing cost that ran to the old horizon runs to the new one, at the same amount a month.
  @Test func aLongerHorizonEqualsEditingTheFile() async throws {
    let text = try String(contentsOfFile: scenariosDirectory + "/porten-2016-2018.xml", encoding: .utf8)
    let edited = text.replacingOccurrences(of: "<horizon years=\"5\"", with: "<horizon years=\"8\"")
    try #require(edited != text)
    let rates = try sharedRates.get()
    let scenario = try ScenarioReader(rates: rates).read(bytes: Array(edited.utf8), file: "edited.xml").scenario
    let expected = try Calculator(rates: rates).run(scenario)
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/scenario/porten-2016-2018?apply=1&horizon=8", method: .get) { response in
        #expect(response.status == .ok)
        for perspective in Perspective.all {
          #expect(
            response.text.dataNPV(id: "npv-changed-\(perspective.id)")
              == DecimalText.format(expected.result(for: perspective).npv, decimals: 2), "\(perspective.id)")
        }
        #expect(response.text.contains("löper till kalkylperiodens slut: 60 månader i stället för 24"))
      }
    }
  }

  @Test func personsPerOutcomeChangeTheResultAsTheEngineSays() async throws {
    let expected = try directResult("porten-2016-2018.xml") { scenario in
      scenario.outcomes[0].persons += 5
      let total = scenario.outcomes[0].subgroups.reduce(0) { $0 + $1.persons }
      let persons = scenario.outcomes[0].persons
      scenario.outcomes[0].subgroups = scenario.outcomes[0].subgroups.map {
        SubgroupShare(subgroup: $0.subgroup, persons: $0.persons / total * persons)
      }
    }
    let scenario = try directResult("porten-2016-2018.xml").scenario
    let outcome = scenario.outcomes[0]
    let newPersons = DecimalText.trimmed(outcome.persons + 5).replacingOccurrences(of: ".", with: ",")
    try await testApplication().test(.router) { client in
      try await client.execute(
        uri: "/scenario/porten-2016-2018?apply=1&persons.\(outcome.id)=\(newPersons)", method: .get
      ) { response in
        #expect(response.status == .ok)
        let society = expected.result(for: .samhallet).npv
        #expect(response.text.dataNPV(id: "npv-changed-samhallet") == DecimalText.format(society, decimals: 2))
        // Five more persons than participants: said, not hidden.
        #expect(response.text.contains("deltagare; resultaten räknas för de personer som anges"))
      }
    }
  }

  @Test func anUntouchedFormShowsTheOriginal() async throws {
    try await testApplication().test(.router) { client in
      let page = try await client.execute(uri: "/scenario/porten-2013-2015", method: .get) { $0.text }
      #expect(page.contains("name=\"deadweight\" value=\"0\""))
      try await client.execute(
        uri: "/scenario/porten-2013-2015?apply=1&deadweight=0&horizon=5&discountRate=3%2C5", method: .get
      ) { response in
        #expect(response.status == .ok)
        #expect(!response.text.contains("npv-difference"))
      }
    }
  }

  @Test func badValuesGetMessagesAndNothingIsClamped() async throws {
    let query =
      "apply=1&deadweight=120&dropOff=abc&horizon=0&municipality=99&ratesYear=20x6"
      + "&share.arbete_efter_projektet.1.behaller_arbete=50"
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/scenario/porten-2013-2015?\(query)", method: .get) { response in
        #expect(response.status == .unprocessableContent)
        let page = response.text.unescapedXML
        #expect(page.contains("Dödviktsandel (hade skett ändå): 120 % ligger utanför 0–100 %"))
        #expect(page.contains("Avtagande effekt per år: 'abc' är inte ett tal"))
        #expect(page.contains("Kalkylperiod: '0' är inte ett helt antal år mellan 1 och 100"))
        #expect(page.contains("Kommun (kommunkod): '99' är inte en kommunkod"))
        #expect(page.contains("Prisår för satserna: '20x6' är inte ett årtal"))
        #expect(page.contains("andelarna summerar till 116,666667 %, inte 100 %"))
        // The form keeps what was typed, and no changed result is shown.
        #expect(page.contains("name=\"deadweight\" value=\"120\""))
        #expect(!page.contains("npv-changed-"))
      }
      try await client.execute(uri: "/scenario/porten-2013-2015?apply=1&municipality=9999", method: .get) {
        response in
        #expect(response.status == .unprocessableContent)
        #expect(response.text.unescapedXML.contains("unknown municipality '9999'"))
      }
      // A horizon shorter than the measure is refused with the reason.
      try await client.execute(uri: "/scenario/porten-2013-2015?apply=1&horizon=1", method: .get) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.text.contains("Kalkylperiod: insatsen pågår"))
      }
    }
  }

  @Test func numbersAreReadStrictly() {
    let field = AssumptionField(name: "x", label: "x", kind: .persons, text: "1")
    // The rate tables' rule: a leading plus and a bare decimal mark are accepted there too.
    for (good, value) in [
      ("12", 12.0), ("12,5", 12.5), ("12.5", 12.5), ("1 234", 1234), ("0", 0), ("+3", 3), (",5", 0.5),
    ] {
      #expect(AssumptionField.number(good) == value, "\(good)")
    }
    for bad in ["", "1e5", "nan", "inf", "1,2,3", "1 2,5 6", "٣", "0x10", "12 ,5"] {
      #expect(AssumptionField.number(bad) == nil, "\(bad)")
    }
    #expect(field.unit == "personer")
  }
}
