import FoundationEssentials

/// Generates the demo catalog deterministically: the same seed and index always give the same product, with the
/// same id, sku, name, price, stock and reviews, so seeding twice writes nothing new.
///
/// ```swift
/// let generator = CatalogGenerator()
/// let first = generator.item(0)     // sku EMP-0000001, in one of the leaf categories
/// ```
public struct CatalogGenerator: Sendable {
    /// A product with the reviews written for it (already counted in its rating).
    public struct Item: Sendable {
        public var product: Product
        public var reviews: [Review]
    }

    /// How many reviewer accounts the reviews come from.
    public static let reviewerCount = 50
    /// When the first seeded product was added; product `n` is `n` seconds younger.
    static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    public let seed: UInt64
    /// The category tree, roots first.
    public let categories: [Category]
    /// The accounts that wrote the seeded reviews; they have no password and cannot log in.
    public let reviewers: [User]
    private let leaves: [(category: Category, leaf: CatalogVocabulary.Leaf)]

    /// Creates a generator.
    public init(seed: UInt64 = 2_026) {
        self.seed = seed
        var random = SeedRandom(seed: seed)
        var categories: [Category] = []
        var leaves: [(Category, CatalogVocabulary.Leaf)] = []
        for (rootName, rootLeaves) in CatalogVocabulary.tree {
            let root = Category(id: Identifier(random.uuid()), name: rootName, slug: Self.slug(rootName), parentID: nil)
            categories.append(root)
            for leaf in rootLeaves {
                let child = Category(
                    id: Identifier(random.uuid()),
                    name: leaf.name,
                    slug: Self.slug(leaf.name),
                    parentID: root.id
                )
                categories.append(child)
                leaves.append((child, leaf))
            }
        }
        self.categories = categories
        self.leaves = leaves
        self.reviewers = (1...Self.reviewerCount).map { number in
            User(
                id: Identifier(random.uuid()),
                email: try! EmailAddress("reviewer-\(number)@seed.emporium.test"),
                name: "Reviewer \(number)",
                role: .customer,
                passwordHash: "!",
                createdAt: Self.epoch
            )
        }
    }

    /// The product at a position of the catalog (0-based) and its reviews.
    public func item(_ index: Int) -> Item {
        var random = SeedRandom(seed: seed, item: index)
        let (category, leaf) = random.pick(leaves)
        let brand = random.pick(CatalogVocabulary.brands)
        let adjective = random.pick(CatalogVocabulary.adjectives)
        let noun = random.pick(leaf.nouns)
        let model = 100 + Int(random.next() % 900)
        let span = UInt64(leaf.priceRange.upperBound - leaf.priceRange.lowerBound)
        // Prices end in 99 cents, as shops like them.
        let price = (leaf.priceRange.lowerBound + Int64(random.next() % span)) / 100 * 100 + 99
        let onHand = random.next() % 10 == 0 ? 0 : Int(random.next() % 500)
        let id = Identifier<Product>(random.uuid())
        let createdAt = Self.epoch.addingTimeInterval(Double(index))
        let reviews = makeReviews(for: id, random: &random, at: createdAt)
        let product = Product(
            id: id,
            sku: Self.sku(index),
            name: "\(brand) \(adjective) \(noun) \(model)",
            description: describe(brand: brand, adjective: adjective, random: &random),
            price: Money(price, .usd),
            categoryID: category.id,
            brand: brand,
            attributes: ["colour": random.pick(CatalogVocabulary.colours), "model": "\(model)"],
            inventory: Inventory(onHand: onHand),
            rating: Rating(count: reviews.count, sum: reviews.reduce(0) { $0 + $1.rating }),
            createdAt: createdAt
        )
        return Item(product: product, reviews: reviews)
    }

    private func describe(brand: String, adjective: String, random: inout SeedRandom) -> String {
        let count = 2 + Int(random.next() % 3)
        return (0..<count).map { _ in
            let details = CatalogVocabulary.Details(
                brand: brand,
                adjective: adjective.lowercased(),
                colour: random.pick(CatalogVocabulary.colours),
                material: random.pick(CatalogVocabulary.materials)
            )
            return random.pick(CatalogVocabulary.sentences)(details)
        }.joined(separator: " ")
    }

    /// One product in eight has one to five reviews, from distinct reviewers, mostly positive.
    private func makeReviews(for productID: Identifier<Product>, random: inout SeedRandom, at date: Date) -> [Review] {
        guard random.next() % 8 == 0 else { return [] }
        let count = 1 + Int(random.next() % 5)
        let first = Int(random.next() % UInt64(reviewers.count))
        return (0..<count).map { offset in
            let rating = [5, 5, 4, 4, 4, 3, 2, 1][Int(random.next() % 8)]
            return Review(
                id: Identifier(random.uuid()),
                productID: productID,
                userID: reviewers[(first + offset) % reviewers.count].id,
                rating: rating,
                title: rating >= 4 ? "Recommended" : "Could be better",
                body: rating >= 4 ? "Does what it says." : "Not quite what I expected.",
                verifiedPurchase: false,
                createdAt: date
            )
        }
    }

    /// `EMP-0000001` for the first product.
    static func sku(_ index: Int) -> String {
        let digits = String(index + 1)
        return "EMP-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    private static func slug(_ name: String) -> String {
        name.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }
}
