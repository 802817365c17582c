import Testing

@Test func placeholderMadoDevices() {}
