// Finds notifier URLs and secrets named by reference that cannot be read where we run.

/// A `url` or `secret` given as `env:NAME` or `credential:NAME` that does not resolve here.
public struct UnresolvedReference: Sendable, Equatable {
    public var notifier: String
    /// `url` or `secret`.
    public var key: String
    /// `file:line:column` of the value in the config.
    public var origin: String
    public var error: SecretError

    /// `branchwatch.yaml:9:10: warning: …`, saying that the service must provide it.
    public var warningLine: String {
        "\(origin): warning: notifier \"\(notifier)\" \(key): \(error.description); "
            + "this may be fine here, but the service's environment must provide it "
            + "(Environment=, EnvironmentFile= or LoadCredential= in the unit)"
    }
}

/// Resolves every reference in a set of notifiers without sending anything.
public enum NotifierCheck {
    /// The references that cannot be resolved in this process, sorted by notifier and key.
    public static func unresolved(_ notifiers: [String: NotifierConfig]) -> [UnresolvedReference] {
        var found: [UnresolvedReference] = []
        for name in notifiers.keys.sorted() {
            guard let notifier = notifiers[name] else { continue }
            let references = [("url", notifier.url), ("secret", notifier.secret ?? "")]
            for (key, text) in references where SecretReference(text) != nil {
                do {
                    _ =
                        try key == "url"
                        ? SecretReference.resolveURL(text) : SecretReference.resolve(text)
                } catch {
                    found.append(
                        UnresolvedReference(
                            notifier: name, key: key, origin: notifier.origins[key] ?? "config",
                            error: error))
                }
            }
        }
        return found
    }
}
