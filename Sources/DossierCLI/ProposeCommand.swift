internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation

/// `dossier propose new|check|submit|list`: the CFA proposes a new badge to the Région.
struct ProposeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "propose",
            abstract: L10n.t("Propose un nouveau badge à la Région : proposals/<id>.yaml dans le dossier.",
                             "Propose a new badge to the Région: proposals/<id>.yaml in the dossier."),
            discussion: L10n.t("""
                « new » crée le fichier à compléter (mêmes champs qu'un badge du catalogue, plus « why » : pourquoi le CFA le propose), \
                « check » le vérifie (erreurs « fichier:ligne »), « submit » le dépose une fois enregistré (une étiquette \
                proposals/<id>/<date>-<n>, envoyée au prochain « dossier sync »), « list » dit où en est chaque proposition et ce \
                que la Région a décidé. Une proposition modifiée après une demande de modifications se dépose à nouveau.
                """, """
                `new` makes the file to fill in (the fields of a catalogue badge, plus `why`: why the CFA proposes it), `check` checks \
                it (`file:line` errors), `submit` submits it once saved (a proposals/<id>/<date>-<n> tag, sent by the next \
                `dossier sync`), `list` says where each proposal stands and what the Région decided. A proposal amended after \
                changes were requested is submitted again.
                """),
            subcommands: [New.self, Check.self, Submit.self, List.self])
    }

    /// `dossier propose new SLUG --title T`.
    struct New: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "new",
                                 abstract: L10n.t("Crée proposals/<id>.yaml, le modèle commenté d'une proposition de badge.",
                                                  "Make proposals/<id>.yaml, the commented template of a badge proposal."))
        }

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge proposé (minuscules, chiffres, tirets).",
                                            "The proposed badge's id (lowercase letters, digits, hyphens)."), valueName: "slug"))
        var slug: String
        @Option(help: ArgumentHelp(L10n.t("Titre du badge proposé.", "The proposed badge's title."))) var title: String

        func run() throws {
            let context = try CommandContext(options)
            let path = try Proposals(workspace: context.workspace()).create(slug: slug, title: title)
            Output.line(context.t("Proposition créée : \(path). Complétez-la, puis « dossier propose check \(slug) ».",
                                  "Proposal created: \(path). Fill it in, then `dossier propose check \(slug)`."))
        }
    }

    /// `dossier propose check [SLUG]`: every proposal of the working folder, or one.
    struct Check: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "check",
                                 abstract: L10n.t("Vérifie les propositions (ou une seule) avec les règles du catalogue.",
                                                  "Check the proposals (or one) against the catalogue's rules."),
                                 discussion: L10n.t("Sort avec 1 et des erreurs « fichier:ligne » quand une proposition a un problème.",
                                                    "Exits 1 with `file:line` errors when a proposal has a problem."))
        }

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp(L10n.t("La proposition à vérifier (par défaut : toutes).", "The proposal to check (default: all)."),
                                     valueName: "slug"))
        var slug: String?

        func run() throws {
            let context = try CommandContext(options)
            let proposals = Proposals(workspace: try context.workspace())
            let slugs = try slug.map { [$0] } ?? proposals.slugs()
            if slugs.isEmpty {
                return Output.line(context.t("Aucune proposition dans ce dossier (« dossier propose new ID --title … » en crée une).",
                                             "No proposal in this dossier (`dossier propose new ID --title …` makes one)."))
            }
            // Accepted and unchanged since: its badge may be in the catalogue now, which the check would refuse.
            let accepted = Dictionary(try proposals.list().filter { $0.state == .accepted }.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
            var failed = false
            for slug in slugs {
                if let status = accepted[slug] {
                    let badge = status.latestDecision?.badge ?? slug
                    Output.line(context.t("\(ProposalTag.file(slug: slug)) : acceptée par la Région (badge \(badge)), rien à vérifier",
                                          "\(ProposalTag.file(slug: slug)): accepted by the Région (badge \(badge)), nothing to check"))
                    continue
                }
                do {
                    let proposal = try proposals.check(slug)
                    Output.line(context.t("\(ProposalTag.file(slug: slug)) : valide (« \(proposal.badge.title) », \(proposal.badge.criteria.count) critère(s))",
                                          "\(ProposalTag.file(slug: slug)): valid ('\(proposal.badge.title)', \(proposal.badge.criteria.count) criteria)"))
                } catch {
                    guard let failure = Failure.of(error, lang: context.lang), failure.code == Failure.failure else { throw error }
                    for line in failure.lines { Output.error(line) }
                    failed = true
                }
            }
            if failed { throw ExitCode(Failure.failure) }
        }
    }
}
