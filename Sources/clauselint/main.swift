import ArgumentParser

struct ClauseLint: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clauselint", abstract: "Contract clause analysis.")
}
ClauseLint.main()
