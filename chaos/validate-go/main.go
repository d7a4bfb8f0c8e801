// Command chaos-validate checks generated Chaos Mesh objects as the API server and the Chaos
// Mesh webhooks would on create: against the OpenAPI schema of each kind's
// CustomResourceDefinition (the API server's own validator, k8s.io/apiextensions-apiserver),
// then by decoding them strictly into the Go API types of github.com/chaos-mesh/chaos-mesh/api
// (the pinned version in go.mod) and running the types' admission defaulting and validation.
//
// Usage:
//
//	chaos-validate [--crds DIR] FILE...   validate every YAML document of each file ("-" reads stdin)
//	chaos-validate --version              print the API module version it was built with
//
// DIR holds the CustomResourceDefinitions (default: ../crds next to the binary's directory,
// where scripts/build-chaos-validate.sh puts the ones controller-gen generates from the pinned
// API source). Schema violations (a value above a maximum, outside an enum, of the wrong type)
// are reported with their field path. Decoding uses sigs.k8s.io/json UnmarshalStrict, as the
// Kubernetes API server does for strict field validation: an unknown field, a field in the
// wrong case or a duplicate field is an error. One line per document: "ok <source> <Kind>/<name>"
// or "error <source> <Kind>/<name>: <reason>". Exit status 1 when any document fails, 2 on
// usage errors or unreadable CRDs.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/chaos-mesh/chaos-mesh/api/v1alpha1"
	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/runtime"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

const apiModule = "github.com/chaos-mesh/chaos-mesh/api"

// defaulter is the admission defaulting interface (webhook.CustomDefaulter) the API types implement.
type defaulter interface {
	Default(ctx context.Context, obj runtime.Object) error
}

type object interface {
	runtime.Object
	GetName() string
}

func newObject(kind string) (object, error) {
	switch kind {
	case "Schedule":
		return &v1alpha1.Schedule{}, nil
	case "Workflow":
		return &v1alpha1.Workflow{}, nil
	case "StatusCheck":
		return &v1alpha1.StatusCheck{}, nil
	case "PodChaos":
		return &v1alpha1.PodChaos{}, nil
	case "NetworkChaos":
		return &v1alpha1.NetworkChaos{}, nil
	case "StressChaos":
		return &v1alpha1.StressChaos{}, nil
	case "DNSChaos":
		return &v1alpha1.DNSChaos{}, nil
	case "HTTPChaos":
		return &v1alpha1.HTTPChaos{}, nil
	}
	return nil, fmt.Errorf("kind %q is not a Chaos Mesh kind this validator knows (Schedule, Workflow, StatusCheck, PodChaos, NetworkChaos, StressChaos, DNSChaos, HTTPChaos)", kind)
}

// admit runs defaulting then validation of one object, as the mutating and validating webhooks do.
func admit(obj object) error {
	ctx := context.Background()
	if d, ok := obj.(defaulter); ok {
		if err := d.Default(ctx, obj); err != nil {
			return fmt.Errorf("defaulting: %w", err)
		}
	}
	return validateCreate(ctx, obj)
}

// checkWorkflow validates a workflow spec as a Workflow object, and each StatusCheck template as a StatusCheck.
func checkWorkflow(name string, spec *v1alpha1.WorkflowSpec) error {
	wf := &v1alpha1.Workflow{Spec: *spec.DeepCopy()}
	wf.Name = name
	if err := admit(wf); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	for i, t := range spec.Templates {
		if t.Type == v1alpha1.TypeStatusCheck {
			if t.StatusCheck == nil {
				return fmt.Errorf("spec.templates[%d] (%s): StatusCheck template without statusCheck", i, t.Name)
			}
			sc := &v1alpha1.StatusCheck{Spec: *t.StatusCheck.DeepCopy()}
			sc.Name = name + "-" + t.Name
			if err := admit(sc); err != nil {
				return fmt.Errorf("spec.templates[%d] (%s): status check: %w", i, t.Name, err)
			}
		}
	}
	return nil
}

