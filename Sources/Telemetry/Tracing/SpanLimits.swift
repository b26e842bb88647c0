/// Bounds on what one span keeps, per the OpenTelemetry SDK; what is over a bound is dropped and counted.
public struct SpanLimits: Sendable, Equatable {
    public var attributeCount: Int
    public var eventCount: Int
    public var linkCount: Int
    public var attributesPerEvent: Int
    public var attributesPerLink: Int
    /// Longer string attribute values are truncated; `nil` keeps them whole.
    public var attributeValueLength: Int?

    public init(
        attributeCount: Int = 128,
        eventCount: Int = 128,
        linkCount: Int = 128,
        attributesPerEvent: Int = 128,
        attributesPerLink: Int = 128,
        attributeValueLength: Int? = nil
    ) {
        self.attributeCount = attributeCount
        self.eventCount = eventCount
        self.linkCount = linkCount
        self.attributesPerEvent = attributesPerEvent
        self.attributesPerLink = attributesPerLink
        self.attributeValueLength = attributeValueLength
    }
}
