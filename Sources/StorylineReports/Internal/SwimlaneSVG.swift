import Foundation
import StorylineAnalysis
import StorylineCore

/// The swimlane timeline as inline SVG: one lane per person and one per log source, on a time
/// axis in the case zone. One mark per event (its shape the kind; hollow when an attempt failed),
/// communications as arrows between lanes, each person's lane shaded from when they knew, the
/// incident window shaded, each escalation deadline a vertical line (red when missed), silences
/// hatched, log bursts as bars with their counts. Every positioned element carries its time
/// (`data-t`, or `data-ta`/`data-tb`) so the page's script can zoom; without script it is the
/// whole incident. All evidence text is escaped.
struct SwimlaneSVG {
  let model: ReportModel
  static let width = 1200.0
  static let left = 170.0
  static let right = 20.0
  static let top = 34.0
  static let laneHeight = 26.0

  struct Lane {
    var key: String
    var label: String
    var kind: String  // person, source, other
  }

  var t: Timeline { model.t }

  func lanes() -> [Lane] {
    var lanes = t.people.map { p in
      // `pm-a · project manager`; a label that already is the role (names redacted) once.
      let role = p.role?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      let label = role.isEmpty || p.id.hasPrefix(role) ? p.id : p.id + " · " + role
      return Lane(key: "p:" + p.id, label: label, kind: "person")
    }
    // A lane per paging service, its pages arrows from it (an acknowledgement closes them).
    for service in pagingServices {
      let label = model.tr("swim.paging_lane", ["service": service])
      lanes.append(Lane(key: "svc:" + service, label: label, kind: "service"))
    }
    // Every event that is not a log record or an alert is shown; log sources are known from all.
    let logSources = model.digest.logSources
    let others = t.events.contains { $0.kind != .log && $0.kind != .alert && laneKey($0) == "other" }
    if others { lanes.append(Lane(key: "other", label: model.tr("swim.others"), kind: "other")) }
    for s in logSources.sorted() {
      let path = t.sources[s].path
      lanes.append(Lane(key: "s:\(s)", label: (path as NSString).lastPathComponent, kind: "source"))
    }
    return lanes
  }

  /// The paging services that paged someone, in the order first seen.
  var pagingServices: [String] {
    var out: [String] = []
    for p in model.r?.paging?.people ?? [] { for s in p.services where !out.contains(s) { out.append(s) } }
    return out
  }

  func laneKey(_ e: Event) -> String {
    if e.kind == .log || e.kind == .alert { return "s:\(e.sourceIndex)" }
    if let service = e.attributes["paged_by"] { return "svc:" + service }
    if let p = e.from?.person { return "p:" + p }
    if e.from == nil, let owner = t.sources[safe: e.sourceIndex]?.owner { return "p:" + owner }
    return "other"
  }

  static func f(_ x: Double) -> String { String(format: "%.1f", x) }

  static func escape(_ s: String) -> String { HTMLText.escape(s) }

  /// Kind → mark shape, centred on 0,0.
  static func shape(_ k: EventKind) -> String {
    switch k {
    case .call: "M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0Z"
    case .sms, .mms, .message: "M-4,-4h8v8h-8Z"
    case .chat, .attachment: "M0,-5L5,0L0,5L-5,0Z"
    case .email: "M-5,4L0,-5L5,4Z"
    case .inPerson, .meeting: "M-1.5,-5h3v3.5h3.5v3h-3.5v3.5h-3v-3.5h-3.5v-3h3.5Z"
    case .note: "M-3,-5h6v10h-6Z"
    case .log, .alert, .system: "M-1.2,-7h2.4v14h-2.4Z"
    }
  }

  /// Where things go: the lanes, the time span and the plot's geometry.
  struct Frame {
    var lanes: [Lane]
    var laneIndex: [String: Int]
    var lo: Int64
    var hi: Int64
    var plot: Double { SwimlaneSVG.width - SwimlaneSVG.left - SwimlaneSVG.right }
    var bottom: Double { SwimlaneSVG.top + Double(lanes.count) * SwimlaneSVG.laneHeight }
    func x(_ micros: Int64) -> Double { SwimlaneSVG.left + Double(micros - lo) / Double(hi - lo) * plot }
    func y(_ lane: Int) -> Double { SwimlaneSVG.top + (Double(lane) + 0.5) * SwimlaneSVG.laneHeight }
  }

