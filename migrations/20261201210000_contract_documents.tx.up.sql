-- Files may be signed contract documents (internal/contract's registration),
-- besides qualification scans and announcement attachments (which the Go
-- code already accepted). 'deliverable' is listed too, for the deliverables
-- of internal/contract's submissions, so that either migration may run last.
ALTER TABLE files DROP CONSTRAINT files_purpose_check;
ALTER TABLE files ADD CONSTRAINT files_purpose_check
    CHECK (purpose IN ('qualification_scan', 'announcement_attachment', 'contract_document', 'deliverable'));
