import Foundation

/// Rewrites localized timestamp text that Java writes in other locales (WebLogic's `.out` and old
/// server logs, formats.md §7.1) into a form the scanner reads:
/// `2014/03/16 18時59分24秒 JST` (ja), `2022. 2. 21 오후 3시 47분 07초 GMT+09:00` (ko),
/// `10 juin 2010 15 h 20 CEST` (fr). Tried only when a timestamp does not read as written.
enum LocalizedTimestamp {
  static let frenchMonths: [(String, String)] = [
    ("janvier", "Jan"), ("janv.", "Jan"), ("février", "Feb"), ("févr.", "Feb"), ("mars", "Mar"), ("avril", "Apr"),
    ("avr.", "Apr"), ("mai", "May"), ("juin", "Jun"), ("juillet", "Jul"), ("juil.", "Jul"), ("août", "Aug"),
    ("septembre", "Sep"), ("sept.", "Sep"), ("octobre", "Oct"), ("oct.", "Oct"), ("novembre", "Nov"),
    ("nov.", "Nov"), ("décembre", "Dec"), ("déc.", "Dec"),
  ]

  /// The rewritten text, or nil when there is nothing localized to rewrite.
  static func rewrite(_ text: String) -> String? {
    var s = text
    var changed = false
    // Japanese and Chinese: 18時59分24秒, 2014年3月16日
    if s.contains("時") || s.contains("时") || s.contains("年") {
      for (a, b) in [("年", "-"), ("月", "-"), ("日", " "), ("時", ":"), ("时", ":"), ("分", ":"), ("秒", "")] {
        s = s.replacingOccurrences(of: a, with: b)
      }
      changed = true
    }
    // Korean: 2022. 2. 21 오후 3시 47분 07초
    if s.contains("시") {
      var meridiem = ""
      if s.contains("오후") { meridiem = " PM" }
      if s.contains("오전") { meridiem = " AM" }
      s = s.replacingOccurrences(of: "오후 ", with: "").replacingOccurrences(of: "오전 ", with: "")
      s = s.replacingOccurrences(of: "시 ", with: ":").replacingOccurrences(of: "분 ", with: ":")
      if let r = s.range(of: "초") { s.replaceSubrange(r, with: meridiem) }
      changed = true
    }
    if s.contains(". "), let first = s.first, first.isNumber {
      // `2022. 2. 21 3:47:07` → `2022-2-21 3:47:07`
      let parts = s.components(separatedBy: ". ")
      if parts.count >= 3, parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber) {
        s = parts[0] + "-" + parts[1] + "-" + parts[2...].joined(separator: ". ")
        changed = true
      }
    }
    // French: month names, `15 h 20`
    let lower = s.lowercased()
    for (fr, en) in frenchMonths {
      if let r = lower.range(of: " " + fr + " ") {
        let start = s.index(s.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.lowerBound))
        let end = s.index(start, offsetBy: fr.count + 2)
        s.replaceSubrange(start..<end, with: " " + en + " ")
        changed = true
        break
      }
    }
    if let r = s.range(of: #"(\d) h (\d\d)"#, options: .regularExpression) {
      let sub = s[r]
      s.replaceSubrange(r, with: sub.replacingOccurrences(of: " h ", with: ":"))
      changed = true
    }
    return changed && s != text ? s.trimmingCharacters(in: .whitespaces) : nil
  }
}
