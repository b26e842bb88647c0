import Testing

@testable import Telemetry

@Suite("W3C trace context parsing")
struct TraceContextTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test("a valid traceparent parses and formats back unchanged")
    func roundTrip() throws {
        let parent = try #require(TraceParent(header: Self.valid))
        #expect(parent.traceID.hexString == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(parent.parentID.hexString == "00f067aa0ba902b7")
        #expect(parent.flags.isSampled)
        #expect(parent.headerValue == Self.valid)
    }

    @Test("surrounding spaces and tabs are tolerated")
    func whitespace() {
        #expect(TraceParent(header: " \t\(Self.valid)\t ") != nil)
    }

    @Test(
        "invalid traceparent headers are rejected",
        arguments: [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",  // short
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",  // version 00 must be exactly 55
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // uppercase
            "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",  // wrong separator
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // non-hex version
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",  // non-hex trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",  // non-hex flags
            "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.extra",  // future version, no dash after flags
            // two traceparent headers, joined as HTTP joins repeated fields
            "\(valid), \(valid)",
        ]
    )
    func invalid(header: String) {
        #expect(TraceParent(header: header) == nil)
    }

    @Test("a higher version is accepted when its known fields parse")
    func futureVersion() throws {
        let parent = try #require(
            TraceParent(header: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds")
        )
        #expect(parent.headerValue == Self.valid)
        #expect(TraceParent(header: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") != nil)
    }

    @Test("unknown flag bits are accepted and only the sampled bit is propagated")
    func flags() throws {
        let parent = try #require(TraceParent(header: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09"))
        #expect(parent.flags.isSampled)
        #expect(parent.headerValue.hasSuffix("-01"))
    }

    @Test("tracestate keeps members in order and trims optional whitespace")
    func traceState() throws {
        let state = try #require(TraceState(header: "rojo=00f067aa0ba902b7 ,\tcongo=t61rcWkgMzE, ,tenant@vendor=x"))
        #expect(state.members.map(\.key) == ["rojo", "congo", "tenant@vendor"])
        #expect(state.headerValue == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x")
    }

    @Test(
        "invalid tracestate headers are discarded whole",
        arguments: [
            "Rojo=1",  // uppercase key
            "rojo=1,rojo=2",  // duplicate key
            "rojo",  // no value
            "rojo=a,b",  // member without =
            "rojo=a=b",  // = in value
            "rojo=del\u{7F}char",  // non-printable character in value
            "@vendor=1",  // empty tenant
            "tenant@=1",  // empty system
            "tenant@vendorwaytoolong=1",  // system id over 14 characters
            String(repeating: "a", count: 257) + "=1",  // key over 256
        ]
    )
    func invalidTraceState(header: String) {
        #expect(TraceState(header: header) == nil)
    }

    @Test("tracestate allows 32 members and refuses 33")
    func memberLimit() {
        let members = (0..<33).map { "k\($0)=v" }
        #expect(TraceState(header: members.prefix(32).joined(separator: ",")) != nil)
        #expect(TraceState(header: members.joined(separator: ",")) == nil)
    }

    @Test("keys and values at their length limits are accepted")
    func lengthLimits() {
        let key = "a" + String(repeating: "b", count: 255)
        let value = String(repeating: "v", count: 256)
        #expect(TraceState(header: "\(key)=\(value)") != nil)
        #expect(TraceState(header: "\(key)=\(value)v") == nil)
    }
}
