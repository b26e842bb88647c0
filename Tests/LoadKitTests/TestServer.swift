import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoadKit
import Synchronization

/// A small server for the generator's tests: quick answers, a login that hands out tokens, a page that needs
/// one, the `traceparent` it got, and a page that stalls for one second at set moments (a pause the whole
/// server takes, as in a garbage collection).
enum TestServer {
    /// Seconds after the first request at which `/stall` pauses, and for how long.
    struct Stalls: Sendable {
        var at: [Double] = []
        var length: Double = 1
    }

    final class Clock: Sendable {
        private let first = Mutex<ContinuousClock.Instant?>(nil)

        /// Seconds since the first request.
        func elapsed() -> Double {
            let now = ContinuousClock.now
            let start = first.withLock { value in
                if value == nil { value = now }
                return value!
            }
            return (now - start).seconds
        }
    }

    static func router(stalls: Stalls = Stalls()) -> Router<BasicRequestContext> {
        let router = Router()
        let clock = Clock()
        router.get("/ok") { _, _ in "ok" }
        router.post("/login") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(string: #"{"access_token":"t-\#(UUID().uuidString)","items":[{"id":42}]}"#)
                )
            )
        }
        router.get("/whoami") { request, _ -> Response in
            guard request.headers[.authorization]?.hasPrefix("Bearer t-") == true else {
                return Response(status: .unauthorized)
            }
            return Response(status: .ok)
        }
        router.get("/term") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: ##"{"term":"wireless earbuds ü\"#1","path":"/echo?x=1"}"##))
            )
        }
        router.get("/echo") { request, _ in request.uri.description }
        router.get("/trace") { request, _ in request.headers[HTTPField.Name("traceparent")!] ?? "none" }
        router.get("/stall") { _, _ -> String in
            let now = clock.elapsed()
            if let stall = stalls.at.first(where: { now >= $0 && now < $0 + stalls.length }) {
                try await Task.sleep(for: .seconds(stall + stalls.length - now))
            }
            return "ok"
        }
        return router
    }

    /// Runs `body` with the base URL of a live server.
    static func with<Result: Sendable>(
        stalls: Stalls = Stalls(),
        _ body: @escaping @Sendable (String) async throws -> Result
    ) async throws -> Result {
        try await Application(router: router(stalls: stalls)).test(.live) { client in
            try await body("http://localhost:\(client.port!)")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Progress the tests ignore.
struct SilentProgress: LoadKit.ProgressOutput {
    func update(_ snapshot: LoadKit.ProgressSnapshot) {}
    func finish() {}
}
