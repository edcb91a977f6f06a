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
        for text in ["-2d", "0s"] {
            #expect(throws: SilenceError.pastTime(text)) {
                try SilenceText.endTime(text, now: Self.now)
            }
        }
        #expect(
            SilenceError.pastTime("-2d").description
                == "--until \"-2d\" must be in the future: a later date-time, or a duration "
                + "from now such as 2h or 1d")
    }

    @Test func labelNamesMustBeDeclaredAndIDsNumbers() throws {
        #expect(
            try SilenceText.checked(["region": "East"], known: ["region", "team"]) == [
                "region": "East"
            ])
        do {
            _ = try SilenceText.checked(["regoin": "East"], known: ["region", "team"])
            Issue.record("an undeclared label was accepted")
        } catch {
            #expect(
                error.description
                    == "--label: no label \"regoin\" is declared in the config (did you mean "
                    + "\"region\"?); declared labels: region, team")
        }
        #expect(try SilenceText.id("12") == 12)
        #expect(throws: SilenceError.badID("abc")) { try SilenceText.id("abc") }
        #expect(
            SilenceError.badID("abc").description
                == "silence ID must be a number, found \"abc\"; see branchwatch silence list")
    }

    @Test func aSilenceExpiredEarlyShowsWhenItWasExpired() throws {
        try TimeZoneSetting.apply("UTC")
        let silence = Silence(
            id: 5, branch: "B07", endsAt: Self.now + 86_400, reason: "refit", createdBy: "amy",
            expiredAt: Self.now - 3600)
        #expect(
            SilenceText.table([silence], now: Self.now) == """
                ID  MUTES       UNTIL                                 BY   REASON
                5   branch=B07  2024-02-29T23:00:00Z (expired early)  amy  refit
                """)
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
