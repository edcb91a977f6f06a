// Reads a rule's `detector:` mapping into a DetectorSpec, checking every parameter.

extension RuleFileLoader {
    /// The keys each detector type accepts; anything else is reported with a suggestion.
    static let detectorKeys: [(type: String, keys: [String])] = [
        ("ewma", ["type", "alpha", "warmup", "min_std", "min_std_pct", "reset_after"]),
        ("seasonal", ["type", "by", "alpha", "warmup", "min_std", "min_std_pct", "reset_after"]),
        ("robust", ["type", "window", "warmup", "min_std", "min_std_pct", "reset_after"]),
        ("poisson", ["type", "by", "alpha", "warmup", "min_rate", "reset_after"]),
        (
            "cusum",
            [
                "type", "by", "alpha", "warmup", "min_std", "min_std_pct", "k", "direction",
                "reset_after",
            ]
        ),
        (
            "peer",
            [
                "type", "by", "alpha", "warmup", "min_std", "beta", "min_peers", "clip",
                "group_by", "branches", "reset_after",
            ]
        ),
        ("absent", ["type", "warmup"]),
        (
            "auto",
            [
                "type", "short", "short_span", "long", "long_span", "median", "median_span",
                "warmup", "novelty_margin", "reset_after",
            ]
        ),
    ]

    /// The rule's detector; `ewma` with its defaults when the rule names none.
    func loadDetector(_ rule: MappingReader) -> DetectorSpec? {
        guard let node = rule.node("detector") else { return .ewma(EWMADetector()) }
        guard let reader = MappingReader(node, file: file, what: "\"detector\"", log: log),
            let (type, mark) = reader.string("type", required: true)
        else { return nil }
        let types = RuleFileLoader.detectorKeys.map(\.type)
        guard let keys = RuleFileLoader.detectorKeys.first(where: { $0.type == type })?.keys else {
            var message = "unknown detector type \"\(type)\""
            if let suggestion = nearestName(to: type, in: types) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            reader.report(mark, message + "; this version knows: " + types.joined(separator: ", "))
            return nil
        }
        reader.rejectUnknownKeys(allowed: keys)
        return detector(type, reader)
    }

    private func detector(_ type: String, _ reader: MappingReader) -> DetectorSpec? {
        switch type {
        case "ewma":
            return .ewma(EWMADetector(ewma(reader, EWMAParameters()), missing: missing(reader)))
        case "seasonal":
            let defaults = SeasonalDetector()
            return .seasonal(
                SeasonalDetector(
                    slots: slots(reader, default: defaults.slots),
                    parameters: ewma(reader, defaults.parameters), missing: missing(reader)))
        case "robust": return .robust(robust(reader))
        case "poisson": return .poisson(poisson(reader))
        case "cusum": return .cusum(cusum(reader))
        case "peer": return peer(reader).map(DetectorSpec.peer)
        case "auto": return .auto(auto(reader))
        default:
            let warmup = reader.integer("warmup", in: 1...100_000) ?? AbsentDetector().warmup
            return .absent(AbsentDetector(warmup: warmup))
        }
    }

    // MARK: - Shared parameters

    /// `alpha`, `warmup`, `min_std` and `min_std_pct` over `defaults`.
    private func ewma(_ reader: MappingReader, _ defaults: EWMAParameters) -> EWMAParameters {
        var parameters = defaults
        parameters.alpha = reader.number("alpha", in: 0.0001...1) ?? parameters.alpha
        parameters.warmup = reader.integer("warmup", in: 1...100_000) ?? parameters.warmup
        parameters.minStd =
            reader.number("min_std", in: 0...Double.greatestFiniteMagnitude) ?? parameters.minStd
        parameters.minStdFraction =
            reader.percentage("min_std_pct", in: 0...10) ?? parameters.minStdFraction
        return parameters
    }

    /// `reset_after`: a gap longer than this duration starts the series over.
    private func missing(_ reader: MappingReader) -> MissingDataPolicy {
        let seconds = reader.durationWithUnit("reset_after", in: 1...(400 * 86_400))
        return MissingDataPolicy(resetAfter: seconds.map { Int64($0) })
    }

    /// `by`: none, weekday or hour_of_week.
    private func slots(_ reader: MappingReader, default fallback: SeasonSlots) -> SeasonSlots {
        choice(reader, "by", fallback)
    }

