/// The French establishment identifiers a dossier carries: UAI and SIRET.
public enum Identifiers {
    private static let uaiLetters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")

    /// A UAI is 7 digits and a check letter: `ABCDEFGHJKLMNPRSTUVWXYZ` indexed by the number modulo 23.
    public static func isValidUAI(_ value: String) -> Bool {
        let characters = Array(value)
        guard characters.count == 8, characters.prefix(7).allSatisfy(\.isASCIIDigit),
              let number = Int(String(characters.prefix(7))) else { return false }
        return characters[7] == uaiLetters[number % 23]
    }

    /// The check letter for 7 digits (for documentation and tests).
    public static func uaiCheckLetter(_ digits: String) -> Character? {
        guard digits.count == 7, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else { return nil }
        return uaiLetters[number % 23]
    }

    /// A SIRET is 14 digits whose Luhn sum is a multiple of 10.
    public static func isValidSIRET(_ value: String) -> Bool {
        let digits = value.compactMap(\.wholeNumberValue)
        guard value.count == 14, digits.count == 14, value.allSatisfy(\.isASCIIDigit) else { return false }
        let sum = digits.reversed().enumerated().reduce(0) { total, item in
            let doubled = item.offset % 2 == 1 ? item.element * 2 : item.element
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
