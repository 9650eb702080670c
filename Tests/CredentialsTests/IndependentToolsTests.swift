import Credentials
import Foundation
import LinkedData
import Testing

/// What we issue, checked by tools that share no code with us: the independent Python verifier
/// `Tests/Reference/ob3/tools/ob3verify.py` (PyLD + cryptography + jwcrypto), the official JSON schemas with
/// Python `jsonschema` (strict variant, formats checked), Pillow for PNG and xmllint for SVG.
@Suite struct IndependentToolsTests {
    static let now = "2026-06-01T00:00:00Z"

    struct Issued {
        let folder: String
        let issuer: BadgeIssuer
        let credential: BadgeIssuer.Issued

        func write(_ name: String, _ text: String) throws -> String {
            let path = folder + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// ob3verify.py with our keys (its --key/--jwk stand for dereferencing the issuer profile).
        func ob3verify(_ path: String, status: String? = nil) throws -> Support.Run {
            let jwks: JSONValue = ["keys": [.object(issuer.keys.rsa.publicKey.jwk(kid: issuer.kid))]]
            let jwksPath = try write("jwks.json", jwks.serialized())
            var arguments = [
                Support.ob3.appendingPathComponent("tools/ob3verify.py").path, path,
                "--key", "\(issuer.verificationMethod)=\(issuer.keys.ed25519.publicKeyMultibase)",
                "--jwk", jwksPath, "--now", IndependentToolsTests.now,
            ]
            if let status { arguments += ["--status", status] }
            return try Support.run(try Support.requirePython(), arguments)
        }
    }

    static func issue(_ body: (Issued) throws -> Void) throws {
        try Support.withFolder { folder in
            let store = IssuerKeyStore(folder: folder + "/keys")
            let issuer = BadgeIssuer(profile: Support.profile, keys: try store.initialize())
            let credential = try issuer.issue(Support.award(), now: Support.date(now))
            try body(Issued(folder: folder, issuer: issuer, credential: credential))
        }
    }

    static func statusFile(_ issued: Issued, revoke: Int? = nil) throws -> String {
        var list = StatusList()
        if let revoke { try list.set(revoke) }
        let signed = try issued.issuer.statusListCredential(list, url: Support.statusURL, now: Support.date("2026-05-01T00:00:00Z"))
        return try issued.write(revoke == nil ? "status.json" : "status-revoked.json", signed.serialized(pretty: true))
    }

    static func expectAllPass(_ run: Support.Run, _ what: String) {
        #expect(run.status == 0, "\(what): \(run.output)")
        #expect(!run.output.contains("FAIL") && !run.output.contains("WARN"), "\(what): \(run.output)")
        #expect(run.output.contains("PASS"), "\(what): \(run.output)")
    }

    @Test func ob3verifyAcceptsTheJSONAndTheJWT() throws {
        try Self.issue { issued in
            let status = try Self.statusFile(issued)
            Self.expectAllPass(try issued.ob3verify(try issued.write("badge.json", issued.credential.jsonText), status: status), "json")
            Self.expectAllPass(try issued.ob3verify(try issued.write("badge.jwt", issued.credential.jwt), status: status), "jwt")
        }
    }

    @Test func ob3verifyAcceptsTheBakedImages() throws {
        try Self.issue { issued in
            let status = try Self.statusFile(issued)
            let pngJWT = try Baking.bakePNG(Support.tinyPNG, credential: issued.credential.jwt)
            let pngJSON = try Baking.bakePNG(Support.tinyPNG, credential: issued.credential.json.serialized())
            let svgJSON = try Baking.bakeSVG(Support.badgeSVG, credential: issued.credential.jsonText)
            let svgJWT = try Baking.bakeSVG(Support.badgeSVG, credential: issued.credential.jwt)
            Self.expectAllPass(try issued.ob3verify(try issued.write("jwt.png", pngJWT), status: status), "png jwt")
            Self.expectAllPass(try issued.ob3verify(try issued.write("json.png", pngJSON), status: status), "png json")
            Self.expectAllPass(try issued.ob3verify(try issued.write("json.svg", svgJSON), status: status), "svg json")
            Self.expectAllPass(try issued.ob3verify(try issued.write("jwt.svg", svgJWT), status: status), "svg jwt")
            // And our own reader agrees on each.
            let verifier = CredentialVerifier(trustedKeys: try issued.issuer.trustedKeys(), now: Support.date(Self.now))
            for bytes in [pngJWT, pngJSON, Array(svgJSON.utf8), Array(svgJWT.utf8)] {
                #expect(verifier.verify(bytes: bytes).isValid)
            }
        }
    }

