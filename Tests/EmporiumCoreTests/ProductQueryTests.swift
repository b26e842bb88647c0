import EmporiumCore
import Testing

@Suite("Product queries")
struct ProductQueryTests {
    @Test("search terms are lower-cased words, each once, at most 16")
    func searchTerms() throws {
        #expect(try ProductQuery(text: "Camera, camera CAMERA lens!").searchTerms == ["camera", "lens"])
        #expect(try ProductQuery(text: "  ").searchTerms == [])
        let many = (1...20).map { "word\($0)" }.joined(separator: " ")
        #expect(try ProductQuery(text: many).searchTerms.count == 16)
    }

    @Test("a relevance sort needs text; prices must be ordered and not negative")
    func validation() {
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(text: "!!", sort: .relevance) }
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(minPrice: -1) }
        #expect(throws: DomainError(.invalidInput, "")) { try ProductQuery(minPrice: 500, maxPrice: 100) }
    }
}
