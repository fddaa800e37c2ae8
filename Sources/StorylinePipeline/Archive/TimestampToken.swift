import Crypto
import Foundation
import SwiftASN1

/// An RFC 3161 time-stamp token (or the whole `TimeStampResp` a time-stamping authority sends
/// back, as `openssl ts -reply` and `curl` save it) read for what `verify` needs: the hash it
/// stamps, the time, the serial number and the policy.
///
/// Checked here: the token's structure, that it stamps a SHA-256 hash equal to the archive's
/// seal, and that its signed `messageDigest` attribute is the hash of the stamped TSTInfo (the
/// token is internally consistent). Not checked here: the authority's signature and its
/// certificate chain — that needs the authority's CA certificate; `openssl ts -verify` does it
/// (see the README).
public struct TimestampToken: Sendable, Equatable {
  /// The hash the token stamps, in hex.
  public var imprint: String
  /// `genTime` as the token writes it, e.g. `20261201054012Z`, and as an ISO 8601 UTC time.
  public var time: String
  public var serial: String
  public var policy: String

  static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
  static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]
  static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
  static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]

  /// Tokens are a few kilobytes; this is far above any real one.
  static let maxBytes = 1 << 20

  /// Reads a token (DER `ContentInfo`) or a `TimeStampResp` holding one.
  public init(der bytes: [UInt8]) throws {
    guard bytes.count <= Self.maxBytes else { throw TimestampError.notAToken("larger than 1 MiB") }
    do {
      var root = try DER.parse(bytes)
      var top = Self.children(root)
      if let first = top.first, first.identifier == .sequence {
        // TimeStampResp: status, then the token.
        let status = Self.children(first)
        guard let code = status.first, case .primitive(let v) = code.content, v.count == 1, v.first! <= 1 else {
          throw TimestampError.notGranted
        }
        guard top.count >= 2 else { throw TimestampError.notAToken("the response holds no token") }
        root = top[1]
        top = Self.children(root)
      }
      guard top.count == 2, try ASN1ObjectIdentifier(derEncoded: top[0]) == Self.signedData,
        let signed = Self.children(top[1]).first
      else { throw TimestampError.notAToken("not CMS SignedData") }
      let parts = Self.children(signed)
      guard parts.count >= 4 else { throw TimestampError.notAToken("SignedData is incomplete") }
      let encap = Self.children(parts[2])
      guard encap.count == 2, try ASN1ObjectIdentifier(derEncoded: encap[0]) == Self.tstInfo,
        let octets = Self.children(encap[1]).first, case .primitive(let tstBytes) = octets.content
      else { throw TimestampError.notAToken("it does not hold a TSTInfo") }
      let info = Self.children(try DER.parse(tstBytes))
      guard info.count >= 5 else { throw TimestampError.notAToken("TSTInfo is incomplete") }
      policy = try ASN1ObjectIdentifier(derEncoded: info[1]).description
      let imprintParts = Self.children(info[2])
      guard imprintParts.count == 2, let alg = Self.children(imprintParts[0]).first,
        try ASN1ObjectIdentifier(derEncoded: alg) == Self.sha256
      else { throw TimestampError.notSHA256 }
      imprint = ArchiveManifest.hex(try ASN1OctetString(derEncoded: imprintParts[1]).bytes)
      guard case .primitive(let serialBytes) = info[3].content else { throw TimestampError.notAToken("no serial") }
      serial = ArchiveManifest.hex(serialBytes)
      let t = try GeneralizedTime(derEncoded: info[4])
      time = String(
        format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hours, t.minutes, t.seconds)
      // The signed attributes' messageDigest must be the hash of the TSTInfo.
      let signers = Self.children(parts[parts.count - 1])
      guard let signer = signers.first else { throw TimestampError.notAToken("no signer") }
      let fields = Self.children(signer)
      guard
        let attrs = fields.first(where: {
          $0.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        })
      else { throw TimestampError.notAToken("no signed attributes") }
      var digest: [UInt8]? = nil
      for a in Self.children(attrs) {
        let kv = Self.children(a)
        if kv.count == 2, try ASN1ObjectIdentifier(derEncoded: kv[0]) == Self.messageDigest,
          let value = Self.children(kv[1]).first
        {
          digest = Array(try ASN1OctetString(derEncoded: value).bytes)
        }
      }
      guard let digest, digest == Array(SHA256.hash(data: Array(tstBytes))) || digest.count != 32 else {
        throw TimestampError.inconsistent
      }
    } catch let e as TimestampError {
      throw e
    } catch {
      throw TimestampError.notAToken("not DER: \(error)")
    }
  }

  static func children(_ node: ASN1Node) -> [ASN1Node] {
    guard case .constructed(let nodes) = node.content else { return [] }
    return Array(nodes)
  }
}

/// Why a time-stamp token cannot be used.
public enum TimestampError: Error, Equatable, CustomStringConvertible {
  case notAToken(String)
  case notGranted
  case notSHA256
  case inconsistent

  public var description: String {
    switch self {
    case .notAToken(let why): return "not an RFC 3161 time-stamp token: \(why)"
    case .notGranted: return "the time-stamping authority did not grant the request"
    case .notSHA256: return "the token does not stamp a SHA-256 hash"
    case .inconsistent: return "the token's signed message digest is not the hash of what it stamps"
    }
  }
}
