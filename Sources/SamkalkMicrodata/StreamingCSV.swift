import Dispatch
import Foundation
import SamkalkCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the bytes of a follow-up file come from: a file descriptor read in chunks, or bytes
/// in memory (tests, small inputs).
enum ByteSource {
  case descriptor(Int32)
  case bytes([UInt8])

  /// Reads up to `count` bytes into `buffer` from `position` (for `.bytes`); 0 at the end.
  func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, position: Int) throws(DiagnosticError) -> Int {
    switch self {
    case .descriptor(let descriptor):
      while true {
        let result = systemRead(descriptor, buffer, count)
        if result >= 0 { return result }
        if errno == EINTR { continue }
        throw DiagnosticError(
          .error("cannot read: \(String(cString: strerror(errno)))", at: SourceLocation(file: "input")))
      }
    case .bytes(let bytes):
      let available = min(count, bytes.count - position)
      guard available > 0 else { return 0 }
      bytes.withUnsafeBufferPointer { source in
        buffer.update(from: source.baseAddress! + position, count: available)
      }
      return available
    }
  }

  private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.read(descriptor, buffer, count)
    #else
      Darwin.read(descriptor, buffer, count)
    #endif
  }
}

/// Splits a byte stream into CSV records without copying them: a fixed buffer is refilled
/// chunk by chunk, and each complete record is handed to the caller as a pointer range.
///
/// The dialect rules are `SwedishCSV`'s: a UTF-8 byte-order mark is skipped; a record ends at
/// LF, CRLF or (when the header line ends with a lone CR) CR; a line break inside double quotes
/// belongs to the field; lines holding only spaces and tabs are skipped.
struct RecordScanner {
  private let source: ByteSource
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private let maxRecordBytes: Int
  private var start = 0
  private var end = 0
  private var position = 0
  private var atEnd = false
  private var terminator: UInt8 = UInt8(ascii: "\n")
  private var detected = false
  /// Bytes consumed so far, for progress.
  private(set) var consumed = 0
  /// The physical line of the next record.
  private(set) var line = 1
  private(set) var hadBOM = false
  /// Sees every byte read, once, in order (the input's SHA-256 without a second read).
  private let hasher: StreamHasher?

  init(source: ByteSource, chunkSize: Int, maxRecordBytes: Int = 16 << 20, hasher: StreamHasher? = nil) {
    self.source = source
    self.hasher = hasher
    self.capacity = max(chunkSize, 4096)
    self.maxRecordBytes = maxRecordBytes
    buffer = .allocate(capacity: capacity)
  }

  func deallocate() { buffer.deallocate() }

  private mutating func fill() throws(DiagnosticError) {
    if start > 0 {
      let live = end - start
      if live > 0 { buffer.update(from: buffer + start, count: live) }
      end = live
      start = 0
    }
    if end == capacity {
      guard capacity < maxRecordBytes else {
        throw DiagnosticError(
          .error(
            "a record longer than \(maxRecordBytes) bytes (an unclosed quote?)",
            at: SourceLocation(file: "input", line: line)))
      }
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      bigger.update(from: buffer, count: end)
      buffer.deallocate()
      buffer = bigger
      capacity *= 2
    }
    let count = try source.read(into: buffer + end, count: capacity - end, position: position)
    if count > 0 { hasher?.feed(UnsafeRawBufferPointer(start: buffer + end, count: count)) }
    position += count
    if count == 0 { atEnd = true }
    end += count
  }

