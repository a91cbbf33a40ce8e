// Fuzzes the scenario reader: secure XML parsing, XSD validation and every semantic check.
// Any crash, hang or sanitizer report is a bug; diagnostics are the expected outcome.
import Foundation
import FuzzDriver
import SamkalkInput
import SamkalkRates

nonisolated(unsafe) let reader: ScenarioReader = {
  do {
    return try ScenarioReader(rates: try RateBook.shipped())
  } catch {
    fatalError("cannot load the shipped rates for fuzzing: \(error)")
  }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  _ = reader.check(bytes: bytes, file: "fuzz.xml")
  return 0
}

runFuzzer(fuzz)
