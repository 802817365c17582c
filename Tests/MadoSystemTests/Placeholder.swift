import Testing

@Test func placeholderMadoSystem() {}
