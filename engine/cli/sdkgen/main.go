// Command sdkgen generates the tione SDKs for Node.js and Go from schema.json (`make sdks`).
//
// It binds the schema with Pulumi's schema package and hands it to Pulumi's own code generators,
// github.com/pulumi/pulumi/pkg/v3/codegen/nodejs.GeneratePackage and .../codegen/go.GeneratePackage,
// at the version engine/cli/go.mod pins: the code that the current pulumi-language-nodejs and
// pulumi-language-go hosts run for `pulumi package gen-sdk` and `pulumi package add`. Those hosts
// are modules the Go module proxy does not serve (engine/README.md), so this calls their generators
// directly, with the same arguments (tool name, local SDK, no extra files) as the hosts pass.
//
// The schema references no other package, so the loader that binding needs loads none: no plugin
// is started and nothing is downloaded.
//
// Usage (from engine/cli):
//
//	go run ./sdkgen -schema ../../schema.json -nodejs ../../sdk/nodejs -go ../../sdk/go
//
// Each output folder is emptied first, except what is not generated: go.mod and go.sum (sdk/go
// is its own Go module), node_modules and bin (npm and tsc output, git-ignored).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// kept are the names in an output folder that the generators do not write.
var kept = map[string]bool{"go.mod": true, "go.sum": true, "node_modules": true, "bin": true}

// noLoader is the schema loader: tione's schema depends on no other package.
type noLoader struct{}

var errNoPackages = errors.New("sdkgen loads no packages: the schema must not reference another package")

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoPackages
}

func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoPackages
}

func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoPackages
}

func (noLoader) LoadPackageReferenceV2(
	context.Context, *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, errNoPackages
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema (JSON)")
	version := flag.String("version", "", "override the schema's version (the SDKs are stamped with it)")
	nodejsDir := flag.String("nodejs", "", "write the Node.js SDK here (skipped when empty)")
	goDir := flag.String("go", "", "write the Go SDK here (skipped when empty)")
	flag.Parse()
	if err := run(*schemaPath, *version, *nodejsDir, *goDir); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

// bind reads and binds the schema, with the version set. Each generator gets a package of its
// own: GeneratePackage records its language's options in the package it is given.
func bind(schemaPath, version string) (*schema.Package, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	if version != "" {
		spec.Version = version
	}
	// The options the language hosts bind with (GeneratePackage of pulumi-language-nodejs/-go).
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, fmt.Errorf("binding %s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("binding %s: %w", schemaPath, diags)
	}
	return pkg, nil
}

func run(schemaPath, version, nodejsDir, goDir string) error {
	if nodejsDir != "" {
		pkg, err := bind(schemaPath, version)
		if err != nil {
			return err
		}
		// As pulumi-language-nodejs for `pulumi package add`: a local SDK (compiled by its
		// postinstall script when installed from a folder).
		files, err := nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, true, noLoader{})
		if err != nil {
			return fmt.Errorf("generating the Node.js SDK: %w", err)
		}
		if err := write(nodejsDir, files); err != nil {
			return err
		}
	}
	if goDir != "" {
		pkg, err := bind(schemaPath, version)
		if err != nil {
			return err
		}
		files, err := gogen.GeneratePackage("pulumi-language-go", pkg, nil)
		if err != nil {
			return fmt.Errorf("generating the Go SDK: %w", err)
		}
		if err := write(goDir, files); err != nil {
			return err
		}
	}
	return nil
}

// write empties dir (but for the kept names) and writes files into it.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, entry := range entries {
		if !kept[entry.Name()] {
			if err := os.RemoveAll(filepath.Join(dir, entry.Name())); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("sdkgen: wrote %d files in %s\n", len(names), dir)
	return nil
}
