// Reads the later `inbox:` settings: settle time, sort and report limits.

extension ConfigLoader {
    static let ingestExtraKeys = ["settle_time"]

    /// Fills the settings these keys give; defaults stay for keys not given.
    static func readIngestExtras(_ inbox: MappingReader, into settings: inout IngestSettings) {
        settings.settleSeconds =
            inbox.duration("settle_time", in: 0...3600) ?? settings.settleSeconds
    }
}
