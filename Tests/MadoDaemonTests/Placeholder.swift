import Testing

@Test func placeholderMadoDaemon() {}
