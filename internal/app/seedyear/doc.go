// Package seedyear holds the test that reproduces the seed's 2016 table
// (DESIGN.md) by driving a year of the marketplace through the services
// and reading the figures back from the regulators' dashboard and its Excel
// export. It is a package of its own so that its few minutes run beside the
// other packages' tests, outside internal/app's test binary and timeout.
package seedyear
