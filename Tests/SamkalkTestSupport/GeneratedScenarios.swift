/// Scenario files generated for the resource limits: `outcomes` outcomes of one person each over
/// `years`, in the smallest form the reader accepts.
public enum GeneratedScenarios {
  public static func manyOutcomes(_ outcomes: Int, years: Int) -> String {
    var text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <scenario xmlns="urn:samkalk:scenario:1" version="1" id="many-outcomes">
        <title>Generated: \(outcomes) outcomes over \(years) years</title>
        <municipality code="1780" assumption="generated"/>
        <rates date="2026-01-01" assumption="generated"/>
        <start month="2026-01" assumption="generated"/>
        <horizon years="\(years)" assumption="generated"/>
        <measure participants="\(outcomes)" months="3" assumption="generated">
          <cost id="coach" label="Coach" amount="100000" assumption="generated"/>
          <financing financier="kommun" share="1" assumption="generated"/>
        </measure>
        <before assumption="generated">
          <situation type="forsorjningsstod" extent="1" assumption="generated"/>
        </before>
        <outcomes>

      """
    for index in 0..<outcomes {
      text += """
            <outcome id="o\(index)" persons="1" assumption="generated">
              <phase><situation type="arbete" extent="1" wage="25000" assumption="generated"/></phase>
            </outcome>

        """
    }
    text += "  </outcomes>\n</scenario>\n"
    return text
  }
}
