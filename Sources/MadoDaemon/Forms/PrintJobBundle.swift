// SPDX-License-Identifier: Apache-2.0
// What the forms route hands the runner: a bundle's rendered forms, one PDF each.
public import Foundation

/// One clerk's bundle: the forms to print for one visit, already rendered (one PDF per form).
public struct PrintJobBundle: Sendable {
    public struct Form: Sendable {
        public let formID: String
        /// The form's fixed title (住民異動届), shown to staff; never resident data.
        public let title: String
        public let pdf: Data

        public init(formID: String, title: String, pdf: Data) {
            self.formID = formID
            self.title = title
            self.pdf = pdf
        }
    }

    public let bundleID: String
    public let forms: [Form]

    public init(bundleID: String, forms: [Form]) {
        self.bundleID = bundleID
        self.forms = forms
    }
}
