/// A node of the category tree ("Electronics" › "Audio" › "Headphones").
public struct Category: Sendable, Hashable, Codable, Identifiable {
    public var id: Identifier<Category>
    public var name: String
    /// URL-friendly unique name.
    public var slug: String
    /// `nil` for a root category.
    public var parentID: Identifier<Category>?

    /// Creates a category.
    public init(id: Identifier<Category> = .init(), name: String, slug: String, parentID: Identifier<Category>?) {
        self.id = id
        self.name = name
        self.slug = slug
        self.parentID = parentID
    }
}
