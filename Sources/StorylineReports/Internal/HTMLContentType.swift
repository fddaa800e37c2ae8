import Mustache

/// ``HTMLText``'s escaping as the templates' `HTML` content type, in place of Mustache's own:
/// one HTML escaping for the whole report, which also keeps control characters and
/// bidirectional overrides out of the values a template writes.
struct HTMLContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
