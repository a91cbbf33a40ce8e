import Foundation
import SamkalkCore
import Testing

@Suite struct TextTests {
  @Test func sha256MatchesKnownVectors() {
    #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // 56 bytes: the padding spills into a second block.
    #expect(
      SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func suggestsCloseNames() {
    #expect(NameSuggestion.closest(to: "titel", among: ["title", "measure"]) == "title")
    #expect(NameSuggestion.closest(to: "forsorjningstod", among: ["forsorjningsstod", "arbete"]) == "forsorjningsstod")
    #expect(NameSuggestion.closest(to: "xyz", among: ["title", "measure"]) == nil)
    #expect(NameSuggestion.hint(for: "titel", among: ["title"]) == "; did you mean 'title'?")
  }

  @Test func diagnosticsPrintLikeACompiler() {
    let located = Diagnostic.error("bad", at: SourceLocation(file: "a.xml", line: 3, column: 7))
    #expect(located.description == "a.xml:3:7: error: bad")
    #expect(Diagnostic.warning("w", at: SourceLocation(file: "a.xml", line: 3)).description == "a.xml:3: warning: w")
    #expect(Diagnostic.error("e", at: SourceLocation(file: "a.xml")).description == "a.xml: error: e")
  }

  @Test func formatsDecimalsLocaleFree() {
    #expect(DecimalText.format(1234.5678, decimals: 2) == "1234.57")
    #expect(DecimalText.format(-0.004, decimals: 2) == "0.00")
    #expect(DecimalText.format(0.035, decimals: 4) == "0.0350")
    #expect(DecimalText.format(-12.5, decimals: 0) == "-13")
    // Beyond Int64 at the scale: exact digits, never "inf" for a finite value.
    #expect(DecimalText.format(1e20, decimals: 2) == "100000000000000000000.00")
    #expect(DecimalText.format(-1e20, decimals: 6) == "-100000000000000000000.000000")
    #expect(DecimalText.format(9_007_199_254_740_993.0, decimals: 6) == "9007199254740992.000000")
    #expect(DecimalText.format(12_345_678_901.25, decimals: 9) == "12345678901.250000000")
    #expect(DecimalText.format(0x1p70, decimals: 0) == "1180591620717411303424")
    #expect(DecimalText.format(.infinity, decimals: 2) == "inf")
    #expect(DecimalText.format(.nan, decimals: 2) == "NaN")
  }

  /// Generated values across the magnitudes agree with the exact text Foundation's %f gives
  /// wherever a value has no tie at the last decimal (whole numbers and values beyond 2^53).
  @Test func largeValuesHaveTheirExactDigits() {
    var generator = Xoshiro256StarStar(seed: 5)
    for _ in 0..<500 {
      let exponent = Double(generator.next() % 250) + 10
      let value = (1 + Double(generator.next() >> 11) / Double(1 << 53)) * pow(2, exponent)
      let whole = value.rounded(.towardZero)
      #expect(DecimalText.format(whole, decimals: 3) == String(format: "%.3f", whole), "\(whole)")
    }
  }
}

@Suite struct GroupedNumberTests {
  @Test func groupsWholeKronor() {
    #expect(GroupedNumber.kronor(Money(ore: 123_456_750)) == "1 234 568")
    #expect(GroupedNumber.kronor(Money(ore: -50)) == "-1")
    #expect(GroupedNumber.kronor(Money(ore: -49)) == "0")
    #expect(GroupedNumber.kronor(Money(ore: 0)) == "0")
    #expect(GroupedNumber.kronor(Money(kronor: 999)) == "999")
    #expect(GroupedNumber.kronor(Money(kronor: -1000)) == "-1 000")
  }
}

@Suite struct EditDistanceTests {
  @Test func countsSwapsAsOneEdit() {
    #expect(NameSuggestion.distance("titel", "title") == 1)
    #expect(NameSuggestion.distance("yeras", "years") == 1)
    #expect(NameSuggestion.distance("kitten", "sitting") == 3)
    #expect(NameSuggestion.distance("", "abc") == 3)
    #expect(NameSuggestion.distance("Kommun", "kommun") == 0)
  }
}

@Suite struct TrimmingTests {
  @Test func trimsUnicodeWhiteSpace() {
    #expect("  58 800\t".trimmed == "58 800")
    #expect("\u{00A0}Göteborg\n".trimmed == "Göteborg")
    #expect("   ".trimmed == "")
    #expect("x".trimmed == "x")
    #expect(" å ".trimmed == "å")
  }
}

@Suite struct SuggestionBoundsTests {
  @Test func longNamesGetNoHintAndTakeNoTime() {
    let long = String(repeating: "x", count: 1 << 20)
    #expect(NameSuggestion.closest(to: long, among: ["formaner.aktivitetsstod.dag"]) == nil)
    #expect(NameSuggestion.closest(to: "tittle", among: ["title", "a-much-longer-name"]) == "title")
  }
}
