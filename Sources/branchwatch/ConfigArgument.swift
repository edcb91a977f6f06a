// The `--config FILE` that most commands take, loaded and checked in one place.
import BranchWatch

extension Commands {
    /// The path `--config` names, or the default one.
    static func configPath(_ arguments: CommandLineArguments) -> String {
        arguments.options["config"] ?? defaultConfigPath
    }

    /// The config `--config` names, with its time zone in effect; nil after printing
    /// its problems, for the caller to exit with a failure.
    static func loadConfig(_ arguments: CommandLineArguments) -> Config? {
        do {
            let config = try ConfigLoader.load(configPath(arguments))
            try TimeZoneSetting.apply(config.timeZone)
            return config
        } catch {
            ConsoleText.err("\(error)")
            return nil
        }
    }
}
