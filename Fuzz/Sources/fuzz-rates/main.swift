import Foundation
// Fuzzes the rate-table readers: a shipped-format parameter file (XML) and a finance officer's
// CSV table (override or municipal table), chosen by the input's first byte.
import SamkalkCore
import SamkalkRates

nonisolated(unsafe) let book: RateBook = {
  do {
    return try RateBook.shipped()
  } catch {
    fatalError("cannot load the shipped rates for fuzzing: \(error)")
  }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
  if bytes.first == UInt8(ascii: "<") {
    _ = RateFileCheck.checkParameter(bytes: bytes, file: "Rates/fuzz/param.xml")
  } else {
    _ = try? book.adding(userTable: bytes, named: "fuzz-2025.csv")
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
