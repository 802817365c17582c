import Testing

@Test func placeholderMadoServer() {}
