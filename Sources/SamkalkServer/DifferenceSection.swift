import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// What the changed assumptions do: the values changed, then NPV and payback per actor and
/// perspective, original against changed, with the difference. Every figure is the engine's;
/// this section only subtracts two NPVs it already computed.
struct DifferenceSection: HTMLSection {
  var original: ScenarioResult
  var changed: ScenarioResult
  var changes: [AppliedAssumptions.Change]

  func write(to html: HTMLWriter, context: HTMLContext) {
    let s = context.strings
    let n = context.numbers
    html.open("section", [("id", "difference")])
    html.element("h2", text: "Skillnad mot originalet")
    html.table(
      caption: "Ändrade antaganden", header: ["Antagande", "I filen", "Nytt värde"],
      rows: changes.map { [$0.label, $0.from, $0.to] })
    html.open("table", [("id", "npv-difference")])
    html.element("caption", text: "\(s[.npv]) per aktör och perspektiv (kr)")
    html.open("thead")
    html.open("tr")
    for (index, title) in [
      s[.perspective], "Original", "Ändrat", "Skillnad", "\(s[.payback]), original", "\(s[.payback]), ändrat",
    ].enumerated() {
      html.element("th", [("scope", "col")] + ((1...3).contains(index) ? [("class", "num")] : []), text: title)
    }
    html.close()
    html.close()
    html.open("tbody")
    for perspective in Perspective.all {
      let before = original.result(for: perspective)
      let after = changed.result(for: perspective)
      let difference = after.npv - before.npv
      let id = perspective.id
      html.open("tr")
      html.element("th", [("scope", "row")], text: s.name(perspective))
      cell(html, id: "npv-original-\(id)", value: before.npv, text: n.integer(before.npv))
      cell(html, id: "npv-changed-\(id)", value: after.npv, text: n.integer(after.npv))
      let trend = difference > 0.005 ? " better" : difference < -0.005 ? " worse" : ""
      cell(
        html, id: "npv-difference-\(id)", value: difference,
        text: (difference > 0.005 ? "+" : "") + n.integer(difference), extraClass: trend)
      html.element("td", text: s.payback(before.payback))
      html.element("td", text: s.payback(after.payback))
      html.close()
    }
    html.close()
    html.close()
    html.close()
  }

  /// A numeric cell with its unrounded value (two decimals) in `data-npv`, for tests and scripts.
  private func cell(_ html: HTMLWriter, id: String, value: Double, text: String, extraClass: String = "") {
    html.element(
      "td", [("id", id), ("class", "num" + extraClass), ("data-npv", DecimalText.format(value, decimals: 2))],
      text: text)
  }
}
