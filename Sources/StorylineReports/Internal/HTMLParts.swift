import Crypto
import Foundation
import StorylineCore

/// What the HTML template needs besides the report model: the swimlane SVG, the inline style
/// and script, the Content-Security-Policy that allows exactly those two, and the filter choices.
enum HTMLParts {
  static func build(_ model: ReportModel, page: PrintedPage? = nil) -> [String: Any] {
    let css = HTMLAssets.css + (page?.css ?? "")
    let js = HTMLAssets.script
    let csp =
      "default-src 'none'; style-src '\(hash(css))'; script-src '\(hash(js))'; img-src 'none'; "
      + "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    let kinds = Set(model.digest.kinds.keys.map(\.rawValue))
    let people = model.digest.people
    return [
      "svg": SwimlaneSVG(model: model).render(),
      "css": css,
      "js": js,
      "csp": csp,
      "filter_kinds": kinds.sorted().map { ["value": $0, "label": $0.replacingOccurrences(of: "_", with: " ")] },
      "filter_people": people.map { ["value": $0] },
      "filter_sources": model.t.sources.enumerated().map { ["value": $0.offset + 1, "label": $0.element.path] },
    ]
  }

  /// A CSP source expression for an inline block: `sha256-` and the base64 digest of its text.
  static func hash(_ s: String) -> String {
    "sha256-" + Data(SHA256.hash(data: Data(s.utf8))).base64EncodedString()
  }
}