  /// The lanes and the span: every event, the start and every deadline, padded by 2%.
  func frame() -> Frame {
    let lanes = lanes()
    let r = model.r
    var lo = model.digest.first?.instant.microseconds ?? 0
    var hi = model.digest.lastMoment?.instant.microseconds ?? 1
    if let s = r?.started?.instant.microseconds { lo = min(lo, s) }
    if let d = r?.steps.map(\.deadline.microseconds).max() { hi = max(hi, d) }
    if hi <= lo { hi = lo + 60_000_000 }
    let pad = (hi - lo) / 50
    return Frame(
      lanes: lanes, laneIndex: Dictionary(uniqueKeysWithValues: lanes.enumerated().map { ($1.key, $0) }),
      lo: lo - pad, hi: hi + pad)
  }

  /// The whole SVG, layer by layer from the back: lanes, incident window, knowledge, silences,
  /// axis, deadlines, bursts, communications, marks.
  func render() -> String {
    let fr = frame()
    var s = header(fr) + lanes(fr)
    s += "<g class=\"plot\">\n"
    s += incidentWindow(fr) + knowledge(fr) + pageWindows(fr) + silences(fr)
    s += axis(lo: fr.lo, hi: fr.hi, x: fr.x, bottom: fr.bottom)
    s += deadlines(fr) + bursts(fr) + communications(fr) + marks(fr)
    s +=
      "</g>\n<rect id=\"brush\" class=\"brush\" x=\"0\" y=\"\(SwimlaneSVG.f(SwimlaneSVG.top))\" width=\"0\" height=\"\(SwimlaneSVG.f(fr.bottom - SwimlaneSVG.top))\"/>\n"
    s += "</svg>"
    return s
  }

  /// The `<svg>` element, its title and the shared definitions (hatching, arrow head).
  private func header(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let height = fr.bottom + 8
    var s = ""
    s +=
      "<svg id=\"swimlane\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(SwimlaneSVG.width)) \(f(height))\" "
    s += "role=\"img\" aria-labelledby=\"swimlane-title\" data-lo=\"\(fr.lo)\" data-hi=\"\(fr.hi)\" "
    s += "data-left=\"\(f(SwimlaneSVG.left))\" data-plot=\"\(f(fr.plot))\">\n"
    s +=
      "<title id=\"swimlane-title\">"
      + model.tr("swim.title", ["events": "\(model.digest.eventCount)", "lanes": "\(fr.lanes.count)"]) + "</title>\n"
    s +=
      "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
    s += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line\"/></pattern>"
    s +=
      "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">"
    s += "<path d=\"M0,0L10,5L0,10Z\" class=\"arrow-head\"/></marker></defs>\n"
    return s
  }

  /// A band per lane with its label.
  private func lanes(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    var s = ""
    for (k, lane) in fr.lanes.enumerated() {
      let y0 = SwimlaneSVG.top + Double(k) * SwimlaneSVG.laneHeight
      s +=
        "<rect class=\"lane lane-\(lane.kind)\(k % 2 == 1 ? " odd" : "")\" x=\"0\" y=\"\(f(y0))\" width=\"\(f(SwimlaneSVG.width))\" height=\"\(f(SwimlaneSVG.laneHeight))\"/>"
      s += "<text class=\"lane-label\" x=\"6\" y=\"\(f(fr.y(k) + 4))\">\(esc(String(lane.label.prefix(28))))</text>\n"
    }
    return s
  }

  /// The incident from its start to its resolution (or the last event).
  private func incidentWindow(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    let r = model.r
    var s = ""
    if let started = r?.started?.instant.microseconds {
      let end = r?.resolved?.instant.microseconds ?? (model.digest.lastMoment?.instant.microseconds ?? started)
      s +=
        "<rect class=\"incident\" data-ta=\"\(started)\" data-tb=\"\(end)\" x=\"\(f(fr.x(started)))\" y=\"\(f(SwimlaneSVG.top))\" "
      s +=
        "width=\"\(f(max(1, fr.x(end) - fr.x(started))))\" height=\"\(f(fr.bottom - SwimlaneSVG.top))\"><title>\(esc(model.tr(r?.resolved == nil ? "swim.incident_open" : "swim.incident", ["time": model.clock(Instant(microseconds: started))])))</title></rect>\n"
    }
    return s
  }

  /// Each person's lane shaded from when they knew.
  private func knowledge(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    let r = model.r
    var s = ""
    for p in r?.people ?? [] {
      guard let at = p.knewAt?.microseconds, let k = fr.laneIndex["p:" + p.id] else { continue }
      let y0 = SwimlaneSVG.top + Double(k) * SwimlaneSVG.laneHeight + 3
      s +=
        "<rect class=\"knew\" data-ta=\"\(at)\" data-tb=\"\(fr.hi)\" x=\"\(f(fr.x(at)))\" y=\"\(f(y0))\" width=\"\(f(max(0, fr.x(fr.hi) - fr.x(at))))\" "
      s +=
        "height=\"\(f(SwimlaneSVG.laneHeight - 6))\"><title>\(esc(model.tr("swim.knew", ["person": p.id, "time": model.stamp(Instant(microseconds: at), p.uncertaintyMicros)])))</title></rect>\n"
    }
    return s
  }

