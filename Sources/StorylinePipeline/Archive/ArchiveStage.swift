/// A step of writing or verifying an archive, as its progress names it (``CaseArchive/Progress``).
public enum ArchiveStage: String, Sendable {
  /// The evidence read for the analysis and the reports shown whole (HTML).
  case reading
  /// The HTML report printed to PDF by headless Chromium (told at its start, 0 of 1, and its
  /// end, 1 of 1).
  case printing
  /// The evidence read again for the reports of every event (JSON, Markdown).
  case writing
  /// The case, the evidence and the reports compressed into the archive.
  case packing
  /// Every file of an archive hashed against its manifest.
  case hashing
  /// The archived case and evidence taken out to rebuild the reports from.
  case extracting
}
