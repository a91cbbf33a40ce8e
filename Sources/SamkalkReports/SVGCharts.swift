import Foundation
import SamkalkCore

/// Chart colours, each with a contrast of at least 3:1 against white (WCAG 2.1, 1.4.11); bars
/// and lines are also labelled, so no chart relies on colour alone.
public enum ChartPalette {
  public static let colors = [
    "#1f5fa8", "#b34700", "#1b7a3e", "#7b3fa0", "#a6192e", "#4d4d4d", "#806000", "#006d77", "#000000",
  ]
  public static let dashes = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3", ""]

  /// WCAG contrast ratio of a `#rrggbb` colour against white.
  public static func contrastAgainstWhite(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    func channel(_ index: Int) -> Double {
      let value = Double(Int(String(digits[index..<index + 2]), radix: 16) ?? 0) / 255
      return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    return 1.05 / (luminance + 0.05)
  }
}

/// Scale and number helpers shared by the charts.
enum ChartMath {
  /// Opens an accessible chart: `role="img"`, labelled by its `<title>` and `<desc>`.
  static func openSVG(
    _ html: HTMLWriter, id: String, title: String, description: String, width: Double, height: Double
  ) {
    html.open(
      "svg",
      [
        ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
        ("viewBox", "0 0 \(coordinate(width)) \(coordinate(height))"),
        ("width", "100%"), ("class", "chart"), ("id", id),
      ], namespace: HTMLWriter.svgNamespace)
    html.element("title", [("id", "\(id)-title")], text: title)
    html.element("desc", [("id", "\(id)-desc")], text: description)
  }

  /// A locale-free coordinate with one decimal.
  static func coordinate(_ value: Double) -> String {
    var text = DecimalText.format(value, decimals: 1)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text == "-0" ? "0" : text
  }

  /// Round tick values from a multiple of the step at or below `low` to one at or above `high`,
  /// about five of them.
  static func ticks(low: Double, high: Double) -> [Double] {
    let span = high - low
    guard span > 0 else { return [low] }
    let raw = span / 5
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
    let first = (low / step).rounded(.down)
    let last = (high / step).rounded(.up)
    return stride(from: first, through: last, by: 1).map { $0 * step }
  }

  /// Horizontal grid lines at the ticks from x `from` to x `to`, each labelled with its value
  /// (whole kronor or counts) to the left of `from`.
  static func horizontalGrid(
    _ html: HTMLWriter, ticks: [Double], from left: Double, to right: Double, y: (Double) -> Double,
    numbers: HumanNumber
  ) {
    let c = coordinate
    for tick in ticks {
      html.element(
        "line", [("x1", c(left)), ("x2", c(right)), ("y1", c(y(tick))), ("y2", c(y(tick))), ("class", "grid")])
      html.element(
        "text", [("x", c(left - 6)), ("y", c(y(tick) + 4)), ("class", "tick"), ("text-anchor", "end")],
        text: numbers.integer(tick))
    }
  }

  /// Label positions at least `spacing` apart, as close to the wanted ones as that allows.
  static func spread(_ wanted: [Double], spacing: Double) -> [Double] {
    let order = wanted.indices.sorted { wanted[$0] < wanted[$1] }
    var placed = wanted
    var previous = -Double.infinity
    for index in order {
      placed[index] = max(wanted[index], previous + spacing)
      previous = placed[index]
    }
    return placed
  }
}

/// A vertical grouped bar chart: one group per category (e.g. year), one labelled bar per series.
struct GroupedBarChart {
  struct Bar {
    var label: String
    var value: Double
    var color: Int
  }
  struct Group {
    var label: String
    var bars: [Bar]
  }

  var id: String
  var title: String
  var description: String
  var groups: [Group]
  var numbers: HumanNumber