  /// Each paged person's lane barred from their first page to their acknowledgement (or, never
  /// acknowledged, to when they learned otherwise, else their last page).
  private func pageWindows(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    var s = ""
    for p in model.r?.paging?.people ?? [] {
      guard let k = fr.laneIndex["p:" + p.id] else { continue }
      let a = p.firstPage.microseconds
      // Never acknowledged: open until they learned otherwise, else their last page.
      let knew = model.r?.people.first { $0.id == p.id }?.knewAt
      let b = (p.acknowledgedAt ?? max(p.lastPage, knew ?? p.lastPage)).microseconds
      let y = fr.y(k) + SwimlaneSVG.laneHeight / 2 - 5
      let what =
        p.acknowledgedAt.map { model.tr("swim.acknowledged", ["time": model.clock($0)]) }
        ?? model.tr("swim.never_acknowledged", ["time": model.clock(p.lastPage)])
      s +=
        "<rect class=\"paging\(p.acknowledgedAt == nil ? " unacked" : "")\" data-ta=\"\(a)\" data-tb=\"\(b)\" x=\"\(f(fr.x(a)))\" y=\"\(f(y))\" "
      s +=
        "width=\"\(f(max(1, fr.x(b) - fr.x(a))))\" height=\"3\"><title>\(esc(model.tr(p.pages == 1 ? "swim.paged_once" : "swim.paged", ["person": p.id, "n": "\(p.pages)", "time": model.clock(p.firstPage), "what": what])))</title></rect>\n"
    }
    return s
  }

  /// Silences hatched across the people's lanes.
  private func silences(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    let r = model.r
    var s = ""
    let peopleLanes = fr.lanes.filter { $0.kind == "person" }.count
    for x0 in r?.silences ?? [] {
      let a = x0.start.microseconds
      let b = x0.end.microseconds
      s +=
        "<rect class=\"silence\" fill=\"url(#hatch)\" data-ta=\"\(a)\" data-tb=\"\(b)\" x=\"\(f(fr.x(a)))\" y=\"\(f(SwimlaneSVG.top))\" "
      s += "width=\"\(f(max(1, fr.x(b) - fr.x(a))))\" height=\"\(f(Double(peopleLanes) * SwimlaneSVG.laneHeight))\">"
      s +=
        "<title>\(esc(model.tr("swim.silence", ["from": model.clock(x0.start), "to": model.clock(x0.end), "length": model.span(x0.micros)])))</title></rect>\n"
    }
    return s
  }

  /// Each step's deadline, met or missed.
  private func deadlines(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    let r = model.r
    var s = ""
    for (k, st) in (r?.steps ?? []).enumerated() {
      let d = st.deadline.microseconds
      let cls = st.status == .onTime ? "met" : "missed"
      s +=
        "<line class=\"deadline \(cls)\" data-t=\"\(d)\" x1=\"\(f(fr.x(d)))\" x2=\"\(f(fr.x(d)))\" y1=\"\(f(SwimlaneSVG.top - 6))\" y2=\"\(f(fr.bottom))\">"
      s +=
        "<title>\(esc(model.tr("swim.deadline", ["step": "\(k + 1)", "time": model.clock(st.deadline), "people": st.notify.joined(separator: ", "), "status": model.tr("step_status.\(st.status.rawValue)")])))</title></line>\n"
    }
    return s
  }

  /// Log bursts as bars, a count label only where it does not overlap the one before it in its lane.
  private func bursts(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    var s = ""
    var labelEnds: [Int: Double] = [:]
    for b in model.digest.bursts {
      guard let k = fr.laneIndex["s:\(b.sourceIndex)"] else { continue }
      let a = b.first.instant.microseconds
      let z = b.last.instant.microseconds
      let sev = (b.severity ?? .info) >= .error ? " error" : ""
      s +=
        "<rect class=\"burst\(sev)\" data-ta=\"\(a)\" data-tb=\"\(z)\" x=\"\(f(fr.x(a)))\" y=\"\(f(fr.y(k) - 9))\" width=\"\(f(max(2, fr.x(z) - fr.x(a))))\" height=\"18\">"
      s +=
        "<title>\(esc(model.tr("swim.burst", ["n": "\(b.count)", "from": model.clock(b.first.instant), "to": model.clock(b.last.instant)])))\(esc(String(b.template.prefix(160))))</title></rect>"
      let label = "×\(b.count)"
      if fr.x(a) > labelEnds[k, default: -1] {
        labelEnds[k] = fr.x(a) + 2 + Double(label.count) * 6
        s +=
          "<text class=\"burst-count\" data-t=\"\(a)\" x=\"\(f(fr.x(a) + 2))\" y=\"\(f(fr.y(k) - 11))\">\(label)</text>"
      }
      s += "\n"
    }
    return s
  }

