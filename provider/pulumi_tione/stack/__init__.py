"""The Pulumi layer: dynamic providers, resources, and the stack-state documents ``drift`` reads."""