    /// A value under `key` that must be one of an enumeration's raw values.
    private func choice<T: RawRepresentable & CaseIterable>(
        _ reader: MappingReader, _ key: String, _ fallback: T
    ) -> T where T.RawValue == String {
        guard let (text, mark) = reader.string(key) else { return fallback }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            var message = "\"\(key)\" must be one of \(names.joined(separator: ", "))"
            if let suggestion = nearestName(to: text, in: names) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            reader.report(mark, message + ", found \"\(text)\"")
            return fallback
        }
        return value
    }

    // MARK: - Per type

    private func robust(_ reader: MappingReader) -> RobustDetector {
        let defaults = RobustDetector()
        let window = reader.integer("window", in: 3...10_000) ?? defaults.window
        let warmup = reader.integer("warmup", in: 1...10_000) ?? min(defaults.warmup, window)
        if warmup > window {
            reader.report(
                reader.mark,
                "\"warmup\" (\(warmup)) cannot exceed \"window\" (\(window)): "
                    + "the window never holds more values")
        }
        let floor = SpreadFloor(
            absolute: reader.number("min_std", in: 0...Double.greatestFiniteMagnitude)
                ?? defaults.floor.absolute,
            fraction: reader.percentage("min_std_pct", in: 0...10) ?? defaults.floor.fraction)
        return RobustDetector(
            window: window, warmup: min(warmup, window), floor: floor, missing: missing(reader))
    }

    private func poisson(_ reader: MappingReader) -> PoissonDetector {
        let defaults = PoissonDetector()
        return PoissonDetector(
            slots: slots(reader, default: defaults.slots),
            alpha: reader.number("alpha", in: 0.0001...1) ?? defaults.alpha,
            warmup: reader.integer("warmup", in: 1...100_000) ?? defaults.warmup,
            minRate: reader.number("min_rate", in: 0.000_001...1e12) ?? defaults.minRate,
            missing: missing(reader))
    }

    private func cusum(_ reader: MappingReader) -> CUSUMDetector {
        let defaults = CUSUMDetector()
        return CUSUMDetector(
            slots: slots(reader, default: defaults.slots),
            parameters: ewma(reader, defaults.parameters),
            allowance: reader.number("k", in: 0...100) ?? defaults.allowance,
            direction: choice(reader, "direction", defaults.direction),
            missing: missing(reader))
    }

    private func peer(_ reader: MappingReader) -> PeerDetector? {
        let defaults = PeerDetector()
        var parameters = ewma(reader, defaults.parameters)
        parameters.minStd = reader.number("min_std", in: 0.0001...10) ?? defaults.parameters.minStd
        guard let groups = peerGroups(reader) else { return nil }
        let detector = PeerDetector(
            slots: slots(reader, default: defaults.slots), parameters: parameters,
            beta: reader.number("beta", in: 0.0001...1) ?? defaults.beta,
            minimumPeers: reader.integer("min_peers", in: 1...10_000) ?? defaults.minimumPeers,
            clip: reader.number("clip", in: 1...1000) ?? defaults.clip,
            groups: groups, missing: missing(reader))
        warnUndersized(detector, reader)
        return detector
    }

    /// Names the roster's groups whose branches can never be scored.
    private func warnUndersized(_ detector: PeerDetector, _ reader: MappingReader) {
        let small = detector.groups.undersized(minimumPeers: detector.minimumPeers)
        guard !small.isEmpty, let mark = reader.string("branches")?.mark else { return }
        let listed = small.prefix(10).map { group in
            "\"\(group.group)\" (\(group.branches.joined(separator: ", ")))"
        }
        let more = small.count > 10 ? ", and \(small.count - 10) more" : ""
        let branches = small.reduce(0) { $0 + $1.branches.count }
        reader.warn(
            mark,
            "\(branches) branch\(branches == 1 ? "" : "es") will never be scored: a score needs "
                + "min_peers (\(detector.minimumPeers)) other branches of the same group, and "
                + "these groups have fewer than \(detector.minimumPeers + 1): "
                + listed.joined(separator: "; ") + more
                + "; lower min_peers or group them differently")
    }

    /// Every `auto` setting is optional: the defaults are meant to be left alone.
    private func auto(_ reader: MappingReader) -> AutoDetector {
        var parameters = AutoParameters()
        func window(_ key: String, _ fallback: SampleWindow) -> SampleWindow {
            let samples = reader.integer(key, in: 1...100_000) ?? fallback.samples
            let span = reader.durationWithUnit(key + "_span", in: 1...(10 * 366 * 86_400))
            return SampleWindow(samples: samples, span: span.map { Int64($0) } ?? fallback.span)
        }
        parameters.short = window("short", parameters.short)
        parameters.long = window("long", parameters.long)
        parameters.median = window("median", parameters.median)
        parameters.warmup = reader.integer("warmup", in: 1...100_000) ?? parameters.warmup
        parameters.noveltyMargin =
            reader.number("novelty_margin", in: 0...1000) ?? parameters.noveltyMargin
        return AutoDetector(parameters, missing: missing(reader))
    }

    /// `branches` (a roster CSV, relative to the rule file) grouped by `group_by`;
    /// without them every branch is in one group.
    private func peerGroups(_ reader: MappingReader) -> PeerGroups? {
        let roster = reader.string("branches")
        let column = reader.string("group_by")
        switch (roster, column) {
        case (nil, nil):
            return PeerGroups()
        case (nil, let column?):
            // Limitation: groups come only from a roster file; labels on samples are not
            // consulted yet — reading them needs samples that carry labels.
            reader.report(
                column.mark,
                "\"group_by\" needs \"branches\": a CSV file listing each branch "
                    + "with a \"\(column.text)\" column")
            return nil
        case (let roster?, let column):
            let path = Path.join(Path.split(file).directory, roster.text)
            let name = column?.text ?? "region"
            do {
                return try PeerRoster.groups(path: path, column: name)
            } catch {
                reader.report(roster.mark, error.description)
                return nil
            }
        }
    }
}
