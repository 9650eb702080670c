import DossierCore
import Git

/// Narrative text merged line by line by libgit2's file merge.
public struct LibgitTextMerger: TextMerging {
    public let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    public func merge(base: String, ours: String, theirs: String) -> TextMergeResult {
        guard let result = try? repository.mergeText(base: base, ours: ours, theirs: theirs) else {
            return TextMergeResult(text: ours, conflicted: true)
        }
        // A conflicted result holds markers: keep ours, and report the conflict instead.
        return result.conflicted ? TextMergeResult(text: ours, conflicted: true) : TextMergeResult(text: result.text, conflicted: false)
    }
}
