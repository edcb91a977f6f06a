// The rule most daemon-level tests watch, written once.

/// `sales-jump`: a day's sales far above the EWMA of the days before it.
public enum SalesJumpRule {
    /// The rule file's text. With the defaults, ten quiet days alternating 9 and 11 warm
    /// it up and a 60 fires (z about 50) while a 13 does not (z about 3.1).
    public static func text(notify: [String], warmup: Int = 5, threshold: Int = 4) -> String {
        """
        rules:
          - name: sales-jump
            metric: sales
            detector: { type: ewma, alpha: 0.3, warmup: \(warmup), min_std: 1 }
            when: z >= \(threshold) and value > expected
            severity: critical
            message: "{{branch}} sold {{value}}, expected {{expected}}"
            notify: [\(notify.joined(separator: ", "))]
        """
    }
}
