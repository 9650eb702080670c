import DossierCore
import Git

/// Narrative text merged line by line by libgit2's file merge.
struct LibgitTextMerger: TextMerging {
    let repository: Repository

    func merge(base: String, ours: String, theirs: String) -> TextMergeResult {
        guard let result = try? repository.mergeText(base: base, ours: ours, theirs: theirs) else {
            return TextMergeResult(text: ours, conflicted: true)
        }
        // A conflicted result holds markers: keep ours, and report the conflict instead.
        return result.conflicted ? TextMergeResult(text: ours, conflicted: true) : TextMergeResult(text: result.text, conflicted: false)
    }
}
