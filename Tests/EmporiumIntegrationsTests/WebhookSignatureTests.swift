import EmporiumCore
import EmporiumIntegrations
import Foundation
import Testing

@Suite("Stripe webhook signatures")
struct WebhookSignatureTests {
    static let body = Array(#"{"id":"evt_vector","type":"payment_intent.succeeded"}"#.utf8)
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("the signature matches one computed with Python's hmac module for the same secret, time and body")
    func knownVector() throws {
        let signature = StripeWebhookSignature(secret: "whsec_test_vector")
        // python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_vector', b'1700000000.' + body, hashlib.sha256).hexdigest())"
        let expected = "t=1700000000,v1=18222237a81ea713d221f6040b852a80bea871cef68ccd6316b13b83e818b205"
        #expect(signature.header(for: Self.body, at: Self.time) == expected)
        try signature.verify(payload: Self.body, signatureHeader: expected, at: Self.time.addingTimeInterval(299))
    }

    @Test("any matching v1 is enough (secret rotation); other schemes and spaces are ignored")
    func severalSignatures() throws {
        let signature = StripeWebhookSignature(secret: "whsec_new")
        let valid = signature.header(for: Self.body, at: Self.time).split(separator: ",")[1]
        let header = "t=1700000000, v0=abc, v1=\(String(repeating: "0", count: 64)), \(valid)"
        try signature.verify(payload: Self.body, signatureHeader: header, at: Self.time)
    }

    @Test("refused: too old, from the future, another secret, a changed body, no header, no v1")
    func refusals() {
        let signature = StripeWebhookSignature(secret: "whsec_test_vector")
        let header = signature.header(for: Self.body, at: Self.time)
        let cases: [(payload: [UInt8], header: String?, at: Date)] = [
            (Self.body, header, Self.time.addingTimeInterval(301)),
            (Self.body, header, Self.time.addingTimeInterval(-301)),
            (Self.body, StripeWebhookSignature(secret: "whsec_other").header(for: Self.body, at: Self.time), Self.time),
            (Self.body + [32], header, Self.time),
            (Self.body, nil, Self.time),
            (Self.body, "t=1700000000", Self.time),
            (Self.body, "t=soon,v1=18222237", Self.time),
        ]
        for (payload, header, at) in cases {
            #expect(throws: DomainError(.invalidSignature, "")) {
                try signature.verify(payload: payload, signatureHeader: header, at: at)
            }
        }
    }
}
