import Testing

@Test func placeholderMadoCore() {}