  /// Calls `body` with each record (without its line end), the physical line it starts on and
  /// whether it holds a double quote. Blank lines are skipped.
  mutating func forEachRecord(
    _ body: (UnsafeBufferPointer<UInt8>, Int, Bool, Int) throws(DiagnosticError) -> Void
  ) throws(DiagnosticError) {
    let quote = UInt8(ascii: "\"")
    let carriageReturn = UInt8(ascii: "\r")
    while true {
      if !detected {
        try fill()
        while !atEnd && memchr(buffer, Int32(terminator), end) == nil
          && memchr(buffer, Int32(carriageReturn), end) == nil
        {
          try fill()
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
          start = 3
          hadBOM = true
        }
        if let cr = memchr(buffer + start, Int32(carriageReturn), end - start) {
          let index = buffer.distance(to: cr.assumingMemoryBound(to: UInt8.self))
          let lf = memchr(buffer + start, Int32(UInt8(ascii: "\n")), end - start)
          let lfIndex = lf.map { buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? Int.max
          if index < lfIndex && (index + 1 >= end || buffer[index + 1] != UInt8(ascii: "\n")) {
            terminator = carriageReturn
          }
        }
        consumed = start
        detected = true
      }
      // Find the end of the record that begins at `start`.
      var search = start
      var quotes = 0
      var hasQuote = false
      var lines = 1
      var recordEnd = -1
      while true {
        let remaining = end - search
        if remaining > 0, let hit = memchr(buffer + search, Int32(terminator), remaining) {
          let index = buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memchr(buffer + search, Int32(quote), index - search) != nil {
            hasQuote = true
            for offset in search..<index where buffer[offset] == quote { quotes += 1 }
          }
          if quotes % 2 == 0 {
            recordEnd = index
            break
          }
          lines += 1
          search = index + 1
          continue
        }
        if atEnd {
          if end > start {
            if memchr(buffer + search, Int32(quote), end - search) != nil { hasQuote = true }
            recordEnd = end
          }
          break
        }
        let offset = search - start
        try fill()
        search = start + offset
      }
      if recordEnd < 0 { return }
      var contentEnd = recordEnd
      if terminator != carriageReturn && contentEnd > start && buffer[contentEnd - 1] == carriageReturn {
        contentEnd -= 1
      }
      var blank = true
      for offset in start..<contentEnd where buffer[offset] != 32 && buffer[offset] != 9 {
        blank = false
        break
      }
      if !blank {
        try body(UnsafeBufferPointer(start: buffer + start, count: contentEnd - start), line, hasQuote, consumed)
      }
      line += lines
      let next = min(recordEnd + 1, end)
      consumed += next - start
      start = next
      if recordEnd == end && atEnd { return }
    }
  }
}

/// The fields of one record as byte ranges, trimmed of spaces and tabs, each with its offset in
/// the record (for its column). A class over fixed raw buffers whose hot path works on locals,
/// so that a row pays neither copy-on-write nor dynamic exclusivity checks.
///
/// It keeps `columns + 1` fields: a field beyond the header's columns is kept as the last one
/// (the first such non-blank field, for its column) and ``count`` still counts every field.
final class FieldSplitter {
  let starts: UnsafeMutablePointer<Int>
  let ends: UnsafeMutablePointer<Int>
  /// Offset of the field's first byte (the opening quote of a quoted field) in the record.
  let sourceOffsets: UnsafeMutablePointer<Int>
  let capacity: Int
  /// Every field of the record, also those beyond the capacity.
  private(set) var count = 0
  private var scratch: [UInt8] = []
  /// Problems of a quoted record: (offset in the record, message).
  private(set) var problems: [(Int, String)] = []

