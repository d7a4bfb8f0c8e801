package main

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// validateCreate runs the object's create validation (webhook.CustomValidator).
func validateCreate(ctx context.Context, obj object) error {
	v, ok := obj.(interface {
		ValidateCreate(context.Context, runtime.Object) (admission.Warnings, error)
	})
	if !ok {
		return fmt.Errorf("%T has no create validation", obj)
	}
	if _, err := v.ValidateCreate(ctx, obj); err != nil {
		return fmt.Errorf("validation: %w", err)
	}
	return nil
}
