package procurement

// CloseArgs is the job that closes registration of an announcement at its
// deadline. It is scheduled in the transaction that publishes the
// announcement (ScheduledAt = the deadline) and is unique by its arguments,
// so it runs once however many servers run.
type CloseArgs struct {
	AnnouncementID int64 `json:"announcementId"`
}

// Kind names the job in River's table.
func (CloseArgs) Kind() string { return "procurement.close" }
