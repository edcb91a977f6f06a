// Reads the later `inbox:` settings: settle time, sort and report limits.

extension ConfigLoader {
    static let ingestExtraKeys = ["settle_time", "max_sort_rows", "max_report_rows"]

    /// Fills the settings these keys give; defaults stay for keys not given.
    static func readIngestExtras(_ inbox: MappingReader, into settings: inout IngestSettings) {
        settings.maxSortRows =
            inbox.integer("max_sort_rows", in: 1...100_000_000) ?? settings.maxSortRows
        settings.maxReportRows =
            inbox.integer("max_report_rows", in: 0...10_000_000) ?? settings.maxReportRows
        settings.settleSeconds =
            inbox.duration("settle_time", in: 0...3600) ?? settings.settleSeconds
    }
}
