// What `branchwatch silence` accepts as an end time and labels, and how it lists silences.
import BranchWatch
import Testing

@Suite struct SilenceTextTests {
    /// 2024-03-01T00:00:00Z.
    static let now = 1_709_251_200.0

    @Test func endTimeIsADurationFromNowOrADateTime() throws {
        try TimeZoneSetting.apply("UTC")
        #expect(try SilenceText.endTime("2h", now: Self.now) == Self.now + 7200)
        #expect(try SilenceText.endTime("+1d", now: Self.now) == Self.now + 86_400)
        #expect(try SilenceText.endTime("2024-03-01T18:00", now: Self.now) == Self.now + 64_800)
        #expect(
            try SilenceText.endTime("2024-03-01T18:00:00+08:00", now: Self.now)
                == Self.now + 36_000)
        #expect(throws: SilenceError.badTime("soon")) {
            try SilenceText.endTime("soon", now: Self.now)
        }
        #expect(throws: SilenceError.badTime("1709251300")) {
            try SilenceText.endTime("1709251300", now: Self.now)
        }
        #expect(throws: SilenceError.pastTime("2024-02-01")) {
            try SilenceText.endTime("2024-02-01", now: Self.now)
        }
    }

    @Test func labelsAreNameEqualsValue() throws {
        #expect(
            try SilenceText.labels(["region=East", "tier=a=b"]) == [
                "region": "East", "tier": "a=b",
            ])
        #expect(throws: SilenceError.badLabel("=East")) { try SilenceText.labels(["=East"]) }
        #expect(throws: SilenceError.badLabel("region")) { try SilenceText.labels(["region"]) }
    }

    @Test func listSaysWhoIsMutedUntilWhenByWhomAndWhy() throws {
        try TimeZoneSetting.apply("UTC")
        let silences = [
            Silence(
                id: 3, rule: "sales-drop", labels: ["region": "East"], endsAt: Self.now + 5400,
                reason: "storm", createdBy: "amy"),
            Silence(id: 4, branch: "B07", endsAt: Self.now + 90_000, reason: "refit"),
        ]
        #expect(
            SilenceText.table(silences, now: Self.now) == """
                ID  MUTES                        UNTIL                             BY   REASON
                3   rule=sales-drop region=East  2024-03-01T01:30:00Z (in 1h 30m)  amy  storm
                4   branch=B07                   2024-03-02T01:00:00Z (in 1d 1h)   -    refit
                """)
    }
}
