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
