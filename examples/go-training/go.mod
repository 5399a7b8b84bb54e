module github.com/pulumi-tione/pulumi-tione/examples/go-training

go 1.26.6

require (
	github.com/pulumi-tione/pulumi-tione/sdk/go v0.0.0
	github.com/pulumi/pulumi/sdk/v3 v3.277.0
)

replace github.com/pulumi-tione/pulumi-tione/sdk/go => ../../sdk/go