  func write(to html: HTMLWriter) {
    let width = 760.0
    let height = 340.0
    let (left, right, top, bottom) = (80.0, 10.0, 16.0, 64.0)
    let values = groups.flatMap { $0.bars.map(\.value) }
    let low = min(0, values.min() ?? 0)
    let high = max(0, values.max() ?? 0)
    let ticks = ChartMath.ticks(low: low, high: high == low ? low + 1 : high)
    let axisLow = min(low, ticks.first ?? low)
    let axisHigh = max(high, ticks.last ?? high, axisLow + 1)
    let plotHeight = height - top - bottom
    func y(_ value: Double) -> Double { top + (axisHigh - value) / (axisHigh - axisLow) * plotHeight }
    let c = ChartMath.coordinate
    ChartMath.openSVG(html, id: id, title: title, description: description, width: width, height: height)
    ChartMath.horizontalGrid(html, ticks: ticks, from: left, to: width - right, y: y, numbers: numbers)
    let groupWidth = (width - left - right) / Double(max(groups.count, 1))
    for (groupIndex, group) in groups.enumerated() {
      let x0 = left + Double(groupIndex) * groupWidth
      let barWidth = groupWidth * 0.84 / Double(max(group.bars.count, 1))
      for (barIndex, bar) in group.bars.enumerated() {
        let x = x0 + groupWidth * 0.08 + Double(barIndex) * barWidth
        let yTop = y(max(bar.value, 0))
        let barHeight = abs(y(bar.value) - y(0))
        html.open(
          "rect",
          [
            ("class", "bar"), ("x", c(x)), ("y", c(yTop)), ("width", c(barWidth * 0.9)), ("height", c(barHeight)),
            ("fill", ChartPalette.colors[bar.color % ChartPalette.colors.count]),
          ])
        html.element("title", text: "\(group.label), \(bar.label): \(numbers.kronor(bar.value))")
        html.close()
        let labelX = x + barWidth * 0.45
        let labelY = height - bottom + 8
        html.element(
          "text",
          [
            ("x", c(labelX)), ("y", c(labelY)), ("class", "barlabel"), ("text-anchor", "end"),
            ("transform", "rotate(-90 \(c(labelX)) \(c(labelY)))"), ("dy", "0.35em"),
          ], text: bar.label)
      }
      html.element(
        "text", [("x", c(x0 + groupWidth / 2)), ("y", c(height - 6)), ("class", "group"), ("text-anchor", "middle")],
        text: group.label)
    }
    html.element(
      "line", [("x1", c(left)), ("x2", c(width - right)), ("y1", c(y(0))), ("y2", c(y(0))), ("class", "axis")])
    html.close()
  }
}

/// A horizontal bar chart: one labelled bar per row, its value written next to it.
struct HorizontalBarChart {
  struct Row {
    var label: String
    var value: Double
    var color: Int
  }

  var id: String
  var title: String
  var description: String
  var rows: [Row]
  var numbers: HumanNumber
  /// How a bar's value is written; kronor unless a chart says otherwise (shares, counts).
  var valueText: ((Double) -> String)? = nil

  func write(to html: HTMLWriter) {
    let text = valueText ?? { numbers.kronor($0) }
    let width = 760.0
    let rowHeight = 26.0
    let (left, right, top) = (260.0, 130.0, 10.0)
    let height = top * 2 + rowHeight * Double(rows.count)
    let low = min(0, rows.map(\.value).min() ?? 0)
    let high = max(0, rows.map(\.value).max() ?? 0)
    let span = high - low == 0 ? 1 : high - low
    func x(_ value: Double) -> Double { left + (value - low) / span * (width - left - right) }
    let c = ChartMath.coordinate
    ChartMath.openSVG(html, id: id, title: title, description: description, width: width, height: height)
    for (index, row) in rows.enumerated() {
      let yTop = top + Double(index) * rowHeight
      html.element(
        "text", [("x", c(left - 8)), ("y", c(yTop + rowHeight * 0.65)), ("class", "rowlabel"), ("text-anchor", "end")],
        text: row.label)
      html.open(
        "rect",
        [
          ("class", "bar"), ("x", c(min(x(row.value), x(0)))), ("y", c(yTop + 4)),
          ("width", c(abs(x(row.value) - x(0)))), ("height", c(rowHeight - 8)),
          ("fill", ChartPalette.colors[row.color % ChartPalette.colors.count]),
        ])
      html.element("title", text: "\(row.label): \(text(row.value))")
      html.close()
      html.element(
        "text", [("x", c(max(x(row.value), x(0)) + 6)), ("y", c(yTop + rowHeight * 0.65)), ("class", "value")],
        text: text(row.value))
    }
    html.element(
      "line", [("x1", c(x(0))), ("x2", c(x(0))), ("y1", c(top)), ("y2", c(height - top)), ("class", "axis")])
    html.close()
  }
}

/// Cumulative curves over months, one labelled polyline per series, with a shaded period.
struct CumulativeLineChart {
  struct Series {
    var label: String
    var values: [Double]
    var color: Int
  }

