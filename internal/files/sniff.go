package files

import (
	"bytes"
	"encoding/binary"
	"net/http"
)

// Purposes of the contract capability's files.
const (
	PurposeDeliverable           = "deliverable"            // a file of a milestone's submission
	PurposeAcceptanceCertificate = "acceptance_certificate" // issued at final acceptance
)

// Content types of deliverables beside PDF and the images.
const (
	TypeOFD  = "application/ofd" // GB/T 33190: a ZIP container with OFD.xml
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeOLE2 = "application/x-ole-storage" // legacy .doc and .xls (OLE2 compound file)
	TypeTIFF = "image/tiff"
	TypeDWG  = "image/vnd.dwg"
	TypeZIP  = "application/zip"
)

// DeliverableHead is how many first bytes of a deliverable are read to
// recognise it: enough for a ZIP container's first local headers.
const DeliverableHead = 64 << 10

// sniffDeliverable recognises a deliverable by its first bytes, never by its
// name: PDF, OFD, Word and Excel (OOXML and legacy OLE2), JPEG, PNG, TIFF,
// DWG drawings and ZIP archives. "" means none of them.
func sniffDeliverable(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TypeTIFF
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return TypeOLE2
	case len(head) >= 6 && bytes.HasPrefix(head, []byte("AC10")) && isDigits(head[4:6]):
		return TypeDWG
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return sniffZIP(head)
	}
	return ""
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// sniffZIP names a ZIP container by the entries whose local headers are in
// head: OFD (OFD.xml), Word or Excel (OOXML: [Content_Types].xml with word/
// or xl/), or a plain archive.
func sniffZIP(head []byte) string {
	var contentTypes, word, xl, ofd bool
	for off := 0; off+30 <= len(head); {
		if !bytes.Equal(head[off:off+4], []byte("PK\x03\x04")) {
			break
		}
		flags := binary.LittleEndian.Uint16(head[off+6:])
		compressed := int(binary.LittleEndian.Uint32(head[off+18:]))
		nameLen := int(binary.LittleEndian.Uint16(head[off+26:]))
		extraLen := int(binary.LittleEndian.Uint16(head[off+28:]))
		if off+30+nameLen > len(head) {
			break
		}
		name := string(head[off+30 : off+30+nameLen])
		switch {
		case name == "[Content_Types].xml":
			contentTypes = true
		case name == "OFD.xml":
			ofd = true
		case len(name) > 5 && name[:5] == "word/":
			word = true
		case len(name) > 3 && name[:3] == "xl/":
			xl = true
		}
		next := off + 30 + nameLen + extraLen
		if flags&0x08 != 0 || next+compressed > len(head) {
			// The sizes follow the data (a streaming writer), or the data
			// goes past head: look for the next header's signature.
			i := bytes.Index(head[min(next, len(head)):], []byte("PK\x03\x04"))
			if i < 0 {
				break
			}
			off = next + i
			continue
		}
		off = next + compressed
	}
	switch {
	case ofd:
		return TypeOFD
	case contentTypes && word:
		return TypeDOCX
	case contentTypes && xl:
		return TypeXLSX
	}
	return TypeZIP
}

// sniff recognises an upload of purpose by its first bytes; "" when the
// purpose does not take that kind of file.
func sniff(purpose string, head []byte) string {
	switch purpose {
	case PurposeDeliverable:
		return sniffDeliverable(head)
	case PurposeAcceptanceCertificate:
		if bytes.HasPrefix(head, []byte("%PDF-")) {
			return "application/pdf"
		}
		return ""
	}
	if t := http.DetectContentType(head); allowedTypes[t] {
		return t
	}
	return ""
}

// extensions name the stored objects' keys by type.
var extensions = map[string]string{
	"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", TypeTIFF: ".tif",
	TypeOFD: ".ofd", TypeDOCX: ".docx", TypeXLSX: ".xlsx", TypeOLE2: ".ole", TypeDWG: ".dwg", TypeZIP: ".zip",
}
