import SamkalkCore
import SamkalkUncertainty

/// A tornado diagram: per parameter a pair of horizontal bars from the base NPV to the NPV at the
/// parameter's low value (upper half of the row) and at its high value (lower half), with a
/// vertical line at the base NPV and a dashed one at zero when the axis crosses it. The low bar is
/// always the upper one, so position as well as colour tells the two apart (the legend says which
/// is which); each bar's `<title>` gives the parameter's value and the NPV, and the table next to
/// the chart every figure.
struct TornadoChart {
  struct Row {
    /// One or two lines (``SensitivityReport/chartLabel(_:)``), drawn one under the other.
    var label: [String]
    var low: Double
    var high: Double
    /// The `<title>` of the low and the high bar (what the bar means in words).
    var lowTitle: String
    var highTitle: String
  }

  var id: String
  var title: String
  var description: String
  var base: Double
  var baseLabel: String
  var lowLabel: String
  var highLabel: String
  var rows: [Row]
  var numbers: HumanNumber

  func write(to html: HTMLWriter) {
    let width = 760.0
    let rowHeight = 30.0
    let (left, right, top, bottom) = (270.0, 40.0, 40.0, 24.0)
    let height = top + bottom + rowHeight * Double(max(rows.count, 1))
    let values = [base] + rows.flatMap { [$0.low, $0.high] }
    let ticks = ChartMath.ticks(low: values.min() ?? 0, high: max(values.max() ?? 1, (values.min() ?? 0) + 1))
    let low = min(values.min() ?? 0, ticks.first ?? 0)
    let high = max(values.max() ?? 1, ticks.last ?? 1, low + 1)
    func x(_ value: Double) -> Double { left + (value - low) / (high - low) * (width - left - right) }
    let c = ChartMath.coordinate
    ChartMath.openSVG(html, id: id, title: title, description: description, width: width, height: height)
    // Legend: text next to a swatch, not a bar.
    for (index, label) in [lowLabel, highLabel].enumerated() {
      let x0 = left + Double(index) * 160
      html.element(
        "rect",
        [
          ("class", "swatch"), ("x", c(x0)), ("y", "6"), ("width", "12"), ("height", "12"),
          ("fill", ChartPalette.colors[index]),
        ])
      html.element("text", [("x", c(x0 + 16)), ("y", "16"), ("class", "tick")], text: label)
    }
    for tick in ticks {
      html.element(
        "line",
        [("x1", c(x(tick))), ("x2", c(x(tick))), ("y1", c(top)), ("y2", c(height - bottom)), ("class", "grid")])
      html.element(
        "text", [("x", c(x(tick))), ("y", c(height - 8)), ("class", "tick"), ("text-anchor", "middle")],
        text: numbers.integer(tick))
    }
    for (index, row) in rows.enumerated() {
      let yTop = top + Double(index) * rowHeight
      // One line in the middle of the row, or two lines, one in each bar's half.
      let lines = row.label.prefix(2)
      let firstBaseline = lines.count == 1 ? rowHeight * 0.6 : rowHeight * 0.42
      html.open(
        "text", [("x", c(left - 8)), ("y", c(yTop + firstBaseline)), ("class", "rowlabel"), ("text-anchor", "end")])
      for (index, line) in lines.enumerated() {
        html.element("tspan", index == 0 ? [] : [("x", c(left - 8)), ("dy", "12")], text: line)
      }
      html.close()
      for (half, value, title) in [(0, row.low, row.lowTitle), (1, row.high, row.highTitle)] {
        let barTop = yTop + 3 + Double(half) * (rowHeight - 6) / 2
        html.open(
          "rect",
          [
            ("class", "bar"), ("x", c(min(x(value), x(base)))), ("y", c(barTop)),
            ("width", c(max(abs(x(value) - x(base)), 0.5))), ("height", c((rowHeight - 6) / 2)),
            ("fill", ChartPalette.colors[half]),
          ])
        html.element("title", text: title)
        html.close()
      }
    }
    if low < 0 && high > 0 && base != 0 {
      // Where the NPV changes sign: a bar that crosses this line has a switching value in its range.
      html.element(
        "line", [("x1", c(x(0))), ("x2", c(x(0))), ("y1", c(top)), ("y2", c(height - bottom)), ("class", "marker")])
    }
    html.element(
      "line",
      [("x1", c(x(base))), ("x2", c(x(base))), ("y1", c(top - 6)), ("y2", c(height - bottom)), ("class", "axis")])
    html.element(
      "text", [("x", c(x(base) + 4)), ("y", c(top - 8)), ("class", "tick")],
      text: "\(baseLabel) \(numbers.kronor(base))")
    html.close()
  }
}

