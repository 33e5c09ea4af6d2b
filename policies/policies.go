// Package policies embeds the Casbin model and policy: the single reviewable
// source of who may do what in the marketplace.
package policies

import _ "embed"

// Model is the Casbin model (model.conf).
//
//go:embed model.conf
var Model string

// Policy is the Casbin policy (policy.csv).
//
//go:embed policy.csv
var Policy string
