import Foundation
// Fuzzes the scenario reader: secure XML parsing, XSD validation and every semantic check.
// Any crash, hang or sanitizer report is a bug; diagnostics are the expected outcome.
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
  let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
  _ = reader.check(bytes: bytes, file: "fuzz.xml")
  return 0
}

// SwiftPM links an executable's entry point itself, so libFuzzer is started from here
// through its driver API instead of its own main().
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var arguments = CommandLine.argc
var argumentVector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&arguments, &argumentVector, fuzz))
