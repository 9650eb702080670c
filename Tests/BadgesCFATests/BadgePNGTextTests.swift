import Credentials
@testable import DossierRepository
import Foundation
import Testing
import TestServers

/// The PNG badge's text (`BadgePNG` + `BitmapFont`): the title, the issuer and the year drawn in the
/// ink of the style, read back by an independent decoder (Pillow) with the baked credential intact.
@Suite struct BadgePNGTextTests {
    @Test func accentedLettersAreTheirBaseLetterWithTheirMark() {
        let e = BitmapFont.glyph("e"), acute = BitmapFont.glyph("é"), grave = BitmapFont.glyph("è")
        // The same letter, a mark above it (rows 1–2 of the line, a row of space, the x-height from row 4).
        #expect(acute.rows[3...] == e.rows[3...] && acute.rows[1...2] != [0, 0] && acute != grave)
        #expect(e.rows[0...3] == [0, 0, 0, 0])
        // A capital's accent goes above the capital (rows 0–1), the cedilla below the letter.
        let capital = BitmapFont.glyph("É")
        #expect(capital.rows[2...] == BitmapFont.glyph("E").rows[2...] && capital.rows[0...1] != [0, 0])
        let cedilla = BitmapFont.glyph("ç")
        #expect(cedilla.rows[..<9] == BitmapFont.glyph("c").rows[..<9] && cedilla.rows[9...10] != [0, 0])
        // î is a dotless i under its circumflex.
        #expect(BitmapFont.glyph("î").rows[4...] == BitmapFont.glyph("ı").rows[4...])
        // Every letter of French has a glyph of its own, none the `?` of a missing one.
        let question = BitmapFont.glyph("?")
        for character in "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’–…0123456789" {
            #expect(!BitmapFont.glyphs(for: String(character)).contains(question), "\(character)")
        }
        #expect(BitmapFont.glyph("漢") == question)
        #expect(BitmapFont.glyphs(for: "a…b").count == 5)
    }

    /// Pillow's view of PNG files: size, mode, the baked credential's id, and pixel counts by zone.
    static func pillow(_ files: [String]) throws -> [[String: Any]] {
        let script = """
            import sys, json, hashlib
            from PIL import Image
            out = []
            for path in sys.argv[1:]:
                im = Image.open(path); im.load()
                text = im.text.get('openbadgecredential')
                rgba = im.convert('RGBA'); w, h = rgba.size; px = rgba.load()
                def count(colour, top, bottom):
                    return sum(1 for y in range(top, bottom) for x in range(w) if px[x, y][:3] == tuple(colour) and px[x, y][3] == 255)
                out.append({"size": [w, h], "mode": im.mode, "credential": json.loads(text)["id"] if text else None,
                            "title": {c: count(json.loads(c), 0, int(h * 0.64)) for c in ["[11,37,69]", "[61,44,0]"]},
                            "issuer": {c: count(json.loads(c), int(h * 0.64), int(h * 0.72)) for c in ["[11,37,69]", "[61,44,0]"]},
                            "year": {c: count(json.loads(c), int(h * 0.72), h) for c in ["[11,37,69]", "[61,44,0]"]},
                            "gold": count([242, 201, 76], 0, h),
                            "titleZone": hashlib.sha256(rgba.crop((0, 0, w, int(h * 0.64))).tobytes()).hexdigest()})
            print(json.dumps(out))
            """
        let python = Tools.python
        guard FileManager.default.isExecutableFile(atPath: python) else { throw TestServerError("\(python): run scripts/install-deps.sh") }
        let result = try ProcessRunner.run(python, ["-c", script] + files)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
    }

    @Test func thePNGCarriesTheTitleTheIssuerAndTheYearAndStaysBaked() throws {
        let folder = try TemporaryFolder(prefix: "badge-png")
        defer { folder.remove() }
        let credential = #"{"id": "https://badges.normandie.example/credentials/0141234R/tutorat.json"}"#
        var files: [String] = []
        for (name, title, style) in [("tutorat", "Badge « Tutorat »", BadgeImage.Style.badge),
                                     ("espaces", "Badge « Espaces pédagogiques innovants »", .badge),
                                     ("label", "Label « CFA numérique normand »", .label)] {
            let png = try Baking.bakePNG(try BadgePNG.medal(style: style, title: title, issuer: "Région Normandie", year: 2026),
                                         credential: credential)
            let path = folder.path + "/\(name).png"
            try Data(png).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let images = try Self.pillow(files)
        try #require(images.count == 3)
        for image in images {
            #expect(image["size"] as? [Int] == [BadgePNG.size, BadgePNG.size] && image["mode"] as? String == "RGBA")
            #expect(image["credential"] as? String == "https://badges.normandie.example/credentials/0141234R/tutorat.json")
        }
        func pixels(_ image: [String: Any], _ zone: String, _ colour: String) -> Int { (image[zone] as? [String: Int])?[colour] ?? 0 }
        let (badgeInk, labelInk) = ("[11,37,69]", "[61,44,0]")
        let (tutorat, espaces, label) = (images[0], images[1], images[2])
        // Text in the badge's ink in each zone; none of the label's.
        for zone in ["title", "issuer", "year"] {
            #expect(pixels(tutorat, zone, badgeInk) > 200, "\(zone)")
            #expect(pixels(tutorat, zone, labelInk) == 0, "\(zone)")
            #expect(pixels(label, zone, labelInk) > 200, "\(zone)")
            #expect(pixels(label, zone, badgeInk) == 0, "\(zone)")
        }
        // The label is gold, the badges are not.
        #expect((label["gold"] as? Int ?? 0) > 40_000 && (tutorat["gold"] as? Int) == 0)
        // A longer title, more ink; two titles, two different images; the same issuer and year.
        #expect(pixels(espaces, "title", badgeInk) > pixels(tutorat, "title", badgeInk))
        #expect(tutorat["titleZone"] as? String != nil && tutorat["titleZone"] as? String != espaces["titleZone"] as? String)
        #expect(pixels(espaces, "issuer", badgeInk) == pixels(tutorat, "issuer", badgeInk))
        #expect(pixels(espaces, "year", badgeInk) == pixels(tutorat, "year", badgeInk))
    }
}
