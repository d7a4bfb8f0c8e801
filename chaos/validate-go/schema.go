package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"sigs.k8s.io/yaml"
)

// crdValidators holds, per kind, the schema validator of the chaos-mesh.org/v1alpha1 version
// of its CustomResourceDefinition.
type crdValidators map[string]validation.SchemaValidator

// schemas are the CRD schema validators main loads before validating any document.
var schemas crdValidators

// defaultCRDDir is where the build puts the generated CustomResourceDefinitions: ../crds
// next to the binary's bin/ directory.
func defaultCRDDir() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(filepath.Dir(exe)), "crds"), nil
}

// loadCRDs reads every *.yaml CustomResourceDefinition in dir and builds the API server's
// OpenAPI v3 schema validator for its v1alpha1 version.
func loadCRDs(dir string) (crdValidators, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no CustomResourceDefinition (*.yaml) in %s", dir)
	}
	sort.Strings(files)
	out := crdValidators{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var v1 apiextensionsv1.CustomResourceDefinition
		if err := yaml.UnmarshalStrict(data, &v1); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, version := range v1.Spec.Versions {
			if version.Name != "v1alpha1" || version.Schema == nil || version.Schema.OpenAPIV3Schema == nil {
				continue
			}
			var internal apiextensions.JSONSchemaProps
			if err := apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(version.Schema.OpenAPIV3Schema, &internal, nil); err != nil {
				return nil, fmt.Errorf("%s: converting the schema: %w", file, err)
			}
			validator, _, err := validation.NewSchemaValidator(&internal)
			if err != nil {
				return nil, fmt.Errorf("%s: building the schema validator: %w", file, err)
			}
			out[v1.Spec.Names.Kind] = validator
		}
	}
	return out, nil
}

// check validates an object (decoded JSON) against its kind's CRD schema, as the API server
// does on create; every violation is reported with its field path.
func (c crdValidators) check(kind string, obj map[string]interface{}) error {
	validator, ok := c[kind]
	if !ok {
		return fmt.Errorf("no CustomResourceDefinition for kind %q", kind)
	}
	errs := validation.ValidateCustomResource(nil, obj, validator)
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("CRD schema: %s", strings.Join(msgs, "; "))
}
