import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// The shared test helpers every test target uses: files, snapshots, the git CLI, environments.
@Suite("Test support")
struct TestSupportTests {
    @Test("random bytes: the exact size, across the 1 MiB chunks; a seed gives the same bytes again, another seed others")
    func randomBytes() throws {
        let folder = try TemporaryFolder(prefix: "support-random")
        defer { folder.remove() }
        let size = (1 << 20) + 12_345
        try writeRandomBytes(size, to: folder.appending("a/seeded-1"), seed: 7)
        try writeRandomBytes(size, to: folder.appending("b/seeded-2"), seed: 7)
        try writeRandomBytes(size, to: folder.appending("other"), seed: 8)
        try writeRandomBytes(size, to: folder.appending("urandom"))
        let first = try Data(contentsOf: folder.appending("a/seeded-1"))
        #expect(first.count == size)
        #expect(try Data(contentsOf: folder.appending("b/seeded-2")) == first)
        #expect(try Data(contentsOf: folder.appending("other")) != first)
        let unseeded = try Data(contentsOf: folder.appending("urandom"))
        #expect(unseeded.count == size && unseeded != first)
        try writeRandomBytes(0, to: folder.appending("empty"))
        #expect(try Data(contentsOf: folder.appending("empty")).isEmpty)
    }

    @Test("a snapshot sees bytes, modes, links and names that are not UTF-8; excluded paths and what is under them are left out")
    func snapshots() throws {
        let folder = try TemporaryFolder(prefix: "support-snapshot")
        defer { folder.remove() }
        try folder.write("un\n", to: "a/fichier.txt")
        try folder.write("verrou", to: ".git/dossier/lock")
        try FileManager.default.createSymbolicLink(atPath: folder.appending("lien").path, withDestinationPath: "a/fichier.txt")
        let rawName: [UInt8] = Array("caf".utf8) + [0xE9]
        let fd = withCPath(Array(folder.path.utf8) + [0x2F] + rawName) { open($0, O_CREAT | O_WRONLY, 0o600) }
        #expect(fd >= 0)
        close(fd)

        let before = try folder.snapshot()
        guard case .file(let bytes, _)? = before["a/fichier.txt"] else {
            Issue.record("a/fichier.txt: \(String(describing: before["a/fichier.txt"]))")
            return
        }
        #expect(bytes == Data("un\n".utf8))
        #expect(before["lien"] == .symlink(target: Array("a/fichier.txt".utf8)))
        #expect(before["caf\\xe9"] == .file(Data(), mode: 0o600))
        #expect(before[".git/dossier/lock"] != nil)
        let without = try snapshot(folder.url, excluding: [".git/dossier"])
        #expect(without[".git/dossier"] == nil && without[".git/dossier/lock"] == nil && without[".git"] != nil)

        try folder.write("deux\n", to: "a/fichier.txt")
        try folder.remove("lien")
        let changed = differences(before, try folder.snapshot())
        #expect(changed.map { String($0.prefix { $0 != ":" }) } == ["a/fichier.txt", "lien"], "\(changed)")
        #expect(changed.last == "lien: symlink → a/fichier.txt → absent")
        #expect(differences(before, before).isEmpty)
    }

    @Test("a temporary folder: write (folders made), read, exists, remove one entry, remove all")
    func temporaryFolder() throws {
        let folder = try TemporaryFolder(prefix: "support-folder")
        let file = try folder.write("texte", to: "x/y/z.txt")
        #expect(file == folder.appending("x/y/z.txt"))
        #expect(try folder.read("x/y/z.txt") == "texte")
        #expect(folder.exists("x/y") && !folder.exists("absent"))
        try folder.remove("x/y")
        #expect(!folder.exists("x/y") && folder.exists("x"))
        folder.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("the shared git CLI: isolated (branch main, its own author), any status returned, stdout trimmed and split")
    func sharedGit() throws {
        let folder = try TemporaryFolder(prefix: "support-git")
        defer { folder.remove() }
        #expect(try git("init", "--quiet", in: folder.path).succeeded)
        #expect(try git("symbolic-ref", "HEAD", in: folder.path).trimmed == "refs/heads/main")
        try folder.write("a\n", to: "a.txt")
        try folder.write("b\n", to: "b.txt")
        try git("add", "a.txt", "b.txt", in: folder.path)
        #expect(try git(["commit", "--quiet", "-m", "Premier"], in: folder.path).succeeded)
        #expect(try git("ls-files", in: folder.path).lines == ["a.txt", "b.txt"])
        #expect(try git("log", "-1", "--format=%an", in: folder.path).trimmed == "Test Author")
        let failed = try git("rev-parse", "--verify", "--quiet", "absent", in: folder.path)
        #expect(!failed.succeeded && failed.status == 1)
    }

    @Test("the environments of a run: minimal keeps PATH and the temporary folder only; inherited drops the language and repository variables")
    func environments() throws {
        let home = URL(fileURLWithPath: "/tmp/maison")
        let minimal = TestEnvironment.minimal(home: home, lang: "fr_FR.UTF-8")
        #expect(Set(minimal.keys) == ["PATH", "HOME", "XDG_CONFIG_HOME", "LANG", "GIT_CONFIG_NOSYSTEM", "TMPDIR"])
        #expect(minimal["HOME"] == "/tmp/maison" && minimal["XDG_CONFIG_HOME"] == "/tmp/maison/.config" && minimal["LANG"] == "fr_FR.UTF-8")
        let inherited = TestEnvironment.inherited(home: home)
        #expect(inherited["HOME"] == "/tmp/maison" && inherited["LANG"] == "C.UTF-8" && inherited["GIT_CONFIG_GLOBAL"] == "/dev/null")
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "DOSSIER_BIN"] {
            #expect(inherited[key] == nil, "\(key)")
        }
        #expect(DossierBinary.candidates.last == packageRoot.appendingPathComponent(".build/debug/dossier").path)
        #expect(FileManager.default.fileExists(atPath: sample("batiment-caen").appendingPathComponent("dossier.yaml").path))
    }
}
