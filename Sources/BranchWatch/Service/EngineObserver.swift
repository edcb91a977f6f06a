// What the engine tells whoever runs it as it works through the inbox.

/// Told by the engine as it works through files. The daemon uses it to stop between
/// files, ping the watchdog, report progress and keep the status page's charts.
/// Called on the engine's thread.
public protocol EngineObserver: AnyObject {
    /// Asked before each file; false ends the scan and leaves the other files for later.
    func engineShouldContinue(_ engine: Engine) -> Bool

    /// A file was finished, whatever its outcome.
    func engine(_ engine: Engine, finished name: String, outcome: FileOutcome)

    /// A file's samples and the alert events they caused were committed.
    func engine(_ engine: Engine, committed samples: [Sample], events: [AlertEvent])

    /// A batch of the file `name` was applied (not yet committed); `rows` counts the
    /// samples and skipped rows read from it so far. Lets a long file keep the watchdog
    /// fed and the status current.
    func engine(_ engine: Engine, reading name: String, rows: Int)
}

extension EngineObserver {
    /// Observers that do not follow a file's progress need not say so.
    public func engine(_ engine: Engine, reading name: String, rows: Int) {}
}

extension Engine {
    /// False once the observer asked the engine to stop taking new files.
    var shouldContinue: Bool {
        observer?.engineShouldContinue(self) ?? true
    }
}
