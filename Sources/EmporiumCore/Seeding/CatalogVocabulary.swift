/// The word lists the seeded catalog is made of: a category tree whose leaves carry product nouns and a price
/// range, and shared brands, adjectives and description sentences.
enum CatalogVocabulary {
    /// A leaf category: its nouns and typical price in minor units.
    struct Leaf {
        let name: String
        let nouns: [String]
        let priceRange: ClosedRange<Int64>
    }

    static let tree: [(root: String, leaves: [Leaf])] = [
        (
            "Electronics",
            [
                Leaf(name: "Headphones", nouns: ["Headphones", "Earbuds", "Headset"], priceRange: 1_999...39_999),
                Leaf(name: "Speakers", nouns: ["Speaker", "Soundbar", "Subwoofer"], priceRange: 2_999...79_999),
                Leaf(name: "Cameras", nouns: ["Camera", "Action Camera", "Lens"], priceRange: 9_999...199_999),
                Leaf(
                    name: "Phone Accessories",
                    nouns: ["Charger", "Phone Case", "Power Bank", "Cable"],
                    priceRange: 999...5_999
                ),
            ]
        ),
        (
            "Computers",
            [
                Leaf(name: "Laptops", nouns: ["Laptop", "Notebook", "Ultrabook"], priceRange: 49_999...299_999),
                Leaf(name: "Monitors", nouns: ["Monitor", "Display"], priceRange: 12_999...99_999),
                Leaf(name: "Keyboards and Mice", nouns: ["Keyboard", "Mouse", "Trackpad"], priceRange: 1_999...19_999),
            ]
        ),
        (
            "Home and Kitchen",
            [
                Leaf(
                    name: "Cookware",
                    nouns: ["Frying Pan", "Saucepan", "Dutch Oven", "Wok"],
                    priceRange: 1_999...24_999
                ),
                Leaf(
                    name: "Small Appliances",
                    nouns: ["Kettle", "Toaster", "Blender", "Coffee Maker"],
                    priceRange: 2_499...39_999
                ),
                Leaf(name: "Furniture", nouns: ["Chair", "Desk", "Bookshelf", "Lamp"], priceRange: 3_999...149_999),
            ]
        ),
        (
            "Sports and Outdoors",
            [
                Leaf(
                    name: "Camping",
                    nouns: ["Tent", "Sleeping Bag", "Backpack", "Headlamp"],
                    priceRange: 1_499...59_999
                ),
                Leaf(
                    name: "Fitness",
                    nouns: ["Yoga Mat", "Dumbbell", "Jump Rope", "Kettlebell"],
                    priceRange: 999...19_999
                ),
                Leaf(
                    name: "Cycling",
                    nouns: ["Bike Light", "Helmet", "Bike Lock", "Saddle"],
                    priceRange: 1_499...14_999
                ),
            ]
        ),
        (
            "Books",
            [
                Leaf(name: "Fiction", nouns: ["Novel", "Short Stories", "Thriller"], priceRange: 799...2_999),
                Leaf(
                    name: "Technology",
                    nouns: ["Programming Guide", "Handbook", "Field Manual"],
                    priceRange: 1_999...5_999
                ),
            ]
        ),
    ]

    static let brands = [
        "Acme", "Northwind", "Sonora", "Vertex", "Lumen", "Kestrel", "Halcyon", "Orbit", "Tundra", "Meridian",
        "Fjord", "Cobalt", "Juniper", "Solace", "Ember", "Atlas", "Nimbus", "Quill", "Sable", "Zephyr",
    ]

    static let adjectives = [
        "Wireless", "Compact", "Portable", "Classic", "Premium", "Ergonomic", "Lightweight", "Rugged", "Smart",
        "Foldable", "Stainless", "Quiet", "Adjustable", "Waterproof", "Vintage", "Modern", "Pro", "Ultra",
        "Eco", "Deluxe",
    ]

    static let colours = ["black", "white", "graphite", "navy", "forest green", "sand", "red", "silver"]

    /// The words a description sentence is made from.
    struct Details {
        let brand: String
        let adjective: String
        let colour: String
        let material: String
    }

    static let sentences: [@Sendable (Details) -> String] = [
        { "Built to last with a \($0.material) body and a two-year warranty." },
        { "Designed in \($0.colour) for everyday use at home or on the move." },
        { "Customers praise how \($0.adjective) and easy to set up it is." },
        { _ in "Ships in recyclable packaging within one business day." },
        { "Pairs well with other \($0.brand) products." },
        { _ in "Tested for thousands of hours before it reaches you." },
        { _ in "A favourite for gifts, with free returns within 30 days." },
    ]

    static let materials = ["aluminium", "recycled plastic", "steel", "bamboo", "oak", "carbon fibre"]
}
