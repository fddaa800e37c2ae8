import StorylineCore
import StorylineFormats

/// What a merge read and wrote, per source, for the closing report on stderr.
public struct MergeSummary: Sendable {
  /// One source's accounting.
  public struct Source: Sendable {
    public var path: String
    public var format: String
    /// Records found (placed or rejected).
    public var records: Int
    /// Records written (after the filters).
    public var written: Int
    /// Records whose time could not be read, and lines before the first record: the first
    /// few in full, all counted and grouped by reason.
    public var rejections: RejectionLog
    public var rejected: [Rejection] { rejections.listed }
    public var rejectedCount: Int { rejections.count }
    public var warnings: [Diagnostic]
    /// Bytes read (decompressed).
    public var bytes: Int64
    /// Lines in no record, by reason.
    public var skippedLines: [SkippedLines] = []
  }
  public var sources: [Source]
  /// Records written earlier than a record already written (a source out of order by more
  /// than one batch): they are written where they were read.
  public var outOfOrder: Int
  public var written: Int
}
