package main

import (
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/client-go/kubernetes/scheme"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// outcome is how one YAML document fared.
type outcome struct {
	// id is "<kind>/<name>" ("?" for what the document does not say).
	id string
	// skipped is the reason a custom resource was not checked ("" when it was).
	skipped string
	// problems holds one message per problem; none means the document passed.
	problems []string
}

// checker decodes documents strictly into the Go types of the Kubernetes API (every group
// client-go's scheme registers), as the API server does with fieldValidation=Strict.
type checker struct {
	decoder runtime.Decoder
	// kubernetes is the API's minor version, e.g. "1.35".
	kubernetes string
	// skipGroups are API groups of custom resources to count as skipped instead of refusing.
	skipGroups map[string]bool
}

func newChecker(kubernetes string, skipGroups []string) *checker {
	// Yaml: the document is YAML; Strict: unknown fields, fields in the wrong case and
	// duplicate fields are errors (sigs.k8s.io/json UnmarshalStrict and YAMLToJSONStrict).
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme, json.SerializerOptions{Yaml: true, Strict: true})
	skip := map[string]bool{}
	for _, g := range skipGroups {
		skip[g] = true
	}
	return &checker{decoder: decoder, kubernetes: kubernetes, skipGroups: skip}
}

// header is what the document says about itself, read leniently so a problem line can name it.
type header struct {
	apiVersion, kind, name string
}

func (h header) id() string {
	or := func(s string) string {
		if s == "" {
			return "?"
		}
		return s
	}
	return or(h.kind) + "/" + or(h.name)
}

func readHeader(js []byte) (header, error) {
	var doc interface{}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(js, &doc); err != nil {
		return header{}, err
	}
	m, ok := doc.(map[string]interface{})
	if !ok {
		return header{}, fmt.Errorf("the document is not a mapping")
	}
	str := func(v interface{}) string {
		s, _ := v.(string)
		return s
	}
	h := header{apiVersion: str(m["apiVersion"]), kind: str(m["kind"])}
	if meta, ok := m["metadata"].(map[string]interface{}); ok {
		h.name = str(meta["name"])
		if h.name == "" && str(meta["generateName"]) != "" {
			h.name = str(meta["generateName"]) + "*"
		}
	}
	return h, nil
}

// check validates one YAML document (never empty: see documents).
func (c *checker) check(doc []byte) outcome {
	js, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return outcome{id: "?/?", problems: []string{fmt.Sprintf("not YAML: %v", err)}}
	}
	h, err := readHeader(js)
	if err != nil {
		return outcome{id: "?/?", problems: []string{err.Error()}}
	}
	out := outcome{id: h.id()}
	if h.apiVersion == "" || h.kind == "" {
		for _, f := range []struct{ name, value string }{{"apiVersion", h.apiVersion}, {"kind", h.kind}} {
			if f.value == "" {
				out.problems = append(out.problems, fmt.Sprintf("%s is missing (or not a string)", f.name))
			}
		}
		return out
	}
	gv, err := schema.ParseGroupVersion(h.apiVersion)
	if err != nil {
		out.problems = []string{fmt.Sprintf("apiVersion %q is not an API version", h.apiVersion)}
		return out
	}
	if !scheme.Scheme.IsVersionRegistered(gv) {
		if c.skipGroups[gv.Group] {
			out.skipped = fmt.Sprintf("custom resource of group %s (--skip-group), not part of the Kubernetes %s API", gv.Group, c.kubernetes)
			return out
		}
		out.problems = []string{fmt.Sprintf("unknown apiVersion %q: not served by the Kubernetes %s API", h.apiVersion, c.kubernetes)}
		return out
	}
	if !scheme.Scheme.Recognizes(gv.WithKind(h.kind)) {
		out.problems = []string{fmt.Sprintf("unknown kind %q: apiVersion %s of the Kubernetes %s API has no such kind", h.kind, h.apiVersion, c.kubernetes)}
		return out
	}
	if _, _, err := c.decoder.Decode(doc, nil, nil); err != nil {
		if strict, ok := runtime.AsStrictDecodingError(err); ok {
			for _, e := range strict.Errors() {
				out.problems = append(out.problems, oneLine(e.Error()))
			}
		} else {
			out.problems = []string{oneLine(err.Error())}
		}
	}
	if h.name == "" {
		out.problems = append(out.problems, "metadata.name is missing (and no metadata.generateName)")
	}
	return out
}

// oneLine folds a multi-line error (go-yaml lists one duplicate key per line) into one line.
func oneLine(msg string) string {
	lines := strings.Split(msg, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " ")
}

// registeredGroups lists the API groups of the scheme, for --help.
func registeredGroups() []string {
	seen := map[string]bool{}
	for gvk := range scheme.Scheme.AllKnownTypes() {
		if gvk.Version == runtime.APIVersionInternal {
			continue
		}
		seen[gvk.GroupVersion().String()] = true
	}
	out := make([]string, 0, len(seen))
	for gv := range seen {
		out = append(out, gv)
	}
	sort.Strings(out)
	return out
}
