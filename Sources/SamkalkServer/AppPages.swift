import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// The app's pages, rendered in memory with the reports' HTML writer and CSS (XHTML, no script,
/// no external resource). Report sections come from SamkalkReports unchanged.
enum AppPages {
  /// A page of the app: its style, the navigation, then `sections`.
  static func page(_ title: String, wide: Bool = false, _ sections: [any HTMLSection]) -> [UInt8] {
    HTMLPage.render(
      title: title + " – samkalk", language: .sv,
      sections: [AppStyleSection(wide: wide), NavigationSection()] + sections)
  }

  /// The start page: the listed scenarios with their headline results, and the upload form.
  static func start(_ state: AppState) -> [UInt8] {
    page(
      "Scenarier",
      [
        HeadingSection(
          title: "Samhällsekonomiska kalkyler",
          lead: "Välj ett scenario för att se rapporten och pröva andra antaganden, "
            + "eller markera två eller fler och jämför dem sida vid sida."),
        ScenarioListSection(entries: state.catalog.entries, problems: state.catalog.problems),
        UploadFormSection(entries: state.catalog.entries, limit: state.uploadLimit),
      ])
  }

  /// A scenario's report with the assumptions form; after a submission, the changed report
  /// beside the original with the difference per actor. 422 when a value is unusable.
  static func scenario(_ entry: CatalogEntry, fields: FormFields) -> (status: Int, bytes: [UInt8]) {
    let original = entry.result
    let goals = original.scenario.goals.map { Goal($0, in: original.scenario) }
    let report = HTMLReport.sections(original, context: entry.context, goals: goals)
    let loadWarnings = MessageSection(
      title: "Varningar när scenariot lästes", messages: entry.loaded.warnings.map(\.description), style: .diagnostics)
    let defaultForm = AssumptionForm(scenario: original.scenario, discountRate: original.discountRate)
    guard let recalculation = Recalculation(entry, fields: fields) else {
      return (
        200,
        page(
          original.scenario.title,
          // The report's header (title, what the measure is), then the form, then the figures.
          Array(report.prefix(1))
            + [
              loadWarnings, DownloadSection(entryID: entry.id, title: "Ladda ned rapporten", query: nil),
              AssumptionFormSection(entryID: entry.id, form: defaultForm, texts: nil),
            ] + report.dropFirst())
      )
    }
    let form = AssumptionFormSection(
      entryID: entry.id, form: recalculation.form, texts: recalculation.applied.texts, open: true)
    guard let changed = recalculation.result else {
      return (
        422,
        page(
          original.scenario.title,
          [
            HeadingSection(title: original.scenario.title, lead: nil),
            MessageSection(title: "Värden som inte kan användas", messages: recalculation.problems, style: .problems),
            form,
          ] + report)
      )
    }
    let changedGoals = changed.scenario.goals.map { Goal($0, in: changed.scenario) }
    return (
      200,
      page(
        original.scenario.title + " (ändrad)", wide: true,
        [
          HeadingSection(title: original.scenario.title, lead: "Originalet och beräkningen med ändrade antaganden."),
          MessageSection(title: "Att notera", messages: recalculation.applied.warnings, style: .notes),
          DifferenceSection(original: original, changed: changed, changes: recalculation.applied.changes),
          DownloadSection(entryID: entry.id, title: "Ladda ned den ändrade rapporten", query: recalculation.query),
          form,
          WrappedSection(
            className: "pair",
            sections: [
              WrappedSection(
                element: "section", className: "column original",
                sections: [ColumnLabelSection(text: "Originalet, som i scenariofilen")] + report),
              WrappedSection(
                element: "section", className: "column changed",
                sections: [ColumnLabelSection(text: "Med ändrade antaganden")]
                  + HTMLReport.sections(changed, context: recalculation.context, goals: changedGoals)),
            ]),
        ])
    )
  }

  /// Two or more entries side by side, by SamkalkReports' comparison.
  static func compare(_ entries: [CatalogEntry], criterion: ComparisonCriterion, samkalkVersion: String) -> (
    status: Int, bytes: [UInt8]
  ) {
    do {
      let comparison = try MeasureComparison(entries.map { ($0.result, $0.context) }, by: criterion)
      return (200, page("Jämförelse", ComparisonHTML.sections(comparison, samkalkVersion: samkalkVersion)))
    } catch {
      return (
        400,
        page(
          "Jämförelse",
          [
            HeadingSection(title: "Jämförelsen kan inte göras", lead: nil),
            MessageSection(title: "Fel", messages: error.diagnostics.map(\.description), style: .diagnostics),
          ])
      )
    }
  }

  /// The upload page, with the diagnostics of a refused upload or a note about an accepted table.
  static func upload(_ state: AppState, diagnostics: [String] = [], notes: [String] = []) -> [UInt8] {
    page(
      "Ladda upp",
      [
        HeadingSection(title: "Ladda upp", lead: nil),
        MessageSection(title: "Filen kunde inte användas", messages: diagnostics, style: .diagnostics),
        MessageSection(title: "Kontrollerat", messages: notes, style: .notes),
        UploadFormSection(entries: state.catalog.entries, limit: state.uploadLimit),
      ])
  }

  /// An error page (404, 413, …) in the app's frame.
  static func error(status: Int, reason: String, message: String?) -> [UInt8] {
    page(
      "\(status) \(reason)",
      [HeadingSection(title: "\(status) \(reason)", lead: message), ParagraphLink()])
  }

  /// "Till startsidan".
  struct ParagraphLink: HTMLSection {
    func write(to html: HTMLWriter, context: HTMLContext) {
      html.open("p")
      html.element("a", [("href", "/")], text: "Till startsidan")
      html.close()
    }
  }
}
