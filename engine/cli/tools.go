//go:build tools

// Package cli pins the Pulumi CLI that `make engine` builds (see engine/README.md).
package cli

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