func validateDocument(doc []byte) (string, error) {
	js, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return "?", fmt.Errorf("not YAML: %w", err)
	}
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(js, &meta); err != nil {
		return "?", fmt.Errorf("not an object: %w", err)
	}
	id := meta.Kind + "/" + meta.Metadata.Name
	if meta.APIVersion != "chaos-mesh.org/v1alpha1" {
		return id, fmt.Errorf("apiVersion %q is not chaos-mesh.org/v1alpha1", meta.APIVersion)
	}
	obj, err := newObject(meta.Kind)
	if err != nil {
		return id, err
	}
	// In the API server's order: unknown fields (strict field validation), then the CRD schema,
	// then the webhooks; a value of the wrong type is reported by the schema, in its words.
	strict, decodeErr := kjson.UnmarshalStrict(js, obj)
	if len(strict) > 0 {
		msgs := make([]string, len(strict))
		for i, e := range strict {
			msgs[i] = e.Error()
		}
		return id, fmt.Errorf("strict decoding: %s", strings.Join(msgs, "; "))
	}
	var raw map[string]interface{}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(js, &raw); err != nil {
		return id, fmt.Errorf("not an object: %w", err)
	}
	if err := schemas.check(meta.Kind, raw); err != nil {
		return id, err
	}
	if decodeErr != nil {
		return id, fmt.Errorf("decoding: %w", decodeErr)
	}
	if err := admit(obj); err != nil {
		return id, err
	}
	switch o := obj.(type) {
	case *v1alpha1.Schedule:
		if o.Spec.Type == v1alpha1.ScheduleTypeWorkflow {
			if o.Spec.Workflow == nil {
				return id, fmt.Errorf("spec.type is Workflow but spec.workflow is missing")
			}
			if err := checkWorkflow(o.Name, o.Spec.Workflow); err != nil {
				return id, fmt.Errorf("spec.workflow: %w", err)
			}
		}
	case *v1alpha1.Workflow:
		if err := checkWorkflow(o.Name, &o.Spec); err != nil {
			return id, err
		}
	}
	return id, nil
}

var separator = regexp.MustCompile(`(?m)^---\s*$`)

// documents splits a YAML stream; documents holding only comments are skipped.
func documents(data []byte) [][]byte {
	var out [][]byte
	for _, part := range separator.Split(string(data), -1) {
		empty := true
		for _, line := range strings.Split(part, "\n") {
			t := strings.TrimSpace(line)
			if t != "" && !strings.HasPrefix(t, "#") {
				empty = false
				break
			}
		}
		if !empty {
			out = append(out, []byte(part))
		}
	}
	return out
}

func apiVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, dep := range info.Deps {
		if dep.Path == apiModule {
			return dep.Version
		}
	}
	return "unknown"
}

func main() {
	logf.SetLogger(logr.Discard())
	args := os.Args[1:]
	if len(args) == 1 && args[0] == "--version" {
		fmt.Printf("%s %s\n", apiModule, apiVersion())
		return
	}
	crdDir, err := defaultCRDDir()
	if len(args) >= 2 && args[0] == "--crds" {
		crdDir, err = args[1], nil
		args = args[2:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: chaos-validate [--crds DIR] FILE... (\"-\" for stdin) | --version")
		os.Exit(2)
	}
	if err == nil {
		schemas, err = loadCRDs(crdDir)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "chaos-validate: CustomResourceDefinitions: %v\n", err)
		os.Exit(2)
	}
	failed := 0
	total := 0
	for _, file := range args {
		var data []byte
		var err error
		if file == "-" {
			data, err = io.ReadAll(os.Stdin)
		} else {
			data, err = os.ReadFile(file)
		}
		if err != nil {
			fmt.Printf("error %s: %v\n", file, err)
			failed++
			continue
		}
		docs := documents(bytes.TrimSpace(data))
		if len(docs) == 0 {
			fmt.Printf("error %s: no YAML document\n", file)
			failed++
			continue
		}
		for i, doc := range docs {
			total++
			source := file
			if len(docs) > 1 {
				source = fmt.Sprintf("%s#%d", file, i)
			}
			id, err := validateDocument(doc)
			if err != nil {
				fmt.Printf("error %s %s: %v\n", source, id, err)
				failed++
			} else {
				fmt.Printf("ok %s %s\n", source, id)
			}
		}
	}
	fmt.Printf("%d passed, %d failed\n", total-failed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
