import Foundation
import Testing
@testable import X17Analysis
import FileSafety

/// Loads `fits/NAME.toml` of a fixture tree against its datasets.
func prepare(_ tree: FixtureTree, _ fit: String) throws -> FitSetup {
    let spec = try FitSpec.load(path: tree.url("fits/\(fit).toml").path, display: "fits/\(fit).toml")
    return try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: tree.datasets))
}

/// Runs `body` and checks it throws an InputError naming exactly this file, line and field.
func expectInputError(file: String, line: Int?, field: String?, contains text: String,
                      sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an InputError for \(file)", sourceLocation: sourceLocation)
    } catch let error as InputError {
        #expect(error.file == file, sourceLocation: sourceLocation)
        #expect(error.line == line, sourceLocation: sourceLocation)
        #expect(error.field == field, sourceLocation: sourceLocation)
        #expect(error.description.contains(text), "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct CSVTests {
    @Test func quotedFieldsCommentsAndLineNumbers() throws {
        let text = "# comment before the header\nid,notes, value \n\n# a comment\nA,\"x, \"\"y\"\"\", 1.5 \r\nB,plain,2\n"
        let t = try CSVTable(text: text, file: "f.csv")
        #expect(t.header == ["id", "notes", "value"])
        #expect(t.headerLine == 2)
        #expect(t.records.map(\.line) == [5, 6])
        #expect(t.records[0].fields == ["A", "x, \"y\"", "1.5"])
        #expect(t.records[1].fields == ["B", "plain", "2"])
    }

    @Test func unterminatedQuoteNamesTheLine() {
        expectInputError(file: "f.csv", line: 3, field: nil, contains: "unterminated quoted field 2") {
            _ = try CSVTable(text: "id,notes\nA,ok\nB,\"open\n", file: "f.csv")
        }
    }

    @Test func wrongFieldCountNamesTheLine() {
        expectInputError(file: "f.csv", line: 2, field: nil, contains: "expected 2 fields as in the header, found 3") {
            _ = try CSVTable(text: "id,notes\nA,b,c\n", file: "f.csv")
        }
    }

    @Test func sha256KnownVectors() {
        // FIPS 180-4 examples.
        #expect(SHA256.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

@Suite struct DatasetErrorTests {
    let rates = "datasets/rates/atomki-rates.csv"

    func loadRates(_ tree: FixtureTree) throws { _ = try DatasetLoader(root: tree.datasets).load("rates/atomki-rates.csv") }

    @Test func negativeUncertainty() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "BX_gamma,3.6e-6,0.3e-6", "BX_gamma,3.6e-6,-1e-7")
        let line = try tree.line(rates, containing: "C12_PRC106")
        expectInputError(file: rates, line: line, field: "stat", contains: "expected a positive number, got '-1e-7'") {
            try loadRates(tree)
        }
        #expect(InputError(file: rates, line: 7, field: "stat", "expected a positive number, got '-1e-7'").description
            == "datasets/rates/atomki-rates.csv:7: field 'stat': expected a positive number, got '-1e-7'")
    }

    @Test func zeroUncertainty() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "BX_gamma,6e-6,1e-6", "BX_gamma,6e-6,0")
        let line = try tree.line(rates, containing: "Be18_Firak2020")
        expectInputError(file: rates, line: line, field: "stat", contains: "expected a positive number, got '0'") { try loadRates(tree) }
    }

    @Test func missingValue() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "BX_gamma,6e-6,1e-6", "BX_gamma,,1e-6")
        let line = try tree.line(rates, containing: "Be18_Firak2020")
        expectInputError(file: rates, line: line, field: "value", contains: "missing value") { try loadRates(tree) }
    }

    @Test func nonNumericValue() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "BX_gamma,6e-6,1e-6", "BX_gamma,six,1e-6")
        let line = try tree.line(rates, containing: "Be18_Firak2020")
        expectInputError(file: rates, line: line, field: "value", contains: "expected a number, got 'six'") { try loadRates(tree) }
    }

    @Test(arguments: ["nan", "inf", "-infinity"])
    func nonFiniteValue(_ bad: String) throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "BX_gamma,6e-6,1e-6", "BX_gamma,\(bad),1e-6")
        let line = try tree.line(rates, containing: "Be18_Firak2020")
        expectInputError(file: rates, line: line, field: "value", contains: "expected a finite number, got '\(bad)'") { try loadRates(tree) }
    }

    /// An upper limit at a confidence level of 0.5 or less has no Gaussian width (Φ⁻¹(cl) ≤ 0): refused, not
    /// silently dropped from the χ² (review finding).
    @Test(arguments: ["0.30", "0.5"])
    func limitConfidenceLevelAtOrBelowOneHalf(_ cl: String) throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "yes,0.90,optional", "yes,\(cl),optional")
        let line = try tree.line(rates, containing: "Be17_MEG2")
        expectInputError(file: rates, line: line, field: "cl", contains: "in (0.5, 1), got '\(cl)'") { try loadRates(tree) }
        let priors = "datasets/priors/external.csv"
        try tree.replace(priors, "1.2e-3,0.90,default", "1.2e-3,\(cl),default")
        let priorLine = try tree.line(priors, containing: "pi0-na48-2")
        expectInputError(file: priors, line: priorLine, field: "cl", contains: "in (0.5, 1), got '\(cl)'") {
            _ = try DatasetLoader(root: tree.datasets).load(priors.replacingOccurrences(of: "datasets/", with: ""))
        }
    }

    @Test func unknownTransition() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "Be18_Firak2020,Be8_18.15", "Be18_Firak2020,Be8_18.51")
        let line = try tree.line(rates, containing: "Be18_Firak2020")
        expectInputError(file: rates, line: line, field: "transition", contains: "unknown value 'Be8_18.51'") { try loadRates(tree) }
    }

    @Test func unknownObservable() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "C12_17.23,BX_gamma", "C12_17.23,BX_photon")
        let line = try tree.line(rates, containing: "C12_PRC106")
        expectInputError(file: rates, line: line, field: "observable", contains: "unknown value 'BX_photon'") { try loadRates(tree) }
    }

    @Test func duplicateIdWithinAFile() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(rates, "C12_PRC106,", "Be18_Firak2020,")
        let first = try tree.line(rates, containing: "Be18_Firak2020,Be8")
        let second = try tree.line(rates, containing: "Be18_Firak2020,C12")
        expectInputError(file: rates, line: second, field: "id", contains: "duplicate id 'Be18_Firak2020' (first on line \(first))") {
            try loadRates(tree)
        }
    }

    @Test func duplicateIdAcrossFilesOfAFit() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace("datasets/summaries/dg2023-angular.csv", "DG2023_angular,", "C12_PRC106,")
        try tree.replace("fits/dg2023-vector-none.toml", "select = [\"DG2023_angular\", ", "select = [")
        let line = try tree.line(rates, containing: "C12_PRC106")
        expectInputError(file: rates, line: line, field: "id", contains: "duplicate id 'C12_PRC106' (also in datasets/summaries/dg2023-angular.csv:3)") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func rowGradedUSelectedByAFit() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let masses = "datasets/masses/atomki-masses.csv"
        try tree.write("fits/atomki-masses.toml", try tree.read("fits/atomki-masses.toml")
            .replacingOccurrences(of: "datasets = [\"masses/atomki-masses.csv\"]",
                                  with: "datasets = [\"masses/atomki-masses.csv\"]\nselect = [\"Be_Sas22_Ep800\", \"He_run1_mass\"]"))
        let line = try tree.line(masses, containing: "He_run1_mass")
        expectInputError(file: masses, line: line, field: "grade", contains: "graded U (not retrieved)") {
            _ = try prepare(tree, "atomki-masses")
        }
    }

    @Test func unknownDatasetKind() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.write("datasets/rates/odd.csv", "# header below\nid,foo,bar\nA,1,2\n")
        expectInputError(file: "datasets/rates/odd.csv", line: 2, field: nil, contains: "unknown dataset kind") {
            _ = try DatasetLoader(root: tree.datasets).load("rates/odd.csv")
        }
    }
}

