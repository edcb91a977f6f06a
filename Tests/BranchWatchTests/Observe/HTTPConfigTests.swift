// The config's `http` section: default address, off when absent, errors with their place.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct HTTPConfigTests {
    static func load(_ http: String) throws -> Config {
        let directory = try TemporaryDirectory("bw-http-config")
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        let path = try directory.write(
            "branchwatch.yaml",
            "inbox: { path: inbox }\nrules: [rules/*.yaml]\n"
                + "notifiers: { console: { type: console } }\n" + http)
        return try ConfigLoader.load(path)
    }

    @Test func theEndpointIsOffWithoutTheSectionAndOnLoopbackByDefault() throws {
        #expect(try Self.load("").http == nil)
        #expect(try Self.load("http: {}\n").http == HTTPSettings(host: "127.0.0.1", port: 9464))
        #expect(
            try Self.load("http: { listen: localhost:8080 }\n").http
                == HTTPSettings(host: "127.0.0.1", port: 8080))
    }

    @Test func aBadAddressIsReportedWithItsLineAndColumn() throws {
        let error = #expect(throws: ConfigError.self) {
            try Self.load("http:\n  listen: 127.0.0.1\n")
        }
        let text = error?.description ?? ""
        let expected =
            #"branchwatch.yaml:5:11: "listen" must be an IPv4 address and a port, "#
            + #"like 127.0.0.1:9464; found "127.0.0.1""#
        #expect(text.hasSuffix(expected), "\(text)")
    }
}
