-- The purposes a stored file may serve, all of them in one constraint:
-- deliverables (a milestone's submitted files), the acceptance certificate
-- issued at final acceptance, and the contract document. The constraint is
-- dropped and recreated whole, with every purpose known, so that it does not
-- depend on the order in which other migrations altered it.
ALTER TABLE files DROP CONSTRAINT IF EXISTS files_purpose_check;
ALTER TABLE files ADD CONSTRAINT files_purpose_check CHECK (purpose IN (
    'qualification_scan', 'announcement_attachment', 'contract_document',
    'deliverable', 'acceptance_certificate'));

-- The content types recognised by content (internal/files' sniffing):
-- deliverables are also OFD, Word and Excel (OOXML and legacy OLE2), TIFF,
-- DWG and ZIP.
ALTER TABLE files DROP CONSTRAINT IF EXISTS files_content_type_check;
ALTER TABLE files ADD CONSTRAINT files_content_type_check CHECK (content_type IN (
    'application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/vnd.dwg',
    'application/ofd', 'application/zip', 'application/x-ole-storage',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