    @Test func ob3verifyReportsRevocationAndUnsignedProperties() throws {
        try Self.issue { issued in
            let revoked = try Self.statusFile(issued, revoke: 7)
            let run = try issued.ob3verify(try issued.write("badge.json", issued.credential.jsonText), status: revoked)
            #expect(run.status != 0 && run.output.contains("bit at index 7 = 1"), "\(run.output)")
            guard case .object(var added) = issued.credential.json else { return }
            added["unsignedNote"] = "added after signing"
            let tampered = try issued.ob3verify(try issued.write("added.json", JSONValue.object(added).serialized()), status: try Self.statusFile(issued))
            #expect(tampered.output.contains("PASS credential: eddsa-rdfc-2022 signature valid"), "\(tampered.output)")
            #expect(tampered.status != 0 && tampered.output.contains("UNDEFINED"), "\(tampered.output)")
        }
    }

    /// Strict JSON schema validation (Draft 2019-09, format checking), as the 1EdTech validator's first pass.
    @Test func issuedDocumentsValidateAgainstTheOfficialSchemas() throws {
        try Self.issue { issued in
            let credential = try issued.write("badge.json", issued.credential.jsonText)
            let fromJWT = try issued.write("from-jwt.json", (try VCJWT.decode(issued.credential.jwt).credential).serialized())
            let profile = try issued.write("profile.json", issued.issuer.publicProfile().serialized(pretty: true))
            let script = """
                import json, sys
                from jsonschema import Draft201909Validator
                ob3 = sys.argv[1]
                failures = 0
                for schema, path in zip(sys.argv[2::2], sys.argv[3::2]):
                    v = Draft201909Validator(json.load(open(ob3 + "/" + schema)), format_checker=Draft201909Validator.FORMAT_CHECKER)
                    errors = list(v.iter_errors(json.load(open(path))))
                    for e in errors:
                        print(path, "/".join(map(str, e.absolute_path)), e.message[:200])
                    failures += len(errors)
                checker = Draft201909Validator.FORMAT_CHECKER
                print("formats:", sorted(checker.checkers))
                sys.exit(1 if failures else 0)
                """
            let run = try Support.run(try Support.requirePython(), [
                "-c", script, Support.ob3.path, "achievementcredential.json", credential, "achievementcredential.json", fromJWT,
                "profile.json", profile,
            ])
            #expect(run.status == 0, "\(run.output)")
            // The date-time and uri formats are really checked (their optional libraries are installed).
            #expect(run.output.contains("'date-time'") && run.output.contains("'uri'"), "\(run.output)")
        }
    }

    @Test func pillowReadsTheBakedPNG() throws {
        try Self.issue { issued in
            let path = try issued.write("badge.png", try Baking.bakePNG(Support.tinyPNG, credential: issued.credential.jwt))
            let run = try Support.run(try Support.requirePython(), [
                "-c", "import sys\nfrom PIL import Image\nim = Image.open(sys.argv[1]); im.load()\nsys.stdout.write(im.text['openbadgecredential'])", path,
            ])
            #expect(run.status == 0)
            #expect(run.output == issued.credential.jwt)
        }
    }

    /// xmllint (libxml2) when installed, else lxml (also libxml2, from the venv): well-formed, and the
    /// credential element is in the Open Badges namespace.
    @Test func anXMLParserReadsTheBakedSVG() throws {
        try Self.issue { issued in
            let jwtSVG = try issued.write("jwt.svg", try Baking.bakeSVG(Support.badgeSVG, credential: issued.credential.jwt))
            let jsonSVG = try issued.write("json.svg", try Baking.bakeSVG(Support.badgeSVG, credential: issued.credential.jsonText))
            let xpath = "//*[local-name()='credential' and namespace-uri()='https://purl.imsglobal.org/ob/v3p0']"
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
                let verify = try Support.run("/usr/bin/xmllint", ["--xpath", "string(\(xpath)/@verify)", jwtSVG])
                #expect(verify.status == 0 && verify.output.trimmingCharacters(in: .newlines) == issued.credential.jwt, "\(verify.output)")
                let body = try Support.run("/usr/bin/xmllint", ["--xpath", "string(\(xpath))", jsonSVG])
                #expect(body.status == 0)
                #expect(try JSONValue.parse(body.output) == issued.credential.json)
            } else {
                let script = """
                    import sys
                    from lxml import etree
                    ns = {"ob": "https://purl.imsglobal.org/ob/v3p0"}
                    a = etree.parse(sys.argv[1]).getroot().find("ob:credential", ns)
                    b = etree.parse(sys.argv[2]).getroot().find("ob:credential", ns)
                    sys.stdout.write(a.get("verify") + "\\n" + b.text)
                    """
                let run = try Support.run(try Support.requirePython(), ["-c", script, jwtSVG, jsonSVG])
                #expect(run.status == 0, "\(run.output)")
                let parts = run.output.split(separator: "\n", maxSplits: 1).map(String.init)
                #expect(parts.first == issued.credential.jwt)
                #expect(try JSONValue.parse(parts.last ?? "") == issued.credential.json)
            }
        }
    }
}
