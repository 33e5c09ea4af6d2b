package contract

// SetExportLimit lowers the export row limit for a test; the returned
// function restores it.
func SetExportLimit(n int) (restore func()) {
	old := exportLimit
	exportLimit = n
	return func() { exportLimit = old }
}
