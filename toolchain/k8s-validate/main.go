// Command k8s-validate checks Kubernetes manifests against the API of one Kubernetes version:
// every YAML document is decoded strictly into the Go types of k8s.io/api (all groups that
// k8s.io/client-go's scheme registers) at the version pinned in go.mod, as the API server does
// with fieldValidation=Strict. Refused: an unknown field (a typo such as securityContxt or
// periodSecond), a field in the wrong case, a duplicate field, a value of the wrong type, an
// apiVersion or kind the API does not have, a missing metadata.name.
//
// Usage:
//
//	k8s-validate [--skip-group GROUP]... FILE...   check every YAML document of each file ("-": stdin)
//	k8s-validate --version                         the Kubernetes version and k8s.io/api module
//	k8s-validate --api-versions                    every apiVersion the validator knows
//
// Output: one line per problem, "<file>: <kind>/<name>: <problem>"; one line per document of a
// --skip-group group (custom resources this tool has no types for), "<file>: <kind>/<name>:
// skipped: <reason>", then "<K> skipped" when K > 0; last "<N> passed, <M> failed" (documents).
// Exit status 1 when any document failed, 2 on a usage error.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"sigs.k8s.io/yaml"
)

const apiModule = "k8s.io/api"

const usage = `usage: k8s-validate [--skip-group GROUP]... FILE...   ("-" reads stdin)
       k8s-validate --version | --api-versions`

// apiModuleVersion is the k8s.io/api version the binary was built with (from its build info).
func apiModuleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == apiModule {
				return dep.Version
			}
		}
	}
	return "unknown"
}

// kubernetesVersion maps k8s.io/api v0.X.Y to Kubernetes 1.X.Y (full) and 1.X (minor).
func kubernetesVersion(module string) (full, minor string) {
	parts := strings.SplitN(strings.TrimPrefix(module, "v0."), ".", 2)
	if len(parts) != 2 || !strings.HasPrefix(module, "v0.") {
		return "unknown", "unknown"
	}
	return "1." + parts[0] + "." + parts[1], "1." + parts[0]
}

// separator is a line that ends one YAML document and starts the next.
var separator = regexp.MustCompile(`^---[ \t]*(#.*)?$`)

// documents splits a YAML stream at "---" lines. Each document is padded with the empty lines
// that precede it in the file, so line numbers in YAML errors are the file's. Documents holding
// nothing (only comments or whitespace, or an explicit null) are dropped, as kubectl drops them.
func documents(data []byte) [][]byte {
	var out [][]byte
	lines := strings.SplitAfter(string(data), "\n")
	start := 0
	flush := func(end int) {
		doc := []byte(strings.Repeat("\n", start) + strings.Join(lines[start:end], ""))
		if js, err := yaml.YAMLToJSON(doc); err != nil || (len(bytes.TrimSpace(js)) != 0 && string(bytes.TrimSpace(js)) != "null") {
			out = append(out, doc)
		}
	}
	for i, line := range lines {
		if separator.MatchString(strings.TrimRight(line, "\r\n")) {
			flush(i)
			start = i + 1
		}
	}
	flush(len(lines))
	return out
}

func read(file string) ([]byte, error) {
	if file == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(file)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	module := apiModuleVersion()
	full, minor := kubernetesVersion(module)
	var skipGroups, files []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--version" && len(args) == 1:
			fmt.Fprintf(stdout, "k8s-validate: Kubernetes %s API (%s %s)\n", full, apiModule, module)
			return 0
		case a == "--api-versions" && len(args) == 1:
			for _, gv := range registeredGroups() {
				fmt.Fprintln(stdout, gv)
			}
			return 0
		case a == "--skip-group":
			if i+1 == len(args) || args[i+1] == "" {
				fmt.Fprintf(stderr, "k8s-validate: --skip-group needs a group\n%s\n", usage)
				return 2
			}
			i++
			skipGroups = append(skipGroups, args[i])
		case strings.HasPrefix(a, "--skip-group="):
			skipGroups = append(skipGroups, strings.TrimPrefix(a, "--skip-group="))
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(stderr, "k8s-validate: unknown option %s\n%s\n", a, usage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	c := newChecker(minor, skipGroups)
	passed, failed, skipped := 0, 0, 0
	for _, file := range files {
		data, err := read(file)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", file, err)
			failed++
			continue
		}
		for _, doc := range documents(data) {
			o := c.check(doc)
			switch {
			case o.skipped != "":
				fmt.Fprintf(stdout, "%s: %s: skipped: %s\n", file, o.id, o.skipped)
				skipped++
			case len(o.problems) > 0:
				for _, p := range o.problems {
					fmt.Fprintf(stdout, "%s: %s: %s\n", file, o.id, p)
				}
				failed++
			default:
				passed++
			}
		}
	}
	if skipped > 0 {
		fmt.Fprintf(stdout, "%d skipped\n", skipped)
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return 1
	}
	return 0
}
