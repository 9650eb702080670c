import Foundation

/// The built `dossier` executable, for the test targets that drive it (they depend on the `dossier`
/// target in Package.swift, so that it is built before they run).
public enum DossierBinary {
    /// Where it is looked for, in order: `DOSSIER_BIN`, else `dossier` next to the test bundle or up
    /// to three folders up (on macOS the bundle executable is
    /// …/dossierPackageTests.xctest/Contents/MacOS/dossierPackageTests), else `.build/debug/dossier`.
    public static var candidates: [String] {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["DOSSIER_BIN"], !override.isEmpty { candidates.append(override) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("dossier").path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/dossier").path)
        return candidates
    }

    /// The first candidate that is an executable file (not a folder); throws when none is.
    public static func path() throws -> String {
        if let found = found { return found }
        throw TestServerError("dossier binary not found (build it with `swift build --build-tests`); tried: "
                              + candidates.joined(separator: ", "))
    }

    /// `path()` as a file URL.
    public static func url() throws -> URL { URL(fileURLWithPath: try path()) }

    private static let found: String? = candidates.first { path in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}

/// The environments `dossier` and git runs get in the tests: a home of the test's own, no system git
/// configuration, a language chosen by the test.
public enum TestEnvironment {
    /// This process's environment without what would leak the machine's language or repository
    /// (`LC_ALL`, `LC_MESSAGES`, `LANGUAGE`, `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`, `DOSSIER_BIN`),
    /// with `LANG`, `HOME` (and `XDG_CONFIG_HOME` below it), and no system or global git configuration.
    public static func inherited(home: URL, lang: String = "C.UTF-8") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "DOSSIER_BIN"] {
            environment[key] = nil
        }
        environment["LANG"] = lang
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        return environment
    }

    /// Only what a run needs, nothing inherited but `PATH` and the temporary folder: no `SSH_AUTH_SOCK`,
    /// no `DOSSIER_TOKEN`, no ssh keys or git credentials of the machine's user (the home is the test's).
    public static func minimal(home: URL, lang: String = "C.UTF-8") -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "LANG": lang,
            "GIT_CONFIG_NOSYSTEM": "1",
            "TMPDIR": FileManager.default.temporaryDirectory.path,
        ]
    }
}