  init(columns: Int) {
    capacity = columns + 1
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
    sourceOffsets = .allocate(capacity: capacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    sourceOffsets.deallocate()
  }

  @inline(__always)
  private func add(_ start: Int, _ end: Int, _ source: Int, _ count: inout Int) {
    let last = capacity - 1
    if count < last || (count == last) || (count > last && ends[last] == starts[last]) {
      let slot = min(count, last)
      starts[slot] = start
      ends[slot] = end
      sourceOffsets[slot] = source
    }
    count += 1
  }

  /// At least the number of fields of `record`: its separators plus one (a separator inside
  /// quotes counts too, so the bound holds whatever the quoting). A splitter made with this many
  /// columns keeps every field of the record.
  static func maximumFieldCount(of record: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Int {
    var count = 1
    for byte in record where byte == separator { count += 1 }
    return count
  }

  /// Splits an unquoted record; fields point into the record itself.
  func split(_ record: UnsafeBufferPointer<UInt8>, separator: UInt8) {
    var count = 0
    defer { self.count = count }
    if !problems.isEmpty { problems.removeAll(keepingCapacity: true) }
    var fieldStart = 0
    let length = record.count
    var index = 0
    while true {
      while index < length && record[index] != separator { index += 1 }
      var a = fieldStart
      var b = index
      while a < b && (record[a] == 32 || record[a] == 9) { a += 1 }
      while b > a && (record[b - 1] == 32 || record[b - 1] == 9) { b -= 1 }
      add(a, b, fieldStart, &count)
      if index >= length { break }
      index += 1
      fieldStart = index
    }
  }

  /// Splits a record with double quotes (RFC 4180) into the scratch buffer; `withFields`
  /// receives the scratch bytes the ranges point into.
  func splitQuoted(_ record: UnsafeBufferPointer<UInt8>, separator: UInt8) {
    var count = 0
    defer { self.count = count }
    problems.removeAll(keepingCapacity: true)
    scratch.removeAll(keepingCapacity: true)
    let quote = UInt8(ascii: "\"")
    let length = record.count
    var index = 0
    while true {
      let source = index
      while index < length && (record[index] == 32 || record[index] == 9) { index += 1 }
      if index < length && record[index] == quote {
        let opening = index
        index += 1
        let fieldStart = scratch.count
        var closed = false
        while index < length {
          if record[index] == quote {
            if index + 1 < length && record[index + 1] == quote {
              scratch.append(quote)
              index += 2
              continue
            }
            closed = true
            index += 1
            break
          }
          scratch.append(record[index])
          index += 1
        }
        if !closed { problems.append((opening, "a quoted field is never closed")) }
        let fieldEnd = scratch.count
        while index < length && record[index] != separator {
          if record[index] != 32 && record[index] != 9 {
            problems.append((index, "text after the closing quote of a field"))
            while index < length && record[index] != separator { index += 1 }
            break
          }
          index += 1
        }
        var a = fieldStart
        var b = fieldEnd
        while a < b && (scratch[a] == 32 || scratch[a] == 9) { a += 1 }
        while b > a && (scratch[b - 1] == 32 || scratch[b - 1] == 9) { b -= 1 }
        add(a, b, opening, &count)
      } else {
        let fieldStart = scratch.count
        while index < length && record[index] != separator {
          scratch.append(record[index])
          index += 1
        }
        var a = fieldStart
        var b = scratch.count
        while a < b && (scratch[a] == 32 || scratch[a] == 9) { a += 1 }
        while b > a && (scratch[b - 1] == 32 || scratch[b - 1] == 9) { b -= 1 }
        add(a, b, source, &count)
      }
      if index >= length { break }
      index += 1
    }
  }

  /// Runs `body` with the bytes the field ranges point into.
  func withBase<R, E: Error>(
    quoted: Bool, record: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
  ) throws(E) -> R {
    if !quoted { return try body(record) }
    return try scratch.withUnsafeBufferPointer { (base) throws(E) -> R in try body(base) }
  }
}

/// Byte-level parsers with the project's number and date syntax.
enum ByteParse {
  private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

  /// A number as `SwedishCSV.parseNumber` reads it, from UTF-8 (or Windows-1252) bytes: an
  /// optional sign (`-`, `+` or U+2212), digits optionally grouped by spaces (space, no-break
  /// space, narrow no-break space; digits on both sides, before any decimal mark) and one
  /// decimal mark (`,` only when `allowComma`). The bytes are already trimmed.
  static func number(_ bytes: UnsafeBufferPointer<UInt8>, allowComma: Bool) -> Double? {
    let count = bytes.count
    guard count > 0 else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") {
      negative = true
      index = 1
    } else if bytes[0] == UInt8(ascii: "+") {
      index = 1
    } else if count >= 3 && bytes[0] == 0xE2 && bytes[1] == 0x88 && bytes[2] == 0x92 {
      negative = true
      index = 3
    }
    func isDigit(_ at: Int) -> Bool { at < count && bytes[at] >= 48 && bytes[at] <= 57 }
    // SwedishCSV.parseNumber's rule: with a decimal comma, a dot before three final digits after
    // a digit (`10.450`) is ambiguous.
    if allowComma && count >= 5 && bytes[count - 4] == UInt8(ascii: ".") && isDigit(count - 3) && isDigit(count - 2)
      && isDigit(count - 1) && (0..<(count - 4)).contains(where: isDigit)
    {
      return nil
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var sawDecimal = false
    var sawDigit = false
    var previousDigit = false
    while index < count {
      let byte = bytes[index]
      if byte >= 48 && byte <= 57 {
        if digits < 19 {
          mantissa = mantissa * 10 + UInt64(byte - 48)
          if mantissa != 0 || digits > 0 { digits += 1 }
          if sawDecimal { fractionDigits += 1 }
        } else {
          return slowNumber(bytes, allowComma: allowComma)
        }
        sawDigit = true
        previousDigit = true
        index += 1
        continue
      }
      var width = 0
      if byte == 32 || byte == 0xA0 {
        width = 1
      } else if byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0xA0 {
        width = 2
      } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF {
        width = 3
      }
      if width > 0 {
        guard !sawDecimal, previousDigit, isDigit(index + width) else { return nil }
        index += width
        previousDigit = false
        continue
      }
      if byte == UInt8(ascii: ".") || (byte == UInt8(ascii: ",") && allowComma) {
        guard !sawDecimal else { return nil }
        sawDecimal = true
        previousDigit = false
        index += 1
        continue
      }
      return nil
    }
    guard sawDigit else { return nil }
    guard mantissa < (1 << 53), fractionDigits <= 22 else { return slowNumber(bytes, allowComma: allowComma) }
    let value = Double(mantissa) / powers[fractionDigits]
    return negative ? -value : value
  }

  /// The exact path for long numbers: normalise to ASCII and let `Double(String)` round.
  private static func slowNumber(_ bytes: UnsafeBufferPointer<UInt8>, allowComma: Bool) -> Double? {
    var text: [UInt8] = []
    var index = 0
    if bytes.count >= 3 && bytes[0] == 0xE2 && bytes[1] == 0x88 && bytes[2] == 0x92 {
      text.append(UInt8(ascii: "-"))
      index = 3
    }
    while index < bytes.count {
      let byte = bytes[index]
      if (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") {
        text.append(byte)
      } else if byte == UInt8(ascii: ".") || (allowComma && byte == UInt8(ascii: ",")) {
        text.append(UInt8(ascii: "."))
      } else if byte == 0xE2 {
        index += 2
      } else if byte == 0xC2 {
        index += 1
      }
      index += 1
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
    return value
  }

  /// `YYYY-MM` as a month ordinal (year × 12 + month − 1).
  static func yearMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = digits(bytes, 0, 4),
      let month = digits(bytes, 5, 2), (1...12).contains(month)
    else { return nil }
    return year * 12 + month - 1
  }

  /// `YYYY-MM-DD`, a day that exists.
  static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
      (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year)
    else { return nil }
    return Day(year: year, month: month, day: day)
  }

  /// A whole number of exactly `count` decimal digits at `from`.
  static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
    var value = 0
    for index in from..<(from + count) {
      let byte = bytes[index]
      guard byte >= 48 && byte <= 57 else { return nil }
      value = value * 10 + Int(byte - 48)
    }
    return value
  }

