import StorylineCore

/// Every format Storyline reads, in sniffing order (most specific first).
public enum FormatRegistry {
  public static let all: [any EvidenceFormat] = [
    SMSBackupFormat(),
    AndroidMessagesFormat(),
    AndroidCallLogFormat(),
    IOSMessagesFormat(),
    IOSCallHistoryFormat(),
    GoogleVoiceFormat(),
    CallCSVFormat(),
    WhatsAppFormat(),
    EmailFormat(),
    QQFormat(),
    SlackFormat(),
    AlertmanagerFormat(),
    PagerDutyFormat(),
    OpsgenieFormat(),
    WebLogicFormat(),
    W3CExtendedLogFormat(),
    JournaldFormat(),
    JSONLinesFormat(),
    LogcatFormat(),
    ApacheErrorFormat(),
    JavaLogFormat(),
    SyslogFormat(),
    AccessLogFormat(),
    NotesFormat(),
    TimestampedLogFormat(),
  ]

  /// The format with this id.
  public static func format(id: FormatID) -> (any EvidenceFormat)? { all.first { $0.id == id } }

  /// The first format whose sniffing rule matches.
  public static func sniff(_ probe: SniffProbe) -> (any EvidenceFormat)? { all.first { $0.sniff(probe) } }
}
