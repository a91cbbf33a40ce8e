/// The header of the sensitivity, uncertainty and follow-up pages: the report's kind, the title
/// and one line of facts, the same shape as the run report's header.
struct AnalysisHeaderSection: HTMLSection {
  var kind: ReportStrings.Label
  var title: String
  var facts: [String]

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("header")
    html.element("p", [("class", "meta")], text: "\(context.strings[.reportTitle]) · \(context.strings[kind])")
    html.element("h1", text: title)
    html.element("p", [("class", "meta")], text: facts.joined(separator: " · "))
    html.close()
  }
}

/// A chart in a `<figure>` with its caption, then the table of its numbers: every chart in the
/// analysis pages comes with its figures in text.
struct ChartFigure {
  var caption: String
  var draw: (HTMLWriter) -> Void

  func write(to html: HTMLWriter) {
    html.open("figure")
    draw(html)
    html.element("figcaption", text: caption)
    html.close()
  }
}

/// The footer of an analysis page: the samkalk version and, when known, the input file.
struct AnalysisProvenanceSection: HTMLSection {
  var items: [String]

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("footer", [("id", "provenance")])
    html.element("h2", text: context.strings[.provenance])
    html.open("ul")
    for item in items { html.element("li", text: item) }
    html.close()
    html.close()
  }
}

extension HumanNumber {
  /// A parameter value for people: up to four decimals, trailing zeros dropped (`25 000`, `0,35`).
  func parameter(_ value: Double) -> String { decimal(value, decimals: 4, trim: true) }
}
