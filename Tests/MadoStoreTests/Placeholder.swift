import Testing

@Test func placeholderMadoStore() {}
