// Fuzzes the rate-table readers: a shipped-format parameter file (XML) and a finance officer's
// CSV table (override or municipal table), chosen by the input's first byte.
import Foundation
import FuzzDriver
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
  let bytes = fuzzBytes(data, size)
  if bytes.first == UInt8(ascii: "<") {
    _ = RateFileCheck.checkParameter(bytes: bytes, file: "Rates/fuzz/param.xml")
  } else {
    _ = try? book.adding(userTable: bytes, named: "fuzz-2025.csv")
  }
  return 0
}

runFuzzer(fuzz)
