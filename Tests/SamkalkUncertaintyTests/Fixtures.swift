/// A small cohort scenario written out in full: 10 participants on försörjningsstöd, a
/// 100 000 kr measure over year 1 paid by the municipality, 4 into work at 25 000 kr a month
/// from month 12, over 3 years. `uncertainty` is put last, as the schema orders it.
func smallScenario(uncertainty: String = "", adjustments: String = "") -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <scenario xmlns="urn:samkalk:scenario:1" version="1" id="liten">
    <title>Liten kohort</title>
    <municipality code="1780"/>
    <rates date="2025-01-01"/>
    <start month="2025-01"/>
    <horizon years="3"/>
    <measure participants="10" months="12">
      <cost id="budget" label="Budget" amount="100000"/>
      <financing financier="kommun" share="1"/>
    </measure>
    <before>
      <situation type="forsorjningsstod" extent="1"/>
    </before>
    <outcomes>
      <outcome id="arbete" persons="4" startMonth="12">
        <phase>
          <situation type="arbete" extent="1" wage="25000"/>
        </phase>
      </outcome>
      <outcome id="oforandrad" persons="6" startMonth="12">
        <phase>
          <situation type="forsorjningsstod"/>
        </phase>
      </outcome>
    </outcomes>
    \(adjustments)
    \(uncertainty)
  </scenario>
  """
}
