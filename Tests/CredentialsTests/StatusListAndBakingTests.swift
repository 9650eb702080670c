import Credentials
import Foundation
import LinkedData
import Testing

@Suite struct StatusListTests {
    @Test func bitsAreMostSignificantFirstAndTheListIsAtLeast16KB() throws {
        var list = StatusList(length: 10)
        #expect(list.count == 131_072)
        #expect(list.bytes.count == 16_384)
        try list.set(0)
        try list.set(9)
        #expect(list.bytes[0] == 0x80 && list.bytes[1] == 0x40)
        let decoded = try StatusList(encoded: try list.encoded())
        #expect(decoded == list)
        #expect(try decoded.isSet(9) && !decoded.isSet(8))
        #expect(throws: CredentialError.self) { try list.set(131_072) }
    }

    @Test func theValidatorListDecodes() throws {
        let list = try Support.json("testlist.json")
        let decoded = try StatusList(encoded: try #require(list["credentialSubject"]?["encodedList"]?.stringValue))
        #expect(try decoded.isSet(23))
        #expect(try !decoded.isSet(22))
    }

    @Test func aDecompressionBombIsRefused() throws {
        let big = StatusList(length: 8 * 1024 * 1024 * 8)
        #expect(throws: CredentialError.self) { try StatusList(encoded: try big.encoded(), maximumBytes: 1024 * 1024) }
    }
}

@Suite struct BakingTests {
    @Test func pngRoundTripReplacesAnEarlierCredential() throws {
        let once = try Baking.bakePNG(Support.tinyPNG, credential: "first")
        let twice = try Baking.bakePNG(once, credential: "eyJ.second.sig")
        #expect(try Baking.extractPNG(twice) == "eyJ.second.sig")
        #expect(try CredentialInput.read(twice).jwtToken == "eyJ.second.sig")
        #expect(throws: CredentialError.baking("no openbadgecredential chunk")) { try Baking.extractPNG(Support.tinyPNG) }
        var corrupt = twice
        corrupt[40] ^= 1
        #expect(throws: CredentialError.self) { try Baking.extractPNG(corrupt) }
    }

    @Test func svgRoundTripForJSONAndJWT() throws {
        let json = "{\"a\":\"]]> & <tag>\"}"
        let baked = try Baking.bakeSVG(Support.badgeSVG, credential: json)
        #expect(baked.contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""))
        #expect(try JSONValue.parse(try Baking.extractSVG(baked)) == ["a": "]]> & <tag>"])
        let rebaked = try Baking.bakeSVG(baked, credential: "eyJ.x.y")
        #expect(try Baking.extractSVG(rebaked) == "eyJ.x.y")
        #expect(rebaked.components(separatedBy: "<openbadges:credential").count == 2)
        #expect(rebaked.components(separatedBy: "xmlns:openbadges=").count == 2)
    }
}

@Suite struct BadgeImageTests {
    @Test func generatedBadgesAreWellFormedEscapedAndBakeable() throws {
        let hostile = "<script>alert('x')</script> & \u{01}Formation à distance très longue pour tenir"
        let svg = BadgeImage.svg(title: hostile, issuer: "Région Normandie", year: 2026, style: .label)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("#f2c94c"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("… </tspan>") || svg.contains("…</tspan>"))  // the long title is cut to three lines
        #expect(svg.components(separatedBy: "<tspan").count == 4)
        let baked = try Baking.bakeSVG(svg, credential: "eyJ.a.b")
        #expect(try Baking.extractSVG(baked) == "eyJ.a.b")
        try Support.withFolder { folder in
            let path = folder + "/badge.svg"
            try baked.write(toFile: path, atomically: true, encoding: .utf8)
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
                let run = try Support.run("/usr/bin/xmllint", ["--noout", path])
                #expect(run.status == 0, "\(run.output)")
            } else {
                let run = try Support.run(try Support.requirePython(), ["-c", "import sys\nfrom lxml import etree\netree.parse(sys.argv[1])", path])
                #expect(run.status == 0, "\(run.output)")
            }
        }
    }
}

@Suite struct InputTests {
    @Test func aJSONCredentialMentioningSVGIsStillJSON() throws {
        let input = try CredentialInput.read(Array("  {\"description\": \"<svg> badge\"}".utf8))
        guard case .json(let value) = input else { Issue.record("read as \(input)"); return }
        #expect(value["description"] == "<svg> badge")
        #expect(try CredentialInput.read(Array("eyJ.a.b\n".utf8)).jwtToken == "eyJ.a.b")
        #expect(throws: CredentialError.unreadable("neither JSON nor a compact JWS")) { try CredentialInput.read(Array("hello".utf8)) }
    }
}

extension CredentialInput {
    var jwtToken: String? {
        if case .jwt(let token) = self { return token }
        return nil
    }
}
