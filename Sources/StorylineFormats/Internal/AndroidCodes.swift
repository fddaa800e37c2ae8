import StorylineCore

/// Android's telephony codes, which SMS Backup & Restore copies as they are and Android's own
/// databases hold: message boxes (`sms.type`, `pdu.msg_box`) and call types (`calls.type`).
enum AndroidCodes {
  /// What a message box says about a message.
  struct Message {
    /// Sent by the device's owner (else received by them).
    var outgoing: Bool
    var outcome: Outcome
    /// `received`, `sent`, `draft`, `outbox`, `failed`, `queued`.
    var state: String
  }

  /// What a call type says about a call.
  struct Call {
    /// Placed by someone else to the device's owner (else by the owner).
    var incoming: Bool
    var outcome: Outcome
    /// Direction-neutral words, so that the two ends' records of one call read alike.
    var text: String
    /// `incoming`, `outgoing`, `missed`, `voicemail`, `rejected`, `blocked`, `answered elsewhere`.
    var state: String
  }

  /// 1 received, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued; nil for anything else.
  static func message(box: Int) -> Message? {
    switch box {
    case 1: Message(outgoing: false, outcome: .completed, state: "received")
    case 2: Message(outgoing: true, outcome: .completed, state: "sent")
    case 3: Message(outgoing: true, outcome: .draft, state: "draft")
    case 4: Message(outgoing: true, outcome: .queued, state: "outbox")
    case 5: Message(outgoing: true, outcome: .failed, state: "failed")
    case 6: Message(outgoing: true, outcome: .queued, state: "queued")
    default: nil
    }
  }

  /// 1 incoming, 2 outgoing (0 s: not connected), 3 missed, 4 voicemail, 5 rejected, 6 blocked,
  /// 7 answered on another device; nil for anything else.
  static func call(type: Int, duration: Int) -> Call? {
    let length =
      duration > 0 ? ", " + SignedDuration.describe(microseconds: Int64(duration) * 1_000_000, signed: false) : ""
    switch type {
    case 1: return Call(incoming: true, outcome: .completed, text: "answered" + length, state: "incoming")
    case 2:
      return duration > 0
        ? Call(incoming: false, outcome: .completed, text: "answered" + length, state: "outgoing")
        : Call(incoming: false, outcome: .unanswered, text: "not connected", state: "outgoing")
    case 3: return Call(incoming: true, outcome: .missed, text: "missed", state: "missed")
    case 4: return Call(incoming: true, outcome: .voicemail, text: "voicemail" + length, state: "voicemail")
    case 5: return Call(incoming: true, outcome: .rejected, text: "rejected", state: "rejected")
    case 6: return Call(incoming: true, outcome: .blocked, text: "blocked", state: "blocked")
    case 7:
      return Call(
        incoming: true, outcome: .completed, text: "answered on another device" + length, state: "answered elsewhere")
    default: return nil
    }
  }

  /// Whether a call's number is hidden: empty, `-1`, `-2`, or presentation 2 (restricted) / 3 (unknown).
  static func isWithheld(number: String, presentation: Int) -> Bool {
    number.isEmpty || number == "-1" || number == "-2" || presentation == 2 || presentation == 3
  }
}
