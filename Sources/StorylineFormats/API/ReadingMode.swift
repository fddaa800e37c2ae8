/// How a format's evidence is read: what `storyline formats` shows and `merge` relies on.
public enum ReadingMode: String, Sendable, CaseIterable {
  /// Line by line through the format's tokenizer: `build` and `merge` stream it in flat memory.
  case lines = "streams lines"
  /// Record by record from a streaming document parser (libxml2's reader, mbox): flat memory.
  case records = "streams records"
  /// Read whole (a chat or notes export, an HTML page): meant for files of a few megabytes; the
  /// reader caps the size it reads.
  case wholeFile = "reads the whole file"
  /// An SQLite database, read from a private copy, table by table.
  case database = "database"
  /// An export of many files, zipped or as a folder.
  case archive = "archive or folder"
}
