/// What only the case's author knows, written in the case file under `incident:`: a summary,
/// the impact, the root cause, the actions taken or planned, and free sections. Reports render
/// it escaped like evidence: it is text, never markup.
public struct Narrative: Sendable, Equatable {
  /// Who and what was affected, and for how long.
  public struct Impact: Sendable, Equatable {
    public var affected: String?
    public var duration: String?
    public var description: String?

    public init(affected: String? = nil, duration: String? = nil, description: String? = nil) {
      self.affected = affected
      self.duration = duration
      self.description = description
    }
  }

  /// One follow-up action.
  public struct Action: Sendable, Equatable {
    /// Where an action stands.
    public enum Status: String, Sendable, CaseIterable {
      case open
      case inProgress = "in_progress"
      case done
      case dropped
    }

    public var text: String
    /// A person of the case (by id) or a name.
    public var owner: String?
    public var due: CivilDate?
    public var status: Status

    public init(text: String, owner: String? = nil, due: CivilDate? = nil, status: Status = .open) {
      self.text = text
      self.owner = owner
      self.due = due
      self.status = status
    }
  }

  /// A section of the author's own, its body in a small, safe subset of Markdown (paragraphs,
  /// lists, `###` headings, `**strong**`, `*emphasis*`, `` `code` ``).
  public struct Section: Sendable, Equatable {
    public var title: String
    public var body: String

    public init(title: String, body: String) {
      self.title = title
      self.body = body
    }
  }

  public var summary: String?
  public var impact: Impact?
  public var rootCause: String?
  public var actions: [Action]
  public var sections: [Section]

  public init(
    summary: String? = nil, impact: Impact? = nil, rootCause: String? = nil, actions: [Action] = [],
    sections: [Section] = []
  ) {
    self.summary = summary
    self.impact = impact
    self.rootCause = rootCause
    self.actions = actions
    self.sections = sections
  }

  /// Whether the case says none of it.
  public var isEmpty: Bool {
    summary == nil && impact == nil && rootCause == nil && actions.isEmpty && sections.isEmpty
  }

  /// Every text in it rewritten by `f` (a redaction), action owners by `owner`.
  public func mapText(_ f: (String) -> String, owner: (String) -> String) -> Narrative {
    Narrative(
      summary: summary.map(f),
      impact: impact.map {
        Impact(affected: $0.affected.map(f), duration: $0.duration.map(f), description: $0.description.map(f))
      },
      rootCause: rootCause.map(f),
      actions: actions.map { Action(text: f($0.text), owner: $0.owner.map(owner), due: $0.due, status: $0.status) },
      sections: sections.map { Section(title: f($0.title), body: f($0.body)) })
  }
}
