// SPDX-License-Identifier: Apache-2.0
// The files the "forms" section points at, loaded and cross-checked: the life-event rules and the form
// templates. `madod --check` and the start both use this, so a broken template never reaches a counter.
import Foundation
public import MadoCore

/// Problems with the files the "forms" section names, each with its config path.
public struct FormsCatalogProblems: Error {
    public let problems: [ValidationProblem]
}

public struct FormsCatalogs: Sendable {
    public let lifeEvents: LifeEventCatalog
    public let templates: FormTemplateCatalog

    /// The catalogs, or every problem found, named `forms.lifeEvents: …` / `forms.templates: …`.
    public static func load(_ configuration: FormsConfiguration) -> Result<FormsCatalogs, FormsCatalogProblems> {
        var problems: [ValidationProblem] = []
        var lifeEvents: LifeEventCatalog?
        var templates: FormTemplateCatalog?
        do {
            lifeEvents = try LifeEventCatalog(contentsOf: URL(fileURLWithPath: configuration.lifeEventsPath))
        } catch {
            problems.append(ValidationProblem(path: "forms.lifeEvents", message: error.description))
        }
        do {
            templates = try FormTemplateCatalog.load(
                directory: URL(fileURLWithPath: configuration.templatesDirectory, isDirectory: true))
        } catch {
            problems.append(ValidationProblem(path: "forms.templates", message: error.description))
        }
        if let lifeEvents, let templates {
            for procedure in lifeEvents.procedures {
                for form in procedure.forms where templates[form] == nil {
                    problems.append(
                        ValidationProblem(
                            path: "forms.templates",
                            message: "procedure \(procedure.id) in \(configuration.lifeEventsPath) needs the form "
                                + "\(form), but \(configuration.templatesDirectory) has no \(form).json"))
                }
            }
        }
        guard problems.isEmpty, let lifeEvents, let templates else {
            return .failure(FormsCatalogProblems(problems: problems))
        }
        return .success(FormsCatalogs(lifeEvents: lifeEvents, templates: templates))
    }
}