/// A histogram: one vertical bar per equal-width bin (a bin without draws is a bar of height 0),
/// the count on the y axis, with a dashed marker line (e.g. the deterministic NPV) and the zero
/// line when they fall inside the bins' range.
struct HistogramChart {
  var id: String
  var title: String
  var description: String
  var histogram: Histogram
  var marker: Double
  var markerLabel: String
  /// The unit of a count in a bar's title (`dragningar`, `draws`).
  var countUnit: String
  var numbers: HumanNumber

  func write(to html: HTMLWriter) {
    let width = 760.0
    let height = 270.0
    let (left, right, top, bottom) = (60.0, 40.0, 30.0, 44.0)
    let counts = histogram.counts
    let maxCount = Double(max(counts.max() ?? 0, 1))
    let countTicks: [Double] = ChartMath.ticks(low: 0, high: maxCount).filter { $0 == $0.rounded() }
    let countHigh: Double = max(maxCount, countTicks.last ?? maxCount)
    let degenerate = histogram.upper <= histogram.lower
    let low = degenerate ? histogram.lower - 1 : histogram.lower
    let high = degenerate ? histogram.upper + 1 : histogram.upper
    func x(_ value: Double) -> Double { left + (value - low) / (high - low) * (width - left - right) }
    func y(_ count: Double) -> Double { top + (countHigh - count) / countHigh * (height - top - bottom) }
    let c = ChartMath.coordinate
    ChartMath.openSVG(html, id: id, title: title, description: description, width: width, height: height)
    ChartMath.horizontalGrid(html, ticks: countTicks, from: left, to: width - right, y: y, numbers: numbers)
    let plotWidth = (width - left - right) / Double(max(counts.count, 1))
    for (index, count) in counts.enumerated() {
      let edges = histogram.edges(of: index)
      let x0 = degenerate ? left : left + Double(index) * plotWidth
      html.open(
        "rect",
        [
          ("class", "bar"), ("x", c(x0 + 0.5)), ("y", c(y(Double(count)))), ("width", c(max(plotWidth - 1, 0.5))),
          ("height", c(y(0) - y(Double(count)))), ("fill", ChartPalette.colors[0]),
        ])
      html.element(
        "title", text: "\(numbers.kronor(edges.lower)) – \(numbers.kronor(edges.upper)): \(count) \(countUnit)")
      html.close()
    }
    let axisTicks =
      degenerate
      ? [histogram.lower] : ChartMath.ticks(low: low, high: high).filter { $0 >= low - 1e-9 && $0 <= high + 1e-9 }
    for tick in ChartMath.thinned(axisTicks, maximum: 7) {
      html.element(
        "text",
        [
          ("x", c(degenerate ? width / 2 : x(tick))), ("y", c(height - bottom + 16)), ("class", "tick"),
          ("text-anchor", "middle"),
        ], text: numbers.integer(tick))
    }
    html.element(
      "line", [("x1", c(left)), ("x2", c(width - right)), ("y1", c(y(0))), ("y2", c(y(0))), ("class", "axis")])
    if !degenerate && low < 0 && high > 0 {
      html.element("line", [("x1", c(x(0))), ("x2", c(x(0))), ("y1", c(top)), ("y2", c(y(0))), ("class", "axis")])
    }
    if !degenerate && marker >= low && marker <= high {
      html.element(
        "line",
        [("x1", c(x(marker))), ("x2", c(x(marker))), ("y1", c(top - 8)), ("y2", c(y(0))), ("class", "marker")])
      let anchor = x(marker) > width / 2 ? "end" : "start"
      html.element(
        "text",
        [
          ("x", c(x(marker) + (anchor == "end" ? -4 : 4))), ("y", c(top - 12)), ("class", "tick"),
          ("text-anchor", anchor),
        ],
        text: "\(markerLabel) \(numbers.kronor(marker))")
    }
    html.element(
      "text",
      [("x", c((left + width - right) / 2)), ("y", c(height - 6)), ("class", "group"), ("text-anchor", "middle")],
      text: "kr")
    html.close()
  }
}

extension ChartMath {
  /// Every k-th value, so that at most `maximum` remain (axis labels that would overlap).
  static func thinned(_ values: [Double], maximum: Int) -> [Double] {
    guard values.count > maximum, maximum > 0 else { return values }
    let step = (values.count + maximum - 1) / maximum
    return values.enumerated().filter { $0.offset % step == 0 }.map(\.element)
  }
}
