// The SQLite schema of the state database, created or upgraded at open.

enum Schema {
    /// Bump when the statements below change, and add an upgrade step.
    static let version: Int64 = 1

    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS series (
            branch TEXT NOT NULL, metric TEXT NOT NULL,
            sample_count INTEGER NOT NULL, last_timestamp INTEGER NOT NULL, last_value REAL NOT NULL,
            PRIMARY KEY (branch, metric)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS detector_state (
            branch TEXT NOT NULL, metric TEXT NOT NULL, detector TEXT NOT NULL, state BLOB NOT NULL,
            PRIMARY KEY (branch, metric, detector)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS alert_state (
            rule TEXT NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL, phase TEXT NOT NULL,
            consecutive INTEGER NOT NULL, firing_since INTEGER NOT NULL,
            PRIMARY KEY (rule, branch, metric)) WITHOUT ROWID
        """,
        """
        CREATE TABLE IF NOT EXISTS applied_files (
            digest TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL,
            samples INTEGER NOT NULL, skipped INTEGER NOT NULL, late INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_key TEXT NOT NULL, notifier TEXT NOT NULL, order_key TEXT NOT NULL,
            payload TEXT NOT NULL, created_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            UNIQUE (event_key, notifier))
        """,
        """
        CREATE TABLE IF NOT EXISTS dead_letter (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_key TEXT NOT NULL, notifier TEXT NOT NULL, order_key TEXT NOT NULL,
            payload TEXT NOT NULL, created_at REAL NOT NULL, attempts INTEGER NOT NULL,
            reason TEXT NOT NULL, dead_at REAL NOT NULL)
        """,
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        // Kept apart from alert_state so databases written before these columns existed
        // need no upgrade step: a missing row reads as zeros.
        """
        CREATE TABLE IF NOT EXISTS alert_timing (
            rule TEXT NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL,
            pending_since INTEGER NOT NULL, last_sent INTEGER NOT NULL,
            PRIMARY KEY (rule, branch, metric)) WITHOUT ROWID
        """,
        // Written by `branchwatch silence` over its own connection while the daemon runs.
        """
        CREATE TABLE IF NOT EXISTS silence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule TEXT, branch TEXT, labels TEXT NOT NULL, ends_at REAL NOT NULL,
            reason TEXT NOT NULL, created_by TEXT NOT NULL, created_at REAL NOT NULL,
            expired_at REAL)
        """,
        // Firing alerts whose firing message was muted; a row is the flag.
        """
        CREATE TABLE IF NOT EXISTS alert_muted (
            rule TEXT NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL,
            PRIMARY KEY (rule, branch, metric)) WITHOUT ROWID
        """,
        // Who each outbox message is about, so a silence added later can still mute it.
        """
        CREATE TABLE IF NOT EXISTS outbox_subject (
            outbox_id INTEGER NOT NULL, rule TEXT NOT NULL, branch TEXT NOT NULL,
            labels TEXT NOT NULL, UNIQUE (outbox_id, rule, branch, labels))
        """,
        """
        CREATE TRIGGER IF NOT EXISTS outbox_subject_cleanup AFTER DELETE ON outbox
        BEGIN DELETE FROM outbox_subject WHERE outbox_id = OLD.id; END
        """,
    ]
}
