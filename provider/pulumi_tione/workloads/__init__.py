"""TI-ONE workloads that use an image: notebooks and training tasks (plain library, no Pulumi)."""
