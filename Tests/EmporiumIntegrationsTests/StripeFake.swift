import Foundation
import HTTPTypes
import Hummingbird

/// A local server that answers as Stripe's API documents it, for the parts the gateway uses: PaymentIntents
/// created and confirmed in one call (200, or 402 with a `card_error` for declines) and refunds, both
/// form-encoded, authenticated with a Bearer secret key and answered once per `Idempotency-Key`.
/// `pm_card_outage` answers 500, as Stripe does when it fails.
enum StripeFake {
    static let apiKey = "sk_test_emporium"

    /// What the fake saw.
    actor Ledger {
        var requests: [(path: String, form: [String: String], idempotencyKey: String?)] = []
        var answers: [String: (HTTPResponse.Status, String)] = [:]

        func record(_ path: String, _ form: [String: String], _ key: String?) {
            requests.append((path, form, key))
        }

        func answer(for key: String?, _ make: () -> (HTTPResponse.Status, String)) -> (HTTPResponse.Status, String) {
            if let key, let earlier = answers[key] { return earlier }
            let answer = make()
            if let key { answers[key] = answer }
            return answer
        }
    }

    static func router(ledger: Ledger) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/payment_intents") { request, context in
            try await handle(request, context, ledger, path: "payment_intents") { form in
                let id = "pi_fake_\(UUID().uuidString.prefix(12))"
                let intent =
                    #"{"id":"\#(id)","object":"payment_intent","amount":\#(form["amount"] ?? "0"),"currency":"\#(form["currency"] ?? "")","status":"%@","metadata":{"order_id":"\#(form["metadata[order_id]"] ?? "")"}}"#
                switch form["payment_method"] {
                case "pm_card_chargeDeclined":
                    let declined = String(format: intent, "requires_payment_method")
                    return (
                        HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"),
                        #"{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","payment_intent":\#(declined)}}"#
                    )
                case "pm_card_outage":
                    return (
                        .internalServerError,
                        #"{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}"#
                    )
                default:
                    return (.ok, String(format: intent, "succeeded"))
                }
            }
        }
        router.post("/v1/refunds") { request, context in
            try await handle(request, context, ledger, path: "refunds") { form in
                (
                    .ok,
                    #"{"id":"re_fake_\#(UUID().uuidString.prefix(12))","object":"refund","amount":\#(form["amount"] ?? "0"),"status":"succeeded"}"#
                )
            }
        }
        return router
    }

    private static func handle(
        _ request: Request,
        _ context: BasicRequestContext,
        _ ledger: Ledger,
        path: String,
        answer: @Sendable ([String: String]) -> (HTTPResponse.Status, String)
    ) async throws -> Response {
        guard request.headers[.authorization] == "Bearer \(apiKey)" else {
            return json(
                .unauthorized,
                #"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}"#
            )
        }
        guard request.headers[.contentType] == "application/x-www-form-urlencoded" else {
            return json(.badRequest, #"{"error":{"type":"invalid_request_error","message":"form encoding expected"}}"#)
        }
        let body = String(buffer: try await request.body.collect(upTo: 1 << 16))
        let form = Dictionary(
            body.split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            },
            uniquingKeysWith: { _, last in last }
        )
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        await ledger.record(path, form, key)
        let (status, text) = await ledger.answer(for: key) { answer(form) }
        return json(status, text)
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
