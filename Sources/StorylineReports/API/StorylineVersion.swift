/// The tool's version, written into reports.
public enum StorylineVersion {
  public static let current = "0.1.0"
}
