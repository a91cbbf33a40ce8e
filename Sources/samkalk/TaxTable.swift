import SamkalkCore
import SamkalkEngine

/// The two renderings of `samkalk tax`: a readable Swedish table and one CSV row.
enum TaxTable {
  /// (csv column, Swedish label, amount) in the order Skatteverket computes them.
  static func rows(_ tax: PersonTax) -> [(String, String, Money)] {
    let b = tax.breakdown
    return [
      ("arbetsinkomst", "Arbetsinkomst", tax.income.earned),
      ("ovrig_skattepliktig_inkomst", "Övrig skattepliktig inkomst", tax.income.taxable - tax.income.earned),
      ("faststalld_forvarvsinkomst", "Fastställd förvärvsinkomst", b.faststalldForvarvsinkomst),
      ("grundavdrag", "Grundavdrag", b.grundavdrag),
      ("beskattningsbar_inkomst", "Beskattningsbar förvärvsinkomst", b.beskattningsbarInkomst),
      ("kommunalskatt", "Kommunalskatt", b.kommunalskatt),
      ("regionskatt", "Regionskatt", b.regionskatt),
      ("statlig_skatt", "Statlig inkomstskatt", b.statligSkatt),
      ("allman_pensionsavgift", "Allmän pensionsavgift", b.pensionsavgift),
      ("public_service_avgift", "Public service-avgift", b.publicServiceAvgift),
      ("skattereduktion_pensionsavgift", "Skattereduktion för allmän pensionsavgift", b.pensionsavgiftReduktion),
      ("jobbskatteavdrag", "Jobbskatteavdrag", b.jobbskatteavdrag),
      ("skattereduktion_forvarvsinkomst", "Skattereduktion för förvärvsinkomst", b.skattereduktionForvarvsinkomst),
      ("regional_skattereduktion", "Regional skattereduktion", b.regionalSkattereduktion),
      ("slutlig_skatt", "Slutlig skatt", b.slutligSkatt),
      ("nettoinkomst", "Nettoinkomst", tax.nettoinkomst),
    ]
  }

  static func csv(_ tax: PersonTax) -> String {
    let rows = rows(tax)
    let header = ["ar", "kommunkod"] + rows.map(\.0)
    let values = [String(tax.year), tax.municipality.code] + rows.map { String($0.2.ore / 100) }
    return header.joined(separator: ";") + "\n" + values.joined(separator: ";") + "\n"
  }

  static func text(_ tax: PersonTax) -> String {
    let m = tax.municipality
    var text = "Inkomstskatt \(tax.year), \(m.name) (\(m.code))"
    if let birthYear = tax.birthYear, let age = tax.income.ageAtStartOfYear {
      text += ", född \(birthYear) (\(age) år vid årets ingång)"
    }
    text += ": kommunalskatt "
    text +=
      "\(DecimalText.format(m.kommunal * 100, decimals: 2)) %, regionskatt \(DecimalText.format(m.regional * 100, decimals: 2)) %\n"
    let rows = rows(tax)
    let width = rows.map(\.1.count).max()! + 2
    for (_, label, amount) in rows {
      let number = GroupedNumber.kronor(amount) + " kr"
      text += label + String(repeating: " ", count: width - label.count)
      text += String(repeating: " ", count: max(0, 14 - number.count)) + number + "\n"
    }
    return text
  }
}