  var id: String
  var title: String
  var description: String
  var series: [Series]
  var months: Int
  var shadedMonths: Int
  var shadedLabel: String
  var monthLabel: String
  var numbers: HumanNumber

  func write(to html: HTMLWriter) {
    let width = 760.0
    let height = 360.0
    let (left, right, top, bottom) = (80.0, 60.0, 16.0, 40.0)
    let all = series.flatMap(\.values)
    let low = min(0, all.min() ?? 0)
    let high = max(0, all.max() ?? 0)
    let ticks = ChartMath.ticks(low: low, high: high == low ? low + 1 : high)
    let axisLow = min(low, ticks.first ?? low)
    let axisHigh = max(high, ticks.last ?? high, axisLow + 1)
    let span = Double(max(months, 1))
    func x(_ month: Double) -> Double { left + month / span * (width - left - right) }
    func y(_ value: Double) -> Double { top + (axisHigh - value) / (axisHigh - axisLow) * (height - top - bottom) }
    let c = ChartMath.coordinate
    ChartMath.openSVG(html, id: id, title: title, description: description, width: width, height: height)
    let shaded = Double(min(shadedMonths, months))
    html.element(
      "rect",
      [
        ("class", "mandate"), ("x", c(x(0))), ("y", c(top)), ("width", c(x(shaded) - x(0))),
        ("height", c(height - top - bottom)),
      ])
    html.element(
      "line",
      [
        ("class", "mandateline"), ("x1", c(x(shaded))), ("x2", c(x(shaded))), ("y1", c(top)),
        ("y2", c(height - bottom)),
      ])
    html.element(
      "text", [("x", c(x(shaded) - 4)), ("y", c(top + 12)), ("class", "tick"), ("text-anchor", "end")],
      text: shadedLabel)
    ChartMath.horizontalGrid(html, ticks: ticks, from: left, to: width - right, y: y, numbers: numbers)
    var month = 0
    while month <= months {
      html.element(
        "text",
        [("x", c(x(Double(month)))), ("y", c(height - bottom + 16)), ("class", "tick"), ("text-anchor", "middle")],
        text: String(month))
      month += 12
    }
    html.element(
      "text",
      [("x", c((left + width - right) / 2)), ("y", c(height - 4)), ("class", "group"), ("text-anchor", "middle")],
      text: monthLabel)
    html.element(
      "line", [("x1", c(left)), ("x2", c(width - right)), ("y1", c(y(0))), ("y2", c(y(0))), ("class", "axis")])
    let labelY = ChartMath.spread(series.map { y($0.values.last ?? 0) + 4 }, spacing: 12)
    for (index, line) in series.enumerated() {
      let points = line.values.enumerated().map { "\(c(x(Double($0.offset)))),\(c(y($0.element)))" }
      let color = ChartPalette.colors[line.color % ChartPalette.colors.count]
      var attributes = [("class", "curve"), ("points", points.joined(separator: " ")), ("stroke", color)]
      let dash = ChartPalette.dashes[line.color % ChartPalette.dashes.count]
      if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
      html.open("polyline", attributes)
      html.element("title", text: line.label)
      html.close()
      if !line.values.isEmpty {
        html.element(
          "text",
          [
            ("x", c(x(Double(line.values.count - 1)) + 4)), ("y", c(labelY[index])), ("class", "linelabel"),
            ("fill", color),
          ], text: line.label)
      }
    }
    html.close()
  }
}
