import Foundation
import Testing

@testable import SamkalkRates

/// Rate keys hash by a code computed once (FNV-1a); equality and hashing must still follow the
/// text exactly.
@Suite struct RateKeyTests {
  @Test func theCodeIsFNV1a() {
    #expect(RateKey.code(of: "") == 0xcbf2_9ce4_8422_2325)
    #expect(RateKey.code(of: "a") == 0xaf63_dc4c_8601_ec8c)
    #expect(RateKey.code(of: "foobar") == 0x8594_4171_f739_67e8)
  }

  @Test func equalTextMeansEqualKeysWithEqualHashes() {
    let built = RateKey(["formaner", "forsorjningsstod", "per_hushallsmanad"].joined(separator: "."))
    let literal: RateKey = "formaner.forsorjningsstod.per_hushallsmanad"
    #expect(built == literal)
    #expect(built.hashValue == literal.hashValue)
    #expect(RateKey("formaner.a_kassa") != RateKey("formaner.a_kassb"))
    // Canonically equivalent texts are equal strings in Swift, so equal keys with one hash.
    for (one, other) in [("tjänster.å", "tja\u{308}nster.a\u{30A}"), ("\u{212A}", "K")] {
      #expect(one == other)
      #expect(RateKey(one) == RateKey(other))
      #expect(RateKey(one).hashValue == RateKey(other).hashValue)
    }
  }

  /// A dictionary indexes by the low bits of `_rawHashValue(seed:)`: equal keys give equal
  /// values under one seed, and the shipped keys spread over a table's buckets about as random
  /// hashes would (at most a few more than the expected collisions in 1 024 buckets).
  @Test func theRawHashMixesTheCodeWithTheSeed() throws {
    let seed = 0x1234_5678
    #expect(
      RateKey("tjänster.å")._rawHashValue(seed: seed) == RateKey("tja\u{308}nster.a\u{30A}")._rawHashValue(seed: seed))
    #expect(RateKey("a")._rawHashValue(seed: 1) != RateKey("a")._rawHashValue(seed: 2))
    let keys = try RateBook.shipped().keys
    let buckets = 1_024
    let used = Set(keys.map { $0._rawHashValue(seed: seed) & (buckets - 1) }).count
    // Expected distinct buckets for n random hashes: b(1 − (1 − 1/b)^n).
    let expected = Double(buckets) * (1 - pow(1 - 1 / Double(buckets), Double(keys.count)))
    #expect(Double(used) > expected - 3 * expected.squareRoot(), "\(used) of \(keys.count) keys in distinct buckets")
  }

  /// Every shipped key finds itself in a dictionary, and no other.
  @Test func shippedKeysLookThemselvesUp() throws {
    let keys = try RateBook.shipped().keys
    let table = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    for (index, key) in keys.enumerated() { #expect(table[RateKey(key.rawValue)] == index) }
    #expect(Set(keys.map { RateKey.code(of: $0.rawValue) }).count == keys.count, "no two shipped keys share a code")
  }
}
