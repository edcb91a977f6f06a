// Timestamp forms with an explicit zone or offset; bare dates depend on the configured
// zone, which is process-wide, so they are covered by the end-to-end test in UTC.
import BranchWatch
import Testing

@Suite struct TimestampParserTests {
    // Reference values from `date -u -d '2024-03-10T07:30:00Z' +%s` and the like.
    @Test(arguments: [
        ("2024-03-10T07:30:00Z", Int64(1_710_055_800)),
        ("2024-03-10T07:30:00+00:00", 1_710_055_800),
        ("2024-03-10T15:30:00+08:00", 1_710_055_800),
        ("2024-03-10T02:30:00-05:00", 1_710_055_800),
        ("2024-03-10 07:30:00Z", 1_710_055_800),
        ("1710055800", 1_710_055_800),
        ("1710055800000", 1_710_055_800),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
    ])
    func readsForm(_ text: String, _ expected: Int64) {
        #expect(TimestampParser.parse(text[...]) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "2024-02-30", "2023-02-29", "2024-03-10T25:00:00Z", "12345", "2024-3-1x",
    ])
    func refuses(_ text: String) {
        #expect(TimestampParser.parse(text[...]) == nil)
    }
}

@Suite struct TimestampFormTests {
    // Fractions of a second are dropped; the instant is 2024-03-10T07:30:00Z.
    @Test(arguments: [
        "2024-03-10T07:30:00.5Z", "2024-03-10T07:30:00.123456+00:00",
        "2024-03-10T15:30:00,250+08:00", "2024/3/10 7:30:00Z", "2024/03/10 15:30:00+0800",
        "２０２４-０３-１０T０７:３０:００Z",
    ])
    func readsWithOffset(_ text: String) {
        #expect(TimestampParser.parse(text[...]) == 1_710_055_800)
    }

    // Local forms depend on the process time zone, so they are compared with each other:
    // all must name the same local midnight as the ISO date.
    @Test(arguments: ["20240310", "2024/3/10", "2024-3-10", "2024年3月10日", "２０２４年３月１０日"])
    func readsLocalDateFormsAsTheSameMidnight(_ text: String) {
        let iso = TimestampParser.parse("2024-03-10"[...])
        #expect(iso != nil)
        #expect(TimestampParser.parse(text[...]) == iso)
    }

    @Test(arguments: ["20241301", "2024/13/1", "2024年2月30日", "2024/3/", "1710055800.5"])
    func refusesImpossibleDates(_ text: String) {
        #expect(TimestampParser.parse(text[...]) == nil)
    }
}
