// Fuzzes the Swedish Excel CSV reader: encoding detection, separators, quoting, and the number
// syntax applied to every field.
import Foundation
import FuzzDriver
import SamkalkRates

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  guard let csv = try? SwedishCSV.parse(bytes: bytes, file: "fuzz.csv") else { return 0 }
  for row in csv.rows {
    for field in row.fields { _ = csv.number(field) }
  }
  return 0
}

runFuzzer(fuzz)
