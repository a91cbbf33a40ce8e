import SamkalkReports

/// The assumptions form: a plain GET form (no script), so a changed calculation is a link that
/// can be bookmarked, shared and downloaded with the same values.
struct AssumptionFormSection: HTMLSection {
  var entryID: String
  var form: AssumptionForm
  /// The texts as submitted; the scenario's own values when nil.
  var texts: [String: String]?
  /// Whether the form starts unfolded (after a submission); folded, the report comes first.
  var open = false

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("details", [("id", "assumptions"), ("class", "assumptions")] + (open ? [("open", "open")] : []))
    html.element("summary", text: "Ändra antaganden och räkna om")
    html.element(
      "p",
      text: "Ändra ett eller flera värden och räkna om. Det nya resultatet visas bredvid originalet, "
        + "med skillnaden i nuvärde per aktör. Decimaler skrivs med komma eller punkt; andelar i procent.")
    html.open("form", [("class", "assumptions"), ("method", "get"), ("action", "/scenario/\(entryID)")])
    html.element("input", [("type", "hidden"), ("name", AssumptionForm.submitField), ("value", "1")])
    for group in form.groups where !group.fields.isEmpty {
      html.open("fieldset")
      html.element("legend", text: group.title + (group.sharesAddUpToOne ? " (summa 100 %)" : ""))
      for field in group.fields {
        let id = "f-" + field.name
        html.open("div", [("class", "field")])
        html.element("label", [("for", id)], text: field.label)
        html.element(
          "input",
          [
            ("type", "text"), ("id", id), ("name", field.name), ("value", texts?[field.name] ?? field.text),
            ("inputmode", field.kind == .municipality || field.kind == .year ? "numeric" : "decimal"),
          ])
        if !field.unit.isEmpty { html.text(" " + field.unit) }
        html.close()
      }
      html.close()
    }
    html.element("button", [("type", "submit")], text: "Räkna om")
    html.text(" ")
    html.element("a", [("href", "/scenario/\(entryID)")], text: "Återställ")
    html.close()
    html.close()
  }
}
