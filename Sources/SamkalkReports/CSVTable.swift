/// A header and rows of fields, rendered both as CSV (either dialect) and as a workbook sheet, so
/// that the two forms of a table cannot drift apart.
struct CSVTable {
  var header: [String]
  var rows: [[CSVField]]

  /// The table as CSV: the dialect's prefix, the header, then one record per row.
  func render(dialect: CSVDialect) -> [UInt8] {
    var text = CSVReport.record(header.map(CSVField.text), dialect: dialect)
    for row in rows { text += CSVReport.record(row, dialect: dialect) }
    return dialect.prefix + Array(text.utf8)
  }

  /// The table as a sheet: a bold header row, numbers as numbers.
  func sheet(name: String, widths: [Int: Double] = [:]) -> XLSXWorkbook.Sheet {
    XLSXWorkbook.Sheet(
      name: name, rows: [header.map(XLSXWorkbook.Cell.text)] + rows.map { $0.map(XLSXReport.cell) }, boldRows: [0],
      widths: widths)
  }
}

extension CSVTable {
  /// A summary sheet: the title, one row per fact (label, value), a blank row, then this table
  /// with its header in bold.
  func summarySheet(name: String, title: String, facts: [(String, XLSXWorkbook.Cell)]) -> XLSXWorkbook.Sheet {
    var sheet = self.sheet(name: name, widths: [0: 30, 1: 20])
    let lead: [[XLSXWorkbook.Cell]] = [[.text(title)]] + facts.map { [.text($0.0), $0.1] } + [[]]
    sheet.rows = lead + sheet.rows
    sheet.boldRows = [0, lead.count]
    return sheet
  }
}
