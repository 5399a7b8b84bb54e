"""The fault soak (issue 5): lookups through real provider processes against a faulty emulator."""
