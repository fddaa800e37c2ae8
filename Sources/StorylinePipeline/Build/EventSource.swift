import StorylineCore

/// One input of the merge: the sources read whole, or a streamed log.
enum EventSource: IteratorProtocol {
  case events(IndexingIterator<[Event]>)
  case log(LogCursor)

  mutating func next() -> Event? {
    switch self {
    case .events(var it):
      let e = it.next()
      self = .events(it)
      return e
    case .log(let c): return c.next()
    }
  }
}
