import Testing

@testable import SamkalkCore

@Suite struct UntrustedTextTests {
  @Test func nulPositionsCountLinesAndCharacters() {
    #expect(UntrustedText.firstNUL(in: Array("abc".utf8)) == nil)
    #expect(UntrustedText.firstNUL(in: [0]).map { [$0.line, $0.column] } == [1, 1])
    // "å" is two bytes and one character.
    #expect(UntrustedText.firstNUL(in: Array("ab\nå".utf8) + [0]).map { [$0.line, $0.column] } == [2, 2])
  }

  @Test func terminalEscapesWorkedTable() {
    #expect(UntrustedText.escapedForTerminal("Porten\t2016\n") == "Porten\t2016\n")
    #expect(UntrustedText.escapedForTerminal("\r[###   ]") == "\r[###   ]")
    #expect(UntrustedText.escapedForTerminal("a\u{1B}[31mb") == #"a\u{1B}[31mb"#)
    #expect(UntrustedText.escapedForTerminal("\u{7F}\u{85}\u{9F}") == #"\u{7F}\u{85}\u{9F}"#)
    #expect(UntrustedText.escapedForTerminal("x\u{202E}y\u{2066}\u{200F}") == #"x\u{202E}y\u{2066}\u{200F}"#)
    #expect(UntrustedText.escapedForTerminal("Åre – 5 % ≥ 3") == "Åre – 5 % ≥ 3")
  }
}
