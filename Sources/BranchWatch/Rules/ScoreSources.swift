// Which detector types give each score, for messages about a score a rule's detector lacks.

extension ScoreName {
    /// One detector of each type, with its defaults: the scores depend only on the type.
    private static let everyType: [DetectorSpec] = [
        .ewma(EWMADetector()), .seasonal(SeasonalDetector()), .robust(RobustDetector()),
        .poisson(PoissonDetector()), .cusum(CUSUMDetector()), .peer(PeerDetector()),
        .absent(AbsentDetector()), .auto(AutoDetector()),
    ]

    /// The detector types whose rules may use this score, in the README's order.
    var detectorTypes: [String] {
        ScoreName.everyType.filter { $0.scoreNames.contains(self) }.map(\.typeName)
    }
}
