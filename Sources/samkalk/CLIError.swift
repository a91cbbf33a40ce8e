import ArgumentParser
import SamkalkCore

/// Prints diagnostics to standard error, one `FILE:LINE:COL: severity: MESSAGE` per line.
enum DiagnosticPrinter {
  static func print(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      FileHandleOutput.standardError(diagnostic.description + "\n")
    }
  }
}

/// Writes text to standard output or standard error without buffering surprises. Titles,
/// ids and messages come from users' files: characters that would act on a terminal (escape
/// sequences, C1 controls, right-to-left overrides) are written as visible escapes
/// (``UntrustedText/escapedForTerminal(_:)``).
enum FileHandleOutput {
  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(UntrustedText.escapedForTerminal(text).utf8))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(UntrustedText.escapedForTerminal(text).utf8))
  }
}

import Foundation
