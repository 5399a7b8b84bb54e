//go:build tools

// Package hosts pins the Pulumi Python and Node.js language hosts that `make engine` builds
// (see engine/README.md for why they come from sdk/v3 v3.68.0).
package hosts

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