@Suite struct SpecErrorTests {
    let spec = "fits/dg2023-vector-none.toml"

    @Test func unknownParameterName() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "BR_ee = {", "eps_x = { value = 1e-3, fixed = true }\nBR_ee = {")
        let line = try tree.line(spec, containing: "eps_x")
        expectInputError(file: spec, line: line, field: "parameters.eps_x", contains: "unknown parameter name 'eps_x'") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func missingDatasetFile() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "rates/atomki-rates.csv\"]", "rates/no-such-file.csv\"]")
        let line = try tree.line(spec, containing: "datasets =")
        expectInputError(file: spec, line: line, field: "datasets", contains: "dataset file 'rates/no-such-file.csv' not found") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func unknownHypothesis() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "hypothesis = \"vector\"", "hypothesis = \"tensor\"")
        expectInputError(file: spec, line: 3, field: "hypothesis", contains: "unknown value 'tensor' (expected one of vector, axial, mixed)") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func isospinNotAvailableForATransitionInTheData() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "isospin = \"none\"", "isospin = \"mixing\"")
        try tree.replace(spec, "\"C12_PRC106\"]", "\"C12_PRC106\", \"Be17_seed000\"]")
        expectInputError(file: spec, line: 4, field: "isospin",
                         contains: "isospin treatment 'mixing' is not available for Be8_17.64 (row 'Be17_seed000')") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func massStartAboveATransitionEnergy() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "mX    = { start = 16.9, step = 0.05, limits = [16.0, 17.2] }",
                         "mX    = { start = 17.4, step = 0.05, limits = [16.0, 17.6] }")
        let line = try tree.line(spec, containing: "mX    =")
        expectInputError(file: spec, line: line, field: "parameters.mX.start",
                         contains: "start value 17.4 MeV is not below the energy 17.23 MeV of 'C12_PRC106'") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func limitsReversed() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "limits = [16.0, 17.2]", "limits = [17.2, 16.0]")
        let line = try tree.line(spec, containing: "mX    =")
        expectInputError(file: spec, line: line, field: "parameters.mX.limits", contains: "limits reversed") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func unknownTopLevelKeyAndTOMLSyntax() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "priors = ", "prior = [\"x\"]\npriors = ")
        let line = try tree.line(spec, containing: "prior = ")
        expectInputError(file: spec, line: line, field: "prior", contains: "unknown key") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
        try tree.replace(spec, "prior = [\"x\"]", "prior = [\"x\"")
        // toml++ notices the unclosed array where the next key starts, one line below.
        expectInputError(file: spec, line: line + 1, field: nil, contains: "TOML syntax") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    @Test func unknownPriorAndSelectIds() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(spec, "priors = [\"pi0-na48-2\"]", "priors = [\"pi0-na62\"]")
        expectInputError(file: spec, line: 9, field: "priors", contains: "unknown prior id 'pi0-na62'") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
        try tree.replace(spec, "\"C12_PRC106\"]", "\"C12_PRC107\"]")
        expectInputError(file: spec, line: 7, field: "select", contains: "unknown id 'C12_PRC107'") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }
}