  /// Text of a field: UTF-8 when valid, else Windows-1252 (as `SwedishCSV` decodes a file).
  static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, isUTF8: Bool) {
    if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
      scalars.append(Unicode.Scalar(value)!)
    }
    return (String(scalars), false)
  }

  private static let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// The 1-based line and column of byte `offset` of a record that starts on `line`, counting
  /// columns in characters (UTF-8 continuation bytes do not advance when the line is UTF-8).
  static func location(in record: UnsafeBufferPointer<UInt8>, offset: Int, line: Int) -> (line: Int, column: Int) {
    var lineNumber = line
    var lineStart = 0
    for index in 0..<min(offset, record.count) where record[index] == 10 || record[index] == 13 {
      if record[index] == 13 && index + 1 < record.count && record[index + 1] == 10 { continue }
      lineNumber += 1
      lineStart = index + 1
    }
    let prefix = UnsafeBufferPointer(rebasing: record[lineStart..<min(offset, record.count)])
    if String(validating: prefix, as: UTF8.self) != nil {
      return (lineNumber, prefix.reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) })
    }
    return (lineNumber, prefix.count + 1)
  }
}

/// SHA-256 of a byte stream, computed on a background queue while the reader parses (the two
/// cores work at once); at most four chunks wait, so memory stays bounded.
final class StreamHasher: @unchecked Sendable {
  private var hasher = SHA256.Hasher()
  private let queue = DispatchQueue(label: "samkalk.followup.sha256")
  private let slots = DispatchSemaphore(value: 4)

  /// Copies the bytes and hashes them in the background, in the order fed.
  func feed(_ bytes: UnsafeRawBufferPointer) {
    let chunk = [UInt8](bytes)
    slots.wait()
    queue.async {
      self.hasher.update(chunk)
      self.slots.signal()
    }
  }

  /// Waits for the queued chunks and returns the digest as 64 hexadecimal digits.
  func finish() -> String {
    queue.sync { hasher.finalizeHex() }
  }
}
