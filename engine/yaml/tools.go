//go:build tools

// Package yaml pins the Pulumi YAML language host that `make engine` builds (see engine/README.md).
package yaml

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
