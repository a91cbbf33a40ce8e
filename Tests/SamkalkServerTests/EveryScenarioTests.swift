import Foundation
import Hummingbird
import HummingbirdTesting
import SamkalkCore
import SamkalkEngine
import SamkalkServer
import Testing

/// Every shipped scenario through the form: the page, a submission of the form exactly as shown
/// (which must change nothing), and one changed assumption against the engine.
@Suite struct EveryScenarioTests {
  // A listing that fails must fail the suite, not give it no cases.
  static let files = try! shippedScenarioFiles()

  @Test(arguments: files)
  func theFormRoundTripsAndAChangeIsTheEnginesResult(file: String) async throws {
    let id = String(file.dropLast(".xml".count))
    let original = try directResult(file)
    let form = AssumptionForm(scenario: original.scenario, discountRate: original.discountRate)
    var fields = FormFields([(AssumptionForm.submitField, "1")])
    for field in form.fields { fields.pairs.append((field.name, field.text)) }
    let untouched = fields.encoded
    let expected = try directResult(file) { $0.adjustments.deadweight = 0.1 }
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/scenario/\(id)", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("name=\"deadweight\""))
      }
      try await client.execute(uri: "/scenario/\(id)?\(untouched)", method: .get) { response in
        #expect(response.status == .ok)
        #expect(!response.text.contains("npv-difference"), "an untouched form changed \(id)")
      }
      try await client.execute(uri: "/scenario/\(id)?apply=1&deadweight=10", method: .get) { response in
        #expect(response.status == .ok)
        for perspective in Perspective.all {
          #expect(
            response.text.dataNPV(id: "npv-changed-\(perspective.id)")
              == DecimalText.format(expected.result(for: perspective).npv, decimals: 2), "\(id) \(perspective.id)")
        }
      }
    }
  }
}
