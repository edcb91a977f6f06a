// Reads a rule's lifecycle keys: `for`, `repeat`, `labels`, `annotations` and `inhibit`.

extension RuleFileLoader {
    static let lifecycleKeys = ["repeat", "labels", "annotations", "inhibit"]

    /// `for`: a count of consecutive evaluations (`3`) or a duration (`2d`, `6h`).
    func loadPending(_ rule: MappingReader) -> (count: Int, duration: Int64?) {
        guard let (text, mark) = rule.string("for") else { return (1, nil) }
        if let count = Int(text), (1...10_000).contains(count) { return (count, nil) }
        if Int(text) == nil, Double(text) == nil, let seconds = DurationText.seconds(text),
            seconds >= 1, seconds <= 400 * 86_400
        {
            return (1, Int64(seconds))
        }
        rule.report(
            mark,
            "\"for\" must be a number of evaluations from 1 to 10000, or a duration with a "
                + "unit such as 6h or 2d, found \"\(text)\"")
        return (1, nil)
    }

    /// `repeat`: how long after the last message a still-firing alert reminds.
    func loadRepeat(_ rule: MappingReader) -> Int64? {
        guard let (text, mark) = rule.string("repeat") else { return nil }
        guard Double(text) == nil, let seconds = DurationText.seconds(text), seconds >= 60,
            seconds <= 400 * 86_400
        else {
            rule.report(
                mark,
                "\"repeat\" must be a duration with a unit, from 1m to 400d, such as 12h or "
                    + "1d, found \"\(text)\"")
            return nil
        }
        return Int64(seconds)
    }

    /// A mapping of names to templates (`labels`, `annotations`), each checked like `message`.
    func loadTemplates(_ rule: MappingReader, key: String, scores: [ScoreName])
        -> [String: MessageTemplate]
    {
        guard let node = rule.node(key) else { return [:] }
        guard case .mapping(let entries, _) = node else {
            rule.report(node.mark, "\"\(key)\" must map names to texts, found \(node.kindName)")
            return [:]
        }
        var templates: [String: MessageTemplate] = [:]
        for entry in entries {
            guard case .scalar(let text, let mark) = entry.value else {
                rule.report(
                    entry.value.mark,
                    "\"\(key).\(entry.key)\" must be a text, found \(entry.value.kindName)")
                continue
            }
            let template = RuleFileLoader.compile(
                text, at: mark, key: "\(key).\(entry.key)", reader: rule
            ) { text throws(ExpressionErrors) in
                try MessageTemplate(text, scores: scores, labels: declaredLabels)
            }
            templates[entry.key] = template
        }
        return templates
    }

    /// `inhibit`: the label whose values are region names (see `Rule.inhibitLabel`).
    func loadInhibit(_ rule: MappingReader) -> String? {
        guard let (text, mark) = rule.string("inhibit") else { return nil }
        let isName = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard isName else {
            rule.report(
                mark, "\"inhibit\" must name a label, such as region, found \"\(text)\"")
            return nil
        }
        return text
    }
}
