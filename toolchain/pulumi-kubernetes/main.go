// Command pulumi-resource-kubernetes serves the Pulumi Kubernetes provider.
//
// It mirrors upstream's provider/cmd/pulumi-resource-kubernetes/main.go. The
// two embedded files are not committed: scripts/toolchain.sh writes them into
// a build copy of this module, from the schema.json and terraform-mapping.json
// shipped inside the provider module, stamped with the pinned version.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
