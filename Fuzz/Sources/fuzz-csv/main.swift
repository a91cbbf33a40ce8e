import Foundation
// Fuzzes the Swedish Excel CSV reader: encoding detection, separators, quoting, and the number
// syntax applied to every field.
import SamkalkRates

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
  guard let csv = try? SwedishCSV.parse(bytes: bytes, file: "fuzz.csv") else { return 0 }
  for row in csv.rows {
    for field in row.fields { _ = csv.number(field) }
  }
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
