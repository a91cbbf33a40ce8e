// Fuzzes the streaming follow-up reader (person-month CSV): header, separators, quoting, encodings,
// every column's syntax, windows, aggregation and a small bootstrap, on the shipped rate tables.
// A small chunk size makes records cross buffer boundaries, and makes the buffer grow, often.
import Foundation
import FuzzDriver
import SamkalkCore
import SamkalkMicrodata
import SamkalkRates

private let rates = try! RateBook.shipped()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  var options = FollowupStudy.Options()
  options.chunkSize = 64
  options.keepPartial = size % 2 == 0
  options.skipInvalid = size % 3 == 0
  options.bootstrapReplicates = 3
  options.bootstrapThreads = 1
  options.ratesDate = Day(year: 2025, month: 1, day: 1)
  _ = try? FollowupStudy(rates: rates, options: options).run(bytes: bytes, file: "fuzz.csv")
  return 0
}

runFuzzer(fuzz)
