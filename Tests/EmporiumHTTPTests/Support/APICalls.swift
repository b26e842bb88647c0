import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A response with its body read as JSON.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    /// `error.code` of an error answer.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    /// `error.details.field` of an error answer.
    var errorField: String? { ((json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String }
    /// `items` of a list answer.
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    /// `id` of an entity answer.
    var id: String { json["id"] as? String ?? "" }
}

/// A signed-in user of a test.
struct Session: Sendable {
    let userID: String
    let email: String
    let accessToken: String
    let refreshToken: String
}

extension TestShop {
    /// Sends a request; `json` is encoded with JSONSerialization, `body` is sent as it is.
    func call(
        _ method: HTTPRequest.Method,
        _ path: String,
        json: [String: Any]? = nil,
        body: String? = nil,
        token: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let json {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let body {
            buffer = ByteBuffer(string: body)
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: buffer)
        return APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Registers a customer and signs in.
    func signUp(_ email: String = "shopper-\(UUID().uuidString.prefix(8).lowercased())@example.com") async throws
        -> Session
    {
        let password = "a long enough password"
        let registered = try await call(
            .post,
            "/api/v1/auth/register",
            json: ["email": email, "password": password, "name": "Shopper"]
        )
        #expect(registered.status == .created)
        return try await signIn(email, password: password)
    }

    /// Creates a user with a role directly in the store (as `emporium user create` does) and signs in.
    func user(_ role: Role) async throws -> Session {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.com"
        let password = "a long enough password"
        _ = try await UserAccounts(users: database.storage.users, hasher: BcryptPasswordHasher(cost: 4))
            .create(email: email, name: role.rawValue.capitalized, password: password, role: role)
        return try await signIn(email, password: password)
    }

    func signIn(_ email: String, password: String) async throws -> Session {
        let response = try await call(.post, "/api/v1/auth/login", json: ["email": email, "password": password])
        try #require(response.status == .ok, "login: \(response.text)")
        let me = try await call(.get, "/api/v1/users/me", token: response.json["access_token"] as? String)
        return Session(
            userID: me.id,
            email: email,
            accessToken: response.json["access_token"] as? String ?? "",
            refreshToken: response.json["refresh_token"] as? String ?? ""
        )
    }

    /// A seller's new product; returns its id.
    func product(
        by seller: Session,
        name: String = "Trail Headphones",
        price: Int = 2_500,
        stock: Int = 10
    ) async throws -> String {
        let response = try await call(
            .post,
            "/api/v1/products",
            json: [
                "sku": "SKU-\(UUID().uuidString.prefix(12))", "name": name, "description": "Closed-back, foldable.",
                "price": ["amount": price, "currency": "USD"], "stock": stock, "brand": "Acme",
            ],
            token: seller.accessToken
        )
        try #require(response.status == .created, "create product: \(response.text)")
        return response.id
    }

    /// Puts units of a product in the cart.
    func addToCart(_ session: Session, _ productID: String, quantity: Int = 1) async throws -> APIResponse {
        try await call(
            .post,
            "/api/v1/cart/items",
            json: ["product_id": productID, "quantity": quantity],
            token: session.accessToken
        )
    }

    /// Checks out the cart.
    func checkout(
        _ session: Session,
        key: String = UUID().uuidString,
        paymentMethod: String = "pm_card_visa",
        promoCode: String? = nil
    ) async throws -> APIResponse {
        var body: [String: Any] = [
            "payment_method": paymentMethod,
            "shipping_address": [
                "name": "Ada Lovelace", "line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH",
                "country": "GB",
            ],
        ]
        if let promoCode { body["promo_code"] = promoCode }
        return try await call(
            .post,
            "/api/v1/orders",
            json: body,
            token: session.accessToken,
            headers: [HTTPField.Name("Idempotency-Key")!: key]
        )
    }

    /// Adds a promo code taking `percent` off, valid from a minute ago for an hour.
    func addPromoCode(_ code: String, percent: Int) async throws {
        try await database.storage.promoCodes.insert(
            PromoCode(
                code: code,
                discount: .percent(basisPoints: percent * 100),
                validFrom: Date().addingTimeInterval(-60),
                validUntil: Date().addingTimeInterval(3_600)
            )
        )
    }

    /// A product's stock as the database has it: on hand and reserved.
    func stock(_ productID: String) async throws -> (onHand: Int, reserved: Int) {
        let product = try #require(try await database.storage.products.product(id: Identifier(productID)!))
        return (product.inventory.onHand, product.inventory.reserved)
    }
}
