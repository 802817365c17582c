// SPDX-License-Identifier: Apache-2.0
// All form templates of one installation (config/forms/*.json), read and checked together at start-up.
public import Foundation

/// The templates by id. Reading the directory reports every broken file at once.
public struct FormTemplateCatalog: Sendable, Equatable {
    public let templates: [String: FormTemplate]

    public init(_ templates: [FormTemplate]) {
        self.templates = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> FormTemplate? { templates[id] }

    public var ids: [String] { templates.keys.sorted() }

    /// Reads every `*.json` in `directory`; each file's `id` must equal its name.
    public static func load(directory: URL) throws(FormTemplateError) -> FormTemplateCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw FormTemplateError(
                file: directory.path,
                problems: [
                    ValidationProblem(
                        path: "", message: "cannot list the form templates directory: \(error.localizedDescription)")
                ])
        }
        var templates: [FormTemplate] = []
        var problems: [ValidationProblem] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let id = String(name.dropLast(".json".count))
            do {
                let data = try Data(contentsOf: url)
                templates.append(try FormTemplateReader.read(data, file: name, expectedID: id))
            } catch let error as FormTemplateError {
                problems += error.problems.map {
                    ValidationProblem(path: $0.path.isEmpty ? name : "\(name): \($0.path)", message: $0.message)
                }
            } catch {
                problems.append(
                    ValidationProblem(path: name, message: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        guard problems.isEmpty else { throw FormTemplateError(file: directory.path, problems: problems) }
        return FormTemplateCatalog(templates)
    }
}
