import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// The start page's table: every listed scenario with its title, municipality and headline
/// result (society's NPV and payback), a checkbox to compare it, and its report links.
struct ScenarioListSection: HTMLSection {
  var entries: [CatalogEntry]
  var problems: [CatalogProblem]

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "scenarios")])
    html.element("h2", text: "Scenarier")
    html.open("form", [("method", "get"), ("action", "/compare")])
    html.open("table")
    html.element("caption", text: "Scenarier i mappen, med samhällets resultat")
    html.open("thead")
    html.open("tr")
    for (index, title) in [
      "Jämför", "Scenario", "Kommun", "\(s[.societyNPV]) (kr)", s[.payback], "Deltagare", "Rapporter",
    ].enumerated() {
      html.element("th", [("scope", "col")] + ([3, 5].contains(index) ? [("class", "num")] : []), text: title)
    }
    html.close()
    html.close()
    html.open("tbody")
    for entry in entries {
      let result = entry.result
      let society = result.result(for: .samhallet)
      html.open("tr", [("id", "scenario-\(entry.id)")])
      html.open("td")
      html.element(
        "input",
        [("type", "checkbox"), ("name", "id"), ("value", entry.id), ("aria-label", "Jämför \(result.scenario.title)")])
      html.close()
      html.open("th", [("scope", "row")])
      html.element("a", [("href", "/scenario/\(entry.id)")], text: result.scenario.title)
      html.close()
      html.element("td", text: "\(result.municipality.name) (\(result.municipality.code))")
      html.element(
        "td", [("class", "num"), ("data-npv", DecimalText.format(society.npv, decimals: 2))],
        text: n.integer(society.npv))
      html.element("td", text: s.payback(society.payback))
      html.element("td", [("class", "num")], text: String(result.participants))
      html.open("td")
      for format in ReportFormat.allCases {
        html.element("a", [("href", "/scenario/\(entry.id)/download/\(format.rawValue)")], text: format.rawValue)
        html.text(" ")
      }
      html.close()
      html.close()
    }
    html.close()
    html.close()
    html.element("button", [("type", "submit")], text: "Jämför markerade")
    html.close()
    html.close()
    if !problems.isEmpty {
      MessageSection(
        title: "Scenarier som inte kunde läsas",
        messages: problems.flatMap { problem in problem.diagnostics.map(\.description) }, style: .diagnostics
      ).write(to: html, context: context)
    }
  }
}
