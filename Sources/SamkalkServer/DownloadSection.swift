import SamkalkReports

/// Links to a scenario's reports as files; `query` carries changed assumptions, so the download
/// is the changed calculation's report.
struct DownloadSection: HTMLSection {
  var entryID: String
  var title: String
  var query: String?

  func write(to html: HTMLWriter, context: HTMLContext) {
    html.open("p", [("class", "downloads")])
    html.text(title + ": ")
    for format in ReportFormat.allCases {
      let href = "/scenario/\(entryID)/download/\(format.rawValue)" + (query.map { "?" + $0 } ?? "")
      html.element("a", [("href", href), ("download", "")], text: format.rawValue.uppercased())
      html.text(" ")
    }
    html.close()
  }
}
