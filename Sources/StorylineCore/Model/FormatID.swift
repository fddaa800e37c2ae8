/// A format's identity: the id a case file names (`format: weblogic`) and output cites.
///
/// Compared as a value, never as free text: each format Storyline reads has a constant here,
/// and ``FormatRegistry`` holds the format for each.
public struct FormatID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  public static func < (a: FormatID, b: FormatID) -> Bool { a.rawValue < b.rawValue }

  public static let smsBackupXML = FormatID(rawValue: "sms-backup-xml")
  public static let androidMessages = FormatID(rawValue: "android-mmssms")
  public static let androidCallLog = FormatID(rawValue: "android-calllog")
  public static let iosMessages = FormatID(rawValue: "ios-messages")
  public static let iosCallHistory = FormatID(rawValue: "ios-callhistory")
  public static let googleVoice = FormatID(rawValue: "google-voice")
  public static let callCSV = FormatID(rawValue: "call-csv")
  public static let whatsapp = FormatID(rawValue: "whatsapp")
  public static let email = FormatID(rawValue: "email")
  public static let qq = FormatID(rawValue: "qq")
  public static let slack = FormatID(rawValue: "slack")
  public static let alertmanager = FormatID(rawValue: "alertmanager")
  public static let pagerduty = FormatID(rawValue: "pagerduty")
  public static let opsgenie = FormatID(rawValue: "opsgenie")
  public static let weblogic = FormatID(rawValue: "weblogic")
  public static let w3cExtended = FormatID(rawValue: "w3c-extended")
  public static let journald = FormatID(rawValue: "journald")
  public static let jsonLines = FormatID(rawValue: "json-lines")
  public static let logcat = FormatID(rawValue: "logcat")
  public static let apacheError = FormatID(rawValue: "apache-error")
  public static let java = FormatID(rawValue: "java")
  public static let syslog = FormatID(rawValue: "syslog")
  public static let accessLog = FormatID(rawValue: "access-log")
  public static let notes = FormatID(rawValue: "notes")
  public static let timestamped = FormatID(rawValue: "timestamped")
}
