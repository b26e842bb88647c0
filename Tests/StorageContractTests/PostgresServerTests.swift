import EmporiumSQL
import EmporiumTesting
import Testing

@Suite("PostgreSQL test server")
struct PostgresServerTests {
    @Test(
        "the contract suite's PostgreSQL half has a server to run on",
        .enabled(
            if: PostgresTestServer.isRequired,
            "PostgreSQL cases are not run: set EMPORIUM_TEST_POSTGRES_URL, as `make test` does, to run them"
        )
    )
    func serverAnswers() async throws {
        try await PostgresTestServer.shared.withDatabase { database in
            let row = try await database.firstRow(SQLStatement("SELECT 1 AS answer", table: "none"))
            #expect(try row?.int("answer") == 1)
        }
    }
}
