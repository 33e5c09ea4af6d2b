package procurement

// SetAnnouncementExportLimit lowers the export row limit for a test; the
// returned function restores it.
func SetAnnouncementExportLimit(n int) (restore func()) {
	old := announcementExportLimit
	announcementExportLimit = n
	return func() { announcementExportLimit = old }
}
