import SamkalkReports

/// The app's few style rules on top of the report's (inline, as the Content-Security-Policy
/// allows `style-src 'unsafe-inline'` and nothing else). No `<`, `>`, `&` or `"` in the CSS.
struct AppStyleSection: HTMLSection {
  /// Widens the page for two reports side by side.
  var wide = false

  static let css = """
    nav.app { display: flex; gap: 1.2rem; padding: 0.4rem 0; border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; }
    nav.app a { color: #0b3d91; font-weight: 600; }
    .problems { border: 2px solid #b00020; background: #fff4f4; padding: 0.5rem 1rem; }
    .problems li, .diagnostics li { margin: 0.2rem 0; }
    .notes { border: 2px solid #8a6d00; background: #fffbea; padding: 0.5rem 1rem; }
    .diagnostics code { white-space: pre-wrap; }
    form.assumptions fieldset { margin: 0.6rem 0; border: 1px solid #b0b0b0; }
    form.assumptions div.field { display: grid; grid-template-columns: minmax(12rem, 24rem) 8rem auto; gap: 0.6rem; align-items: center; margin: 0.2rem 0; }
    form.assumptions input[type=text] { text-align: right; }
    form.assumptions input[type=file], form.assumptions select { grid-column: span 2; }
    details.assumptions { margin: 1rem 0; border: 1px solid #b0b0b0; padding: 0.3rem 0.8rem; background: #f7f9fc; }
    details.assumptions summary { font-weight: 600; font-size: 1.1rem; cursor: pointer; }
    button { font-size: 1rem; padding: 0.3rem 1rem; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
    .pair .column { min-width: 0; overflow-x: auto; border-top: 4px solid #767676; }
    .pair .column.changed { border-top-color: #0b3d91; }
    p.column-label { font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; margin: 0.4rem 0; }
    td.better { color: #0a5c0a; font-weight: 600; }
    td.worse { color: #b00020; font-weight: 600; }
    """

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.element("style", text: Self.css + (wide ? "\nbody { max-width: 110rem; }\n" : "\n"))
  }
}

/// The links on top of every page of the app.
struct NavigationSection: HTMLSection {
  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("nav", [("class", "app"), ("aria-label", "samkalk")])
    html.element("a", [("href", "/")], text: "Scenarier")
    html.element("a", [("href", "/upload")], text: "Ladda upp")
    html.close()
  }
}

/// A heading with a lead paragraph.
struct HeadingSection: HTMLSection {
  var title: String
  var lead: String?

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.element("h1", text: title)
    if let lead { html.element("p", [("class", "lead")], text: lead) }
  }
}

/// Messages in a box: problems (red), notes (yellow) or diagnostics in the command line's
/// `FILE:LINE:COL: error: MESSAGE` form.
struct MessageSection: HTMLSection {
  enum Style: String { case problems, notes, diagnostics }

  var title: String
  var messages: [String]
  var style: Style

  func write(to html: HTMLWriter, context: HTMLContext) {
    guard !messages.isEmpty else { return }
    html.open("section", [("class", style.rawValue), ("role", style == .notes ? "note" : "alert")])
    html.element("h2", text: title)
    html.open("ul")
    for message in messages {
      if style == .diagnostics {
        html.open("li")
        html.element("code", text: message)
        html.close()
      } else {
        html.element("li", text: message)
      }
    }
    html.close()
    html.close()
  }
}

/// The label on top of one column of a pair: which calculation it is.
struct ColumnLabelSection: HTMLSection {
  var text: String

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.element("p", [("class", "column-label")], text: text)
  }
}

/// Sections wrapped in an element with a class (e.g. one column of a pair).
struct WrappedSection: HTMLSection {
  var element = "div"
  var className: String
  var sections: [any HTMLSection]

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open(element, [("class", className)])
    for section in sections { section.write(to: html, context: context) }
    html.close()
  }
}
