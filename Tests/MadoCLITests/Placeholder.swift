import Testing

@Test func placeholderMadoCLI() {}
