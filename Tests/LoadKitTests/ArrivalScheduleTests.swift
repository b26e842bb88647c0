import Testing

@testable import LoadKit

@Suite("Arrival timelines")
struct ArrivalScheduleTests {
    @Test("a constant rate starts iterations evenly, as many as rate × duration")
    func constant() throws {
        let offsets = Array(
            try #require(
                ExecutorPlan.constantArrivalRate(rate: 20, duration: .seconds(10), maxVUs: 5).arrivalSchedule(
                    segment: (0, 1)
                )
            )
        )
        #expect(offsets.count == 200)
        #expect(offsets.first == 0)
        #expect(abs(offsets[1] - 0.05) < 1e-9 && abs(offsets[199] - 9.95) < 1e-9)
    }

    @Test("a ramp starts as many iterations as the area under the rate, denser as the rate grows")
    func ramp() throws {
        let plan = ExecutorPlan.rampingArrivalRate(
            startRate: 0,
            stages: [.init(duration: .seconds(10), target: 100), .init(duration: .seconds(10), target: 100)],
            maxVUs: 10
        )
        let offsets = Array(try #require(plan.arrivalSchedule(segment: (0, 1))))
        #expect(offsets.count == 1_500)  // 500 while ramping up, 1,000 at 100/s
        #expect(offsets.filter { $0 < 5 }.count == 125)  // a quarter of the ramp's area in its first half
        #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("segments split a timeline so that together they are the whole of it")
    func segments() throws {
        let plan = ExecutorPlan.constantArrivalRate(rate: 30, duration: .seconds(2), maxVUs: 5)
        let whole = Array(try #require(plan.arrivalSchedule(segment: (0, 1))))
        let parts = try (0..<3).map { Array(try #require(plan.arrivalSchedule(segment: ($0, 3)))) }
        #expect(parts.map(\.count) == [20, 20, 20])
        #expect(parts.flatMap { $0 }.sorted() == whole)
    }

    @Test("segments number their virtual users apart, so a unique data row goes to one generator only")
    func segmentNumbers() {
        let numbers = (0..<3).map { index in
            let segment = VUNumbers(segment: (index, 3))
            return (0..<4).map { _ in segment.next() }
        }
        #expect(numbers[0] == [1, 4, 7, 10])
        #expect(numbers[2] == [3, 6, 9, 12])
        #expect(Set(numbers.flatMap { $0 }) == Set(1...12))
        let alone = VUNumbers()
        #expect([alone.next(), alone.next()] == [1, 2])
    }
}
