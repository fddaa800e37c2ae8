/// Normalizes phone numbers to E.164 (`+8613800000001`) so that one number written many ways
/// (`138 0000 0001`, `+86 138-0000-0001`, `008613800000001`) resolves to one person.
public enum PhoneNumber {
  /// Country calling codes for the regions a case's `phone_region` may name.
  public static let callingCodes: [String: String] = [
    "US": "1", "CA": "1", "CN": "86", "HK": "852", "MO": "853", "TW": "886", "JP": "81", "KR": "82",
    "SG": "65", "MY": "60", "IN": "91", "PK": "92", "BD": "880", "TH": "66", "VN": "84", "PH": "63",
    "ID": "62", "AU": "61", "NZ": "64", "GB": "44", "IE": "353", "FR": "33", "DE": "49", "NL": "31",
    "BE": "32", "ES": "34", "IT": "39", "PT": "351", "CH": "41", "AT": "43", "SE": "46", "NO": "47",
    "DK": "45", "FI": "358", "PL": "48", "CZ": "420", "RU": "7", "UA": "380", "TR": "90", "IL": "972",
    "AE": "971", "SA": "966", "ZA": "27", "NG": "234", "KE": "254", "EG": "20", "BR": "55", "AR": "54",
    "MX": "52", "CL": "56", "CO": "57",
  ]

  /// The E.164 form, or nil when the text is not a phone number (a short code, a word).
  public static func normalize(_ text: String, region: String?) -> String? {
    var digits = ""
    var plus = false
    for (i, ch) in text.unicodeScalars.enumerated() {
      if ch == "+" && digits.isEmpty && !plus && i < 3 {
        plus = true
      } else if ch.value >= 48 && ch.value <= 57 {
        digits.unicodeScalars.append(ch)
      } else if ch == " " || ch == "-" || ch == "." || ch == "(" || ch == ")" || ch == "/" || ch == "\u{A0}"
        || ch == "\u{202A}" || ch == "\u{202C}"
      {
        continue
      } else {
        return nil
      }
    }
    guard digits.count >= 7, digits.count <= 15 else { return nil }
    if plus { return "+" + digits }
    if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
    let code = region.flatMap { callingCodes[$0.uppercased()] }
    guard let code else { return digits.count >= 10 ? "+" + digits : nil }
    if code == "1" {
      if digits.count == 11 && digits.hasPrefix("1") { return "+" + digits }
      if digits.count == 10 { return "+1" + digits }
      return nil
    }
    if digits.hasPrefix(code) && digits.count >= code.count + 8 { return "+" + digits }
    if digits.hasPrefix("0") { return "+" + code + digits.dropFirst() }
    return "+" + code + digits
  }
}
