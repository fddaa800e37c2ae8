import ArgumentParser
import StorylineReports

extension Audience: ExpressibleByArgument {}
