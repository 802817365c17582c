import Testing

@Test func placeholderMadoRender() {}
