import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// A scenario recomputed with the assumptions of a submitted form: the engine runs on the
/// changed `Scenario` with the entry's own rate book; the reports render its result.
struct Recalculation: Sendable {
  var form: AssumptionForm
  var applied: AppliedAssumptions
  /// The changed scenario's result; nil when a value was unusable or the engine refused.
  var result: ScenarioResult?
  /// What is wrong, form values first, then the engine's diagnostics.
  var problems: [String]
  var context: ReportContext

  /// Nil when `fields` is not a submitted form or changes nothing (the page shows the original).
  init?(_ entry: CatalogEntry, fields: FormFields) {
    guard fields.contains(AssumptionForm.submitField) else { return nil }
    let original = entry.result
    form = AssumptionForm(scenario: original.scenario, discountRate: original.discountRate)
    applied = form.apply(fields, to: original.scenario, rates: entry.rates)
    guard !applied.changes.isEmpty || !applied.problems.isEmpty else { return nil }
    context = entry.context
    context.scenarioPath += " med ändrade antaganden (samkalk serve)"
    problems = applied.problems
    guard problems.isEmpty else { return }
    do {
      result = try Calculator(rates: entry.rates).run(applied.scenario)
    } catch {
      problems = error.diagnostics.map(\.description)
    }
  }

  /// The fields that reproduce this calculation in a link (downloads of the changed report).
  var query: String {
    var fields = FormFields([(AssumptionForm.submitField, "1")])
    for field in form.fields where applied.texts[field.name] != field.text {
      fields.pairs.append((field.name, applied.texts[field.name] ?? field.text))
    }
    return fields.encoded
  }
}
