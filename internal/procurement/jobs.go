package procurement

// CloseArgs closes registration of an announcement at its deadline. It is
// inserted in the publishing transaction, scheduled at the deadline.
type CloseArgs struct {
	AnnouncementID int64 `json:"announcementId"`
}

// Kind names the job in River's table.
func (CloseArgs) Kind() string { return "procurement.close" }
