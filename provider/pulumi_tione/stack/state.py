"""The state documents of the image kinds: moved to ``core.state`` (the core reads and writes them).

This path stays importable with the same names (docs and 0.2 code name it); the documents and
their registry are ``core.state``'s, so a type registered through either path is one type.
"""

from pulumi_tione.core.state import (
    IMAGE_FIELDS,
    IMAGE_OUTPUTS,
    IMAGE_TYPE,
    IMAGES_TYPE,
    LIST_OUTPUTS,
    POLICIES,
    SCHEMA_VERSION,
    VERSION_KEY,
    ImageArguments,
    ImageDocument,
    PlatformImageDocument,
    PlatformImagesDocument,
    StateDocument,
    document_class,
    drop_none,
    recorded_query,
    recorded_region,
    register,
    registered,
    schema_version,
    text_value,
)

__all__ = [
    "IMAGES_TYPE",
    "IMAGE_FIELDS",
    "IMAGE_OUTPUTS",
    "IMAGE_TYPE",
    "LIST_OUTPUTS",
    "POLICIES",
    "SCHEMA_VERSION",
    "VERSION_KEY",
    "ImageArguments",
    "ImageDocument",
    "PlatformImageDocument",
    "PlatformImagesDocument",
    "StateDocument",
    "document_class",
    "drop_none",
    "recorded_query",
    "recorded_region",
    "register",
    "registered",
    "schema_version",
    "text_value",
]
