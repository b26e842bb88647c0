import EmporiumCore
import EmporiumSQL
import EmporiumTesting
import Foundation
import Testing

@Suite("Contract: catalog search")
struct SearchContractTests {
    @Test("a name match ranks above a description match; inactive products never appear", arguments: Backend.available)
    func relevance(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let inName = try await shop.product("Wireless Headphones", description: "Over-ear, 30 hours.")
            let inDescription = try await shop.product("Travel Case", description: "Fits most wireless headphones.")
            _ = try await shop.product("Desk Lamp", description: "Warm light.")
            var hidden = try await shop.product("Wireless Headphones Pro", description: "Discontinued.")
            hidden.isActive = false
            try await shop.storage.products.update(hidden)
            let page = try await shop.storage.products.search(ProductQuery(text: "wireless headphones"))
            #expect(page.items.map(\.id) == [inName.id, inDescription.id])
            #expect(page.nextCursor == nil)
            let stemmed = try await shop.storage.products.search(ProductQuery(text: "headphone"))
            #expect(stemmed.items.count == 2, "stemming matches the singular")
        }
    }

    @Test(
        "relevance: every word in name or brand first, then better rated first, across pages and both plans",
        arguments: Backend.available
    )
    func relevanceTiers(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let plain = try await shop.product("Trail Tent", description: "Sleeps two.")
            let loved = try await shop.product("Family Tent", description: "Sleeps six.")
            let branded = try await shop.product("Dome", description: "Sleeps four.", brand: "Tent Works")
            let mentioned = try await shop.product("Ground Sheet", description: "Fits under any tent.")
            let praised = try await shop.product("Tent Pegs Bag", description: "Holds tent pegs.")
            let alsoMentioned = try await shop.product("Mallet", description: "Drives tent pegs home.")
            _ = try await shop.product("Stove", description: "Boils water.")
            try await shop.review(loved, rating: 5)
            try await shop.review(praised, rating: 4)
            try await shop.review(alsoMentioned, rating: 3)
            let expected =
                [loved.id, praised.id] + [plain.id, branded.id].sorted(by: >) + [alsoMentioned.id, mentioned.id]
            // Pages of two cross from the name tier into the description tier. Every plan, on either database,
            // gives the same pages: counting sends all to the rating index, a walk of one row to the text index.
            let plannings: [TextPlanning?] = [
                nil, .countingFirst(upTo: 1), .walkingFirst(rows: 1), .walkingFirst(rows: 100),
            ]
            for planning in plannings {
                let repository = SQLProductRepository(database: database, textPlanning: planning)
                let seen = try await allPages(of: repository) { try ProductQuery(text: "tent", cursor: $0, limit: 2) }
                #expect(seen.map(\.id) == expected)
            }
            let pegs = try await shop.storage.products.search(ProductQuery(text: "tent pegs"))
            #expect(
                pegs.items.map(\.id) == [praised.id, alsoMentioned.id],
                "all words in the name beat the description"
            )
        }
    }

    @Test("a category listing merges its subcategories in key order, page by page", arguments: Backend.available)
    func categoryListing(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let home = try await shop.category("Home")
            let kitchen = try await shop.category("Kitchen", parent: home)
            let garden = try await shop.category("Garden", parent: home)
            var added: [Product] = []
            for index in 0..<11 {
                let category = [home, kitchen, garden][index % 3]
                added.append(
                    try await shop.product("Thing \(index)", price: Int64(100 * (index % 4)), category: category)
                )
            }
            _ = try await shop.product("Elsewhere", price: 0)
            let seen = try await allPages(of: shop.storage.products) {
                try ProductQuery(categoryID: home.id, sort: .priceDescending, cursor: $0, limit: 4)
            }
            let order = added.sorted { ($0.price.amount, $0.id) > ($1.price.amount, $1.id) }
            #expect(seen.map(\.id) == order.map(\.id))
        }
    }

    @Test("filters: category with its descendants, price range, in stock", arguments: Backend.available)
    func filters(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let electronics = try await shop.category("Electronics")
            let audio = try await shop.category("Audio", parent: electronics)
            let books = try await shop.category("Books")
            let speaker = try await shop.product("Speaker", price: 5_000, stock: 3, category: audio)
            let radio = try await shop.product("Radio", price: 2_000, stock: 0, category: electronics)
            _ = try await shop.product("Novel", price: 1_500, category: books)
            let products = shop.storage.products
            let inElectronics = try await products.search(
                ProductQuery(categoryID: electronics.id, sort: .priceAscending)
            )
            #expect(inElectronics.items.map(\.id) == [radio.id, speaker.id])
            let inStock = try await products.search(ProductQuery(categoryID: electronics.id, inStockOnly: true))
            #expect(inStock.items.map(\.id) == [speaker.id])
            let cheap = try await products.search(
                ProductQuery(minPrice: 1_000, maxPrice: 2_000, sort: .priceDescending)
            )
            #expect(cheap.items.map(\.name) == ["Radio", "Novel"])
        }
    }

    @Test("keyset pages cover every product once, in order, for every sort", arguments: Backend.available)
    func pagination(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            var added: [Product] = []
            for index in 0..<23 {
                // Repeated prices and ages make ties that the id must break.
                let product = try await shop.product(
                    "Mug \(index)",
                    description: "A mug for tea.",
                    price: Int64(500 + (index % 5) * 100),
                    addedSecondsAgo: index % 7
                )
                added.append(product)
            }
            for sort in ProductSort.allCases {
                let text: String? = sort == .relevance ? "mug" : nil
                let seen = try await allPages(of: shop.storage.products) {
                    try ProductQuery(text: text, sort: sort, cursor: $0, limit: 5)
                }
                #expect(Set(seen.map(\.id)) == Set(added.map(\.id)), "\(sort)")
                #expect(seen.count == added.count, "\(sort): no product twice")
                if sort == .priceAscending { #expect(seen.map(\.price.amount) == seen.map(\.price.amount).sorted()) }
                if sort == .newest { #expect(seen.map(\.createdAt) == seen.map(\.createdAt).sorted(by: >)) }
            }
        }
    }

    @Test("the limit is clamped and a cursor from another sort is refused")
    func queryValidation() throws {
        #expect(try ProductQuery(limit: 10_000).limit == ProductQuery.maxLimit)
        #expect(try ProductQuery(limit: 0).limit == 1)
        let cursor = SearchCursor(sort: .newest, key: .integer(1), productID: Identifier())
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(sort: .priceAscending, cursor: cursor) }
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(sort: .relevance) }
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(minPrice: 500, maxPrice: 100) }
        #expect(throws: DomainError(.invalidInput, "")) { try SearchCursor(token: "garbage") }
    }
}

/// Every page of a search, following each next cursor through its text token, as a client would.
private func allPages(
    of products: any ProductRepository,
    _ query: (SearchCursor?) throws -> ProductQuery
) async throws -> [Product] {
    var seen: [Product] = []
    var cursor: SearchCursor?
    repeat {
        let page = try await products.search(query(cursor))
        seen += page.items
        cursor = try page.nextCursor.map { try SearchCursor(token: $0.token) }
    } while cursor != nil
    return seen
}
