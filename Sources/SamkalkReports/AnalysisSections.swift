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
  /// A parameter value for people: up to four decimals, trailing zeros dropped (`0,35`,
  /// `0,2127`), but whole numbers from 1 000 on (`25 000`, `11 288`): four decimals of kronor
  /// (`2 654 166,6667`, a triangular's mean) are noise that makes the column hard to read. The
  /// XML and CSV reports keep six decimals.
  func parameter(_ value: Double) -> String {
    abs(value) >= 1000 ? integer(value) : decimal(value, decimals: 4, trim: true)
  }
}
