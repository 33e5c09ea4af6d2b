package demo

import (
	"bytes"
	"context"
	"fmt"

	"intermart/internal/contract"
)

// LoadContracts moves the contracts of the demo awards on (see
// contract.Service.SeedDemo): those of direct selections awaiting
// registration, one awaiting confirmation, the others active with
// milestones and a first payment.
func LoadContracts(ctx context.Context, svc *contract.Service) error {
	return svc.SeedDemo(ctx, func(c *contract.Contract) []byte {
		return contractPDF(c.Code, fmt.Sprintf("Contract of selection %d, announcement %d", c.SelectionID, c.AnnouncementID),
			"Signed by both parties - demo document")
	})
}

// contractPDF makes a small, valid one-page PDF standing in for a signed
// contract.
func contractPDF(lines ...string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 16 Tf 72 760 Td (SERVICE CONTRACT - DEMO DOCUMENT) Tj ET\n")
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 720-i*22, pdfEscape(l))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}
