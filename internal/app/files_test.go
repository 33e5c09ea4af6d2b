package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// pngBytes is the start of a PNG file: enough for content sniffing.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 2000)...)

// pdfBytes is a small PDF-looking document.
var pdfBytes = []byte("%PDF-1.4\n% 大理州 qualification scan\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

type uploaded struct {
	ID     int64  `json:"id"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// upload posts body as a qualification scan and expects 201.
func (s *testServer) upload(c *client, filename string, body []byte) uploaded {
	s.t.Helper()
	r := c.postFile(filename, bytes.NewReader(body), int64(len(body)))
	if r.status != 201 {
		s.t.Fatalf("upload %s: %d %s", filename, r.status, r.body)
	}
	var f uploaded
	r.json(s.t, &f)
	return f
}

// postFile sends a file; size -1 streams it chunked, with no length known.
func (c *client) postFile(filename string, body io.Reader, size int64) response {
	c.s.t.Helper()
	req, err := http.NewRequest("POST", c.s.URL()+"/api/v1/files?purpose=qualification_scan&filename="+url.QueryEscape(filename), body)
	if err != nil {
		c.s.t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := c.http.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func TestFiles(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	agency := s.signIn("agency")
	files := func() int { return s.count("SELECT count(*) FROM files") }

	var pdf uploaded
	t.Run("UploadRecordsSHA256", func(t *testing.T) {
		pdf = s.upload(agency, "资质证书.pdf", pdfBytes)
		sum := sha256.Sum256(pdfBytes)
		if pdf.SHA256 != hex.EncodeToString(sum[:]) || pdf.Size != int64(len(pdfBytes)) {
			t.Fatalf("stored %+v, want sha256 %x size %d", pdf, sum, len(pdfBytes))
		}
		var dbSum, contentType string
		if err := s.db.Bun.NewRaw("SELECT sha256, content_type FROM files WHERE id = ?", pdf.ID).Scan(t0, &dbSum, &contentType); err != nil {
			t.Fatal(err)
		}
		if dbSum != pdf.SHA256 || contentType != "application/pdf" {
			t.Fatalf("database has %s %s", dbSum, contentType)
		}
	})

	t.Run("LinkServesTheSameBytes", func(t *testing.T) {
		for _, who := range []string{"agency", "agency.staff", "reg.zwfw", "admin"} {
			r := s.signIn(who).do("POST", fmt.Sprintf("/api/v1/files/%d/link", pdf.ID), nil)
			if r.status != 200 {
				t.Fatalf("%s: link %d %s", who, r.status, r.body)
			}
			var link struct{ URL string }
			r.json(t, &link)
			resp, err := http.Get(link.URL)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Equal(got, pdfBytes) {
				t.Fatalf("%s: downloaded %d bytes that differ from the upload", who, len(got))
			}
		}
		if n := s.count("SELECT count(*) FROM file_downloads WHERE file_id = ?", pdf.ID); n != 4 {
			t.Fatalf("recorded downloads = %d, want 4", n)
		}
	})

	t.Run("ErrOtherAgency", func(t *testing.T) {
		r := s.signIn("agency.erhai").do("POST", fmt.Sprintf("/api/v1/files/%d/link", pdf.ID), nil)
		if r.status != 403 {
			t.Fatalf("other agency: %d, want 403", r.status)
		}
		if r := s.anonymous().do("POST", fmt.Sprintf("/api/v1/files/%d/link", pdf.ID), nil); r.status != 401 {
			t.Fatalf("anonymous: %d, want 401", r.status)
		}
	})

	t.Run("ErrWrongType", func(t *testing.T) {
		before := files()
		r := agency.postFile("scan.pdf", strings.NewReader("just text pretending to be a PDF"), -1)
		if r.status != 422 || !strings.Contains(r.body, `"reason":"file_type"`) {
			t.Fatalf("text upload: %d %s", r.status, r.body)
		}
		if files() != before {
			t.Fatal("a refused upload was recorded")
		}
	})

	t.Run("ErrTooLargeWhileStreaming", func(t *testing.T) {
		before := files()
		// Chunked: the server cannot know the size in advance and must cut
		// the stream off at the limit.
		pr, pw := io.Pipe()
		go func() {
			_, _ = pw.Write(pngBytes)
			chunk := bytes.Repeat([]byte{1}, 64<<10)
			for i := 0; i < 64; i++ { // 4 MiB against a 1 MiB limit
				if _, err := pw.Write(chunk); err != nil {
					return
				}
			}
			pw.Close()
		}()
		r := agency.postFile("huge.png", pr, -1)
		pr.Close()
		if r.status != 413 || !strings.Contains(r.body, "file_too_large") {
			t.Fatalf("oversized upload: %d %s", r.status, r.body)
		}
		if files() != before {
			t.Fatal("an oversized upload was recorded")
		}
	})

	t.Run("ErrTooLargeDeclared", func(t *testing.T) {
		before := files()
		big := append(append([]byte{}, pngBytes...), bytes.Repeat([]byte{1}, 2<<20)...)
		r := agency.postFile("big.png", bytes.NewReader(big), int64(len(big)))
		if r.status != 413 || !strings.Contains(r.body, "file_too_large") {
			t.Fatalf("declared oversized upload: %d %s", r.status, r.body)
		}
		if files() != before {
			t.Fatal("an oversized upload was recorded")
		}
	})

	t.Run("ErrRegulatorCannotUpload", func(t *testing.T) {
		if r := s.signIn("reg.zwfw").postFile("x.pdf", bytes.NewReader(pdfBytes), int64(len(pdfBytes))); r.status != 403 {
			t.Fatalf("regulator upload: %d, want 403", r.status)
		}
	})
	t.Run("OwnerUploadsAnAttachment", func(t *testing.T) {
		// Owners upload the attachments of their announcements.
		if r := s.signIn("owner").postFile("x.pdf", bytes.NewReader(pdfBytes), int64(len(pdfBytes))); r.status != 201 {
			t.Fatalf("owner upload: %d %s, want 201", r.status, r.body)
		}
	})
}
