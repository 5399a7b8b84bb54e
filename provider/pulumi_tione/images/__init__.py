"""Image lookup: catalog models, the pure resolver and the per-process catalog cache."""
