import X17Physics

/// A nuclear input the fit takes from a user's value where the shipped catalogue has none: every output names it.
///
/// An input (named by its id up to an optional "@tag") is user-supplied when a selected nuclear row gives it a
/// value and either some nuclear file of the fit lists the input graded U (not found), or X17Physics has no
/// reference value for it (`NuclearInputs.inputsWithoutReference`). datasets/SCHEMA.md (item 5) states the rule.
public struct UserSuppliedInput: Codable, Sendable, Equatable {
    public var id: String
    public var value: Double
    public var uncertainty: Double
    public var source: String
    /// `file:line` of the row.
    public var location: String

    enum CodingKeys: String, CodingKey { case id, value, uncertainty, source, location }

    /// One line for text reports and export headers.
    public var summary: String {
        "\(id) = \(value) ± \(uncertainty) (\(source); \(location))"
    }
}

extension FitSetup {
    /// The selected nuclear rows that set a user-supplied input, in file order.
    static func userSuppliedInputs(selected nuclearRows: [NuclearRow], measurementRows: [DatasetRow]) -> [UserSuppliedInput] {
        var unsourced = Set(NuclearInputs.inputsWithoutReference)
        for row in measurementRows where isNuclear(row) && row.info.grade == .notRetrieved {
            unsourced.insert(NuclearInputs.inputName(ofID: row.info.id))
        }
        return nuclearRows.filter { unsourced.contains(NuclearInputs.inputName(ofID: $0.info.id)) }
            .sorted { ($0.info.file, $0.info.line) < ($1.info.file, $1.info.line) }
            .map { UserSuppliedInput(id: $0.info.id, value: $0.value, uncertainty: $0.uncertainty, source: $0.info.source,
                                     location: "\($0.info.file):\($0.info.line)") }
    }
}
