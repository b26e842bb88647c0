import EmporiumHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Access log")
struct AccessLogTests {
    @Test("each request is a JSON line: arrival time, method, path with query, route, status, duration, trace id")
    func lines() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try AccessLog(path: path)
        let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
        try await TestShop.run(accessLog: log) { shop in
            let traceparent = HTTPField.Name("traceparent")!
            try await shop.client.execute(
                uri: "/api/v1/products?q=lamp&limit=2",
                method: .get,
                headers: [traceparent: "00-\(traceID)-00f067aa0ba902b7-01"]
            ) { #expect($0.status == .ok) }
            try await shop.client.execute(uri: "/api/v1/orders", method: .get) { #expect($0.status == .unauthorized) }
            try await shop.client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"nobody@example.com","password":"a secret password"}"#)
            ) { #expect($0.status == .unauthorized) }
        }
        try log.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("a secret password"))
        let entries = try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(entries.map { $0["method"] as? String } == ["GET", "GET", "POST"])
        #expect(
            entries.map { $0["path"] as? String } == [
                "/api/v1/products?q=lamp&limit=2", "/api/v1/orders", "/api/v1/auth/login",
            ]
        )
        #expect(entries.map { $0["route"] as? String } == ["/api/v1/products", "/api/v1/orders", "/api/v1/auth/login"])
        #expect(entries.map { $0["status"] as? Int } == [200, 401, 401])
        #expect(entries[0]["trace_id"] as? String == traceID)
        #expect(entries.allSatisfy { ($0["duration_ms"] as? Double ?? -1) >= 0 })
        let time = try #require(entries[0]["time"] as? String)
        #expect(
            time.hasSuffix("Z") && (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(time)) != nil
        )
    }

    @Test("a log that cannot be created is refused with the reason")
    func unwritable() {
        #expect {
            _ = try AccessLog(path: "/nonexistent-directory/access.jsonl")
        } throws: { error in
            "\(error)" == "access log /nonexistent-directory/access.jsonl: cannot create it (does its directory exist?)"
        }
    }
}
