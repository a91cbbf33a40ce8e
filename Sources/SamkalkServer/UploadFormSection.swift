import SamkalkReports

/// The upload form: a scenario file, a rate table, or both; a rate table alone can be applied to
/// a listed scenario. Plain multipart POST, no script.
struct UploadFormSection: HTMLSection {
  var entries: [CatalogEntry]
  var limit: Int

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("section", [("id", "upload")])
    html.element("h2", text: "Ladda upp ett scenario eller egna satser")
    html.element(
      "p",
      text: "Filerna kontrolleras precis som av kommandoraden (samkalk validate, --rates) och sparas inte: "
        + "de hålls i minnet en stund så att rapporten kan visas och laddas ned. Högst \(limit / 1024 / 1024) MiB. "
        + "Ett uppladdat scenario får inte peka på persondata (<followup>): servern läser inga filer som en "
        + "uppladdning namnger.")
    html.open(
      "form", [("method", "post"), ("action", "/upload"), ("enctype", "multipart/form-data"), ("class", "assumptions")])
    field(html, label: "Scenariofil (XML)", name: "scenario", accept: ".xml,application/xml,text/xml")
    field(html, label: "Egna satser (CSV, som --rates)", name: "rates", accept: ".csv,text/csv")
    html.open("div", [("class", "field")])
    html.element("label", [("for", "f-base")], text: "…eller räkna ett listat scenario med satserna")
    html.open("select", [("id", "f-base"), ("name", "base")])
    html.element("option", [("value", "")], text: "(inget)")
    for entry in entries {
      html.element("option", [("value", entry.id)], text: entry.result.scenario.title)
    }
    html.close()
    html.close()
    html.element("button", [("type", "submit")], text: "Ladda upp och kontrollera")
    html.close()
    html.close()
  }

  private func field(_ html: HTMLWriter, label: String, name: String, accept: String) {
    html.open("div", [("class", "field")])
    html.element("label", [("for", "f-" + name)], text: label)
    html.element("input", [("type", "file"), ("id", "f-" + name), ("name", name), ("accept", accept)])
    html.close()
  }
}
