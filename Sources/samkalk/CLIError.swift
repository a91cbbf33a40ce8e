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

/// Writes text to standard output or standard error without buffering surprises.
enum FileHandleOutput {
  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}

import Foundation
