package draw

import (
	"encoding/hex"
	"fmt"
	"time"
)

// Public is the draw as published, the document served at
// GET /api/v1/notices/{code}/draw (see docs/draw.md):
//
//	{"version":"draw-v1","announcementCode":"DLZJ-2026-000123","commitment":"<hex>",
//	 "secret":"<hex>" or null before the draw,"candidates":["<sorted credit codes>"],
//	 "order":["…"],"drawnAt":"<RFC 3339>" or null}
//
// For a tie-break of the price methods, tieRank is the rank at which the
// candidates tied (1 for first place) and the draw's code is
// TieCode(announcementCode, tieRank); it is absent for a draw.
type Public struct {
	Version          string     `json:"version"`
	AnnouncementCode string     `json:"announcementCode"`
	TieRank          int        `json:"tieRank,omitempty"`
	Commitment       string     `json:"commitment"`
	Secret           *string    `json:"secret"`
	Candidates       []string   `json:"candidates"`
	Order            []string   `json:"order"`
	DrawnAt          *time.Time `json:"drawnAt"`
}

// Code is the code the draw was made with: the announcement's, or its
// tie-break code.
func (p Public) Code() string {
	if p.TieRank > 0 {
		return TieCode(p.AnnouncementCode, p.TieRank)
	}
	return p.AnnouncementCode
}

// Drawn reports whether the secret has been revealed.
func (p Public) Drawn() bool { return p.Secret != nil }

// Verify recomputes the published draw (see Verify). A draw not yet made
// (no secret) is an ErrInput.
func (p Public) Verify() error {
	if p.Version != Version {
		return fmt.Errorf("%w: version %q, this verifier knows %s", ErrInput, p.Version, Version)
	}
	if p.Secret == nil {
		return fmt.Errorf("%w: the draw has not been made yet (no secret published)", ErrInput)
	}
	if p.TieRank < 0 {
		return fmt.Errorf("%w: tieRank %d", ErrInput, p.TieRank)
	}
	secret, err := hex.DecodeString(*p.Secret)
	if err != nil || len(secret) != SecretSize {
		return fmt.Errorf("%w: the secret is not %d hex digits", ErrInput, 2*SecretSize)
	}
	return Verify(p.Commitment, secret, p.Code(), p.Candidates, p.Order)
}

// Publish fills in the published document of a draw made with secret.
func Publish(secret []byte, announcementCode string, tieRank int, candidates []string, drawnAt time.Time) (Public, error) {
	p := Public{Version: Version, AnnouncementCode: announcementCode, TieRank: tieRank, Commitment: Commit(secret)}
	sorted, err := Sorted(candidates)
	if err != nil {
		return p, err
	}
	order, err := Order(secret, p.Code(), sorted)
	if err != nil {
		return p, err
	}
	s := hex.EncodeToString(secret)
	at := drawnAt.UTC()
	p.Secret, p.Candidates, p.Order, p.DrawnAt = &s, sorted, order, &at
	return p, nil
}
