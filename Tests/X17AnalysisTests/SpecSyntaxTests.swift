import Testing
@testable import X17Analysis

/// Spec texts that are not TOML, and field errors placed at the value's line and column.
@Suite struct SpecSyntaxTests {
    static let head = """
        name = "t"
        hypothesis = "vector"
        datasets = ["rates/atomki-rates.csv"]

        [parameters]
        mX = { start = 16.9, step = 0.05 }

        """

    /// Each of these aborted the process inside toml++ (TOMLKit 0.6.0); the tail starts on line 7.
    @Test(arguments: [
        ("[\n", 7, 2), ("[.x]\n", 7, 2), ("[#x]\n", 7, 2), ("[{", 7, 2), ("a = [1,}\n", 7, 8),
    ])
    func malformedTOMLIsAnInputErrorWithLineAndColumn(tail: String, line: Int, column: Int) {
        do {
            _ = try FitSpec(text: Self.head + tail, file: "fits/t.toml")
            Issue.record("accepted \(tail.debugDescription)")
        } catch let error as InputError {
            #expect(error.line == line && error.column == column && error.field == nil, "\(error)")
            #expect(error.description.hasPrefix("fits/t.toml:\(line):\(column): TOML syntax: "), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func fieldErrorsPointAtTheValue() {
        let text = Self.head.replacingOccurrences(of: "step = 0.05", with: "step = \"x\"")
        do {
            _ = try FitSpec(text: text, file: "fits/t.toml")
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.description == "fits/t.toml:6:29: field 'parameters.mX.step': expected a number")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func keyLinesComeFromTheParser() throws {
        let spec = try FitSpec(text: Self.head + "[published]\nmX = 16.84\n", file: "fits/t.toml")
        #expect(spec.line(of: "datasets") == 3)
        #expect(spec.line(of: "mX", section: "parameters") == 6)
        #expect(spec.line(of: "mX", section: "published") == 8)
        #expect(spec.line(of: "nope") == nil)
    }
}
