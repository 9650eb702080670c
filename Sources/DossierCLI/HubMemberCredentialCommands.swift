internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub
internal import HubWeb

/// `dossier hub member passwd|invite|disable ID`: members' access to the web application.
extension HubMemberCommand {
    struct Passwd: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "passwd",
                abstract: L10n.t("Donne un mot de passe web à un membre (lu au terminal sans écho, ou sur l'entrée standard).",
                                 "Give a member a web password (read from the terminal without echo, or from standard input)."),
                discussion: L10n.t("Jamais en argument : il resterait dans l'historique du shell. Les sessions du membre sont fermées.",
                                   "Never as an argument: it would stay in the shell's history. The member's sessions are ended."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("Identifiant du membre.", "Member id."))) var id: String

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let password = try PasswordPrompt.read(lang: context.lang)
            try WebAccounts(hub: context.hub, settings: WebSettings()).setPassword(memberID: id, password: password)
            Output.line(context.t("Mot de passe enregistré pour \(id) ; ses sessions web sont fermées.",
                                  "Password set for \(id); their web sessions are ended."))
        }
    }

    struct Invite: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "invite",
                                 abstract: L10n.t("Crée un lien d'invitation à usage unique (le membre y choisit son mot de passe).",
                                                  "Make a one-time invitation link (the member chooses a password there)."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("Identifiant du membre.", "Member id."))) var id: String
        @Option(help: ArgumentHelp(L10n.t("Adresse publique du hub (comme pour « hub serve »).", "The hub's public address (as for `hub serve`)."),
                                   valueName: "url"))
        var baseURL = "http://127.0.0.1:8080"
        @Option(help: ArgumentHelp(L10n.t("Validité du lien en jours (7 par défaut).", "Days the link stays valid (default 7)."))) var days = 7

        func validate() throws {
            guard (1...90).contains(days) else { throw ValidationError(L10n.t("--days va de 1 à 90", "--days goes from 1 to 90")) }
        }

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let settings = WebSettings(baseURL: baseURL, invitationLifetime: TimeInterval(days) * 86400)
            let (url, expires) = try WebAccounts(hub: context.hub, settings: settings).invite(memberID: id)
            let formatter = ISO8601DateFormatter()
            Output.line(context.t("Lien d'invitation pour \(id), à usage unique, valable jusqu'au \(formatter.string(from: expires)) :",
                                  "Invitation link for \(id), one-time, valid until \(formatter.string(from: expires)):"))
            Output.line(url)
        }
    }

    struct Disable: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "disable",
                                 abstract: L10n.t("Coupe l'accès web d'un membre : plus de connexion, sessions fermées aussitôt.",
                                                  "End a member's web access: no sign-in, sessions ended at once."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("Identifiant du membre.", "Member id."))) var id: String

        func run() throws {
            let context = try HubContext(options, hubOptions)
            try WebAccounts(hub: context.hub, settings: WebSettings()).disable(memberID: id)
            Output.line(context.t("Accès web de \(id) désactivé ; ses sessions sont fermées.", "\(id)'s web access disabled; their sessions are ended."))
        }
    }
}

/// Reads a password: from the terminal without echo (asked twice), or one line of standard input.
enum PasswordPrompt {
    static func read(lang: Lang) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw PasswordError.unreadable }
            return line
        }
        let first = try ask(lang.pick(fr: "Mot de passe : ", en: "Password: "))
        let second = try ask(lang.pick(fr: "Le même, une seconde fois : ", en: "The same, once more: "))
        guard first == second else { throw PasswordError.mismatch }
        return first
    }

    private static func ask(_ prompt: String) throws -> String {
        Output.progress(prompt, done: false)
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            Output.error("")
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw PasswordError.unreadable }
        return line
    }
}
