package contract

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"intermart/internal/clock"
)

// certificateData is what an acceptance certificate states.
type certificateData struct {
	Code          string
	ContractCode  string
	OwnerCredit   string // the parties' unified social credit codes (ASCII)
	AgencyCredit  string
	AcceptedAt    time.Time
	VerifyURL     string
	Files         []DeliverableFile
	OwnerName     string
	AgencyName    string
	ContractTitle string
}

// asciiOnly keeps what the PDF's built-in fonts can show: Chinese text is
// replaced, and the certificate's QR link leads to the full record (see
// docs/decisions.md, "Acceptance certificates").
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// certificatePDF renders an acceptance certificate: the contract, the
// parties, the date, each accepted file's name and SHA-256, and a QR code of
// the public verification link.
func certificatePDF(d certificateData) ([]byte, error) {
	qr, err := qrcode.Encode(d.VerifyURL, qrcode.Medium, 256)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	// Uncompressed: the hashes can be found in the file with any tool.
	pdf.SetCompression(false)
	pdf.SetTitle("Acceptance certificate "+d.Code, false)
	pdf.SetCreator("intermart", false)
	pdf.SetCreationDate(d.AcceptedAt)
	pdf.SetModificationDate(d.AcceptedAt)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 12, "Acceptance certificate (YANSHOU)", "", 1, "C", false, 0, "")
	pdf.SetFont("Helvetica", "", 11)
	row := func(label, value string) {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(45, 7, label, "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 7, asciiOnly(value), "", "L", false)
	}
	row("Certificate", d.Code)
	row("Contract", d.ContractCode)
	row("Owner (credit code)", d.OwnerCredit)
	row("Agency (credit code)", d.AgencyCredit)
	row("Accepted", d.AcceptedAt.In(clock.Shanghai).Format("2006-01-02 15:04")+" (Asia/Shanghai)")
	row("Verify at", d.VerifyURL)
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "B", 11)
	pdf.CellFormat(0, 8, "Accepted documents (SHA-256)", "", 1, "L", false, 0, "")
	for _, f := range d.Files {
		pdf.SetFont("Helvetica", "", 9)
		pdf.MultiCell(0, 5, fmt.Sprintf("%s  (%d bytes)", asciiOnly(f.Filename), f.Size), "", "L", false)
		pdf.SetFont("Courier", "", 9)
		pdf.MultiCell(0, 5, f.SHA256, "", "L", false)
		pdf.Ln(1)
	}
	pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(qr))
	pdf.ImageOptions("qr", 150, pdf.GetY()+4, 40, 40, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("certificate pdf: %w", err)
	}
	return out.Bytes(), nil
}
