// Turns the cells of one row into samples, skipped cells and row problems.

/// One cell of a row, from CSV or from a JSON object, with where it was written.
struct RowCell {
    var text: String
    var position: TextPosition
}

/// Reads rows of one shape; the file name and encoding only go into problem reports.
struct RowInterpreter {
    let file: String
    let encoding: String

    /// Adds the samples of one row to `drop`, or its problems; cells with no value are
    /// counted in `drop.missing`. A bad cell in a wide row skips that cell only.
    func read(
        _ cells: [RowCell], shape: RowShape, start: TextPosition, excerpt: String,
        extraLabels: [String: String] = [:], into drop: inout ParsedDrop
    ) {
        func problem(_ position: TextPosition, _ reason: String) {
            drop.problems.append(
                RowProblem(
                    file: file, line: position.line, column: position.column, reason: reason,
                    excerpt: excerpt))
        }
        guard cells.count >= shape.width else {
            problem(start, "expected at least \(shape.width) fields, found \(cells.count)")
            return
        }
        if let extra = RecordRules.extraField(cells, headerCount: shape.columnCount) {
            return problem(extra.position, extra.reason)
        }
        if let bad = cells.first(where: { $0.text.unicodeScalars.contains("\u{FFFD}") }) {
            problem(
                bad.position,
                "bytes that are not valid \(encoding) text; export the file as UTF-8, or set "
                    + "inbox.encoding")
            return
        }
        let row: Sample
        switch rowTemplate(cells, shape: shape, start: start, labels: extraLabels) {
        case .success(let template): row = template
        case .failure(let failure): return problem(failure.position, failure.reason)
        }
        var values: [(cell: RowCell, metric: String)] = []
        switch shape.kind {
        case .long(let metricIndex, let valueIndex):
            let metric = ColumnName.metric(cells[metricIndex].text)
            guard !metric.isEmpty else {
                return problem(cells[metricIndex].position, "empty metric")
            }
            values = [(cells[valueIndex], metric)]
        case .wide(let metrics):
            values = metrics.map { (cells[$0.index], $0.name) }
        }
        for (cell, metric) in values {
            switch CellValue.read(cell.text) {
            case .number(let value):
                var sample = row
                sample.metric = metric
                sample.value = value
                drop.samples.append(sample)
            case .missing:
                drop.missing += 1
            case .invalid(let reason):
                problem(cell.position, reason)
            }
        }
    }

    private struct CellFailure: Error {
        var position: TextPosition
        var reason: String
    }

    /// The timestamp, branch and labels every sample of the row shares.
    private func rowTemplate(
        _ cells: [RowCell], shape: RowShape, start: TextPosition, labels extra: [String: String]
    ) -> Result<Sample, CellFailure> {
        let stamp = cells[shape.timestamp]
        guard let timestamp = TimestampParser.parse(stamp.text[...].trimmedSubstring) else {
            let reason =
                "\"\(stamp.text)\" is not a timestamp (use 2024-03-01, ISO-8601 or epoch seconds)"
            return .failure(CellFailure(position: stamp.position, reason: reason))
        }
        let branch = FullWidth.folded(cells[shape.branch].text).trimmed
        guard !branch.isEmpty else {
            return .failure(
                CellFailure(position: cells[shape.branch].position, reason: "empty branch"))
        }
        var labels = extra
        for (index, name) in shape.labels {
            let value = cells[index].text.trimmed
            if !value.isEmpty { labels[name] = value }
        }
        return .success(
            Sample(
                timestamp: timestamp, branch: branch, metric: "", value: 0, line: start.line,
                labels: labels))
    }
}
