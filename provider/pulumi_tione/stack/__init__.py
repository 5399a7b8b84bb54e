"""The Pulumi layer of the dynamic resources: the resource classes, their providers and functions.

The state documents (``core.state``) and ``drift`` moved; their 0.2 paths here are aliases.
"""
