import DossierCore

extension Proposals {
    /// The file `dossier propose new` writes: every field of a proposal, commented in French with
    /// the English beneath (as the other files the tool writes), the CFA's title filled in. It does
    /// not pass `dossier propose check` until the CFA has written the texts (criteria, why).
    public static func template(slug: String, title: String) -> String {
        """
        # Proposition de badge du CFA pour le label « CFA numérique normand ».
        # The CFA's badge proposal for the label « CFA numérique normand ».
        #
        # Complétez les champs, vérifiez (dossier propose check \(slug)), enregistrez
        # (dossier save -m "…") puis envoyez à la Région (dossier propose submit \(slug) -m "…",
        # puis dossier sync). Les textes du badge s'écrivent en français, comme le catalogue.
        # Fill in the fields, check (dossier propose check \(slug)), save (dossier save -m "…")
        # then send it to the Région (dossier propose submit \(slug) -m "…", then dossier sync).
        # The badge's texts are written in French, like the catalogue.

        # Identifiant du badge proposé : le nom de ce fichier (minuscules, chiffres, tirets).
        # The proposed badge's id: this file's name (lowercase letters, digits, hyphens).
        id: \(slug)

        # Titre court du badge.
        # The badge's short title.
        title: \(YAMLScalar.doubleQuoted(title))

        # Une phrase qui présente le badge.
        # One sentence presenting the badge.
        summary: ""

        # Ce que le badge reconnaît.
        # What the badge recognises.
        recognises: ""

        # Durée de validité proposée, en années (de 1 à 5).
        # Suggested validity, in years (1 to 5).
        validityYears: 2

        # Les critères : un identifiant stable (minuscules, chiffres, tirets) et son texte.
        # The criteria: a stable id (lowercase letters, digits, hyphens) and its text.
        criteria:
          - id: critere-1
            text: ""
          - id: critere-2
            text: ""

        # Ce qu'il faut prouver : tous les critères (all: true), ou certains
        # (required: [critere-1]) plus au moins N parmi d'autres (atLeast: N, among: [critere-2]).
        # What must be shown: every criterion (all: true), or some
        # (required: [critere-1]) plus at least N of others (atLeast: N, among: [critere-2]).
        requirement:
          all: true

        # Pourquoi le CFA propose ce badge (Markdown) : le besoin, ce qu'il reconnaîtrait, pour qui.
        # Why the CFA proposes this badge (Markdown): the need, what it would recognise, for whom.
        why: |

        # Facultatif : des preuves du CFA, dans ce dossier, qui illustrent le badge (chemins depuis
        # la racine du dossier ; elles doivent être enregistrées avec la proposition).
        # Optional: the CFA's own evidence, in this dossier, that illustrates the badge (paths from
        # the dossier's root; they must be saved with the proposal).
        # examples:
        #   - badges/tutorat/evidence/charte.pdf

        # Une proposition n'est jamais obligatoire (pas de « mandatory ») et le numéro du badge est
        # attribué par la Région si elle l'accepte (pas de « number »). Facultatif aussi, comme dans
        # le catalogue : levels, firstAward, renewal, rulesText (voir docs/CATALOGUE.md).
        # A proposal is never mandatory (no `mandatory`) and the badge's number is assigned by the
        # Région if it accepts it (no `number`). Also optional, as in the catalogue: levels,
        # firstAward, renewal, rulesText (see docs/CATALOGUE.md).

        """
    }

}