  /// Arrows from the sender's lane to each recipient's.
  private func communications(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    var s = ""
    for e in t.events where e.kind.isCommunication {
      guard let from = fr.laneIndex[laneKey(e)] else { continue }
      let failed = !(e.outcome ?? .completed).passesNews
      for p in e.to {
        guard let person = p.person, let to = fr.laneIndex["p:" + person], to != from else { continue }
        let m = e.instant.microseconds
        let y1 = fr.y(from) + (to > from ? 5 : -5)
        let y2 = fr.y(to) + (to > from ? -6 : 6)
        s +=
          "<line class=\"comm\(failed ? " failed" : "")\" data-t=\"\(m)\" x1=\"\(f(fr.x(m)))\" x2=\"\(f(fr.x(m)))\" y1=\"\(f(y1))\" y2=\"\(f(y2))\" marker-end=\"url(#arrow)\"/>\n"
      }
    }
    return s
  }

  /// One mark per event, its shape the kind, hollow for a failed attempt.
  private func marks(_ fr: Frame) -> String {
    let f = SwimlaneSVG.f
    let esc = SwimlaneSVG.escape
    var s = ""
    for e in t.events {
      guard let k = fr.laneIndex[laneKey(e)] else { continue }
      let m = e.instant.microseconds
      let failed = e.kind.isCommunication && !(e.outcome ?? .completed).passesNews
      var title = "\(model.timeCell(e)) \(model.kindCell(e))"
      if let from = e.from?.display { title += " \(from)" }
      if !e.to.isEmpty { title += " → " + e.to.map(\.display).joined(separator: ", ") }
      if !e.text.isEmpty { title += ": " + ReportModel.short(e.text, 300) }
      title += " [\(e.source.citation)]"
      s +=
        "<path class=\"mark k-\(e.kind.rawValue)\(failed ? " hollow" : "")\" data-id=\"\(esc(e.id))\" data-t=\"\(m)\" data-y=\"\(f(fr.y(k)))\" "
      s +=
        "tabindex=\"0\" d=\"\(SwimlaneSVG.shape(e.kind))\" transform=\"translate(\(f(fr.x(m))) \(f(fr.y(k))))\"><title>\(esc(title))</title></path>\n"
    }
    return s
  }

  /// Ticks at a round step giving 6–14 labels, in the case zone's wall-clock time.
  func axis(lo: Int64, hi: Int64, x: (Int64) -> Double, bottom: Double) -> String {
    let minute: Int64 = 60_000_000
    let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map { $0 * minute }
    let span = hi - lo
    let step: Int64 = steps.first { span / $0 <= 14 } ?? steps[steps.count - 1]
    var s = ""
    // Align to the step in local time.
    let offset = Int64(t.zone.offset(at: Instant(microseconds: lo))) * 1_000_000
    let firstStep: Int64 = (lo + offset) / step + 1
    var tick: Int64 = firstStep * step - offset
    var lastDay: CivilDate? = nil
    while tick < hi {
      let i = Instant(microseconds: tick)
      let day = TimestampFormatter.localDate(i, in: t.zone)
      var label = TimestampFormatter.wallClock(i, in: t.zone, seconds: false)
      if day != lastDay {
        if lastDay != nil || step >= 1440 * minute { label = "\(day.month)/\(day.day) " + label }
        lastDay = day
      }
      s +=
        "<line class=\"tick\" data-t=\"\(tick)\" x1=\"\(SwimlaneSVG.f(x(tick)))\" x2=\"\(SwimlaneSVG.f(x(tick)))\" y1=\"\(SwimlaneSVG.f(SwimlaneSVG.top - 4))\" y2=\"\(SwimlaneSVG.f(bottom))\"/>"
      s +=
        "<text class=\"tick-label\" data-t=\"\(tick)\" x=\"\(SwimlaneSVG.f(x(tick)))\" y=\"\(SwimlaneSVG.f(SwimlaneSVG.top - 10))\">\(label)</text>\n"
      tick += step
    }
    return s
  }
}

extension Array {
  subscript(safe k: Int) -> Element? { k >= 0 && k < count ? self[k] : nil }
}
