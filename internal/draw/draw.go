// Package draw is the verifiable draw (随机抽取) draw-v1: commit-reveal with
// a result that is a pure function of (secret, announcement code, candidate
// list), so anyone can recompute it — in the browser (frontend/src/draw)
// and with `intermart verify draw`. docs/draw.md is the specification, with
// a worked example that the tests check.
//
// At publication the server draws a 32-byte secret (NewSecret) and
// publishes its commitment SHA-256(secret) (Commit). At the draw it
// publishes the secret, the sorted candidates and the order (Order): a
// Fisher–Yates shuffle driven by the HMAC-SHA256 stream of the secret over
// "draw-v1|<code>|<counter>", with rejection sampling so that every order
// is equally likely. The first of the order is selected; a reselection
// after an upheld objection takes the next.
//
// The package is pure: no database, no clock.
package draw

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version names this algorithm in the published draw data.
const Version = "draw-v1"

// SecretSize is the length of a draw secret, in bytes.
const SecretSize = 32

// MaxCandidates bounds one draw.
const MaxCandidates = 10000

// Errors; the ones returned wrap one of these with the details.
var (
	// ErrInput: the secret, code or candidates are not valid draw-v1 input.
	ErrInput = errors.New("draw: invalid input")
	// ErrCommitment: the secret does not hash to the published commitment.
	ErrCommitment = errors.New("draw: the secret does not match the commitment")
	// ErrOrder: the published order is not the one the inputs give.
	ErrOrder = errors.New("draw: the order does not match the recomputed one")
)

// NewSecret draws a fresh secret from crypto/rand.
func NewSecret() ([]byte, error) {
	s := make([]byte, SecretSize)
	if _, err := rand.Read(s); err != nil {
		return nil, fmt.Errorf("draw: secret: %w", err)
	}
	return s, nil
}

// Commit returns the commitment to secret published before the draw:
// SHA-256(secret) in lower-case hex.
func Commit(secret []byte) string {
	sum := sha256.Sum256(secret)
	return hex.EncodeToString(sum[:])
}

// TieCode is the code of the draw that breaks a tie of the price methods
// (lowest price, comprehensive score) at rank (1 for a tie for first
// place): "<announcement code>|tie|<rank>".
func TieCode(code string, rank int) string { return code + "|tie|" + strconv.Itoa(rank) }

// TieBreak orders the candidates tied at rank of the announcement with the
// same algorithm and secret as a draw: Order(secret, TieCode(code, rank), tied).
func TieBreak(secret []byte, code string, rank int, tied []string) ([]string, error) {
	if rank < 1 {
		return nil, fmt.Errorf("%w: tie rank %d must be 1 or more", ErrInput, rank)
	}
	return Order(secret, TieCode(code, rank), tied)
}

// Sorted returns the candidates as draw-v1 takes them: a sorted copy
// (byte order), refusing invalid or repeated ones.
func Sorted(candidates []string) ([]string, error) {
	if len(candidates) == 0 || len(candidates) > MaxCandidates {
		return nil, fmt.Errorf("%w: %d candidates, want 1 to %d", ErrInput, len(candidates), MaxCandidates)
	}
	out := slices.Clone(candidates)
	slices.Sort(out) // bytewise
	for i, c := range out {
		if err := checkCandidate(c); err != nil {
			return nil, err
		}
		if i > 0 && out[i-1] == c {
			return nil, fmt.Errorf("%w: candidate %q appears twice", ErrInput, c)
		}
	}
	return out, nil
}

// checkCandidate accepts 1 to 64 characters of printable ASCII (a unified
// social credit code is 18), for which byte order is the same in every
// language.
func checkCandidate(c string) error {
	if len(c) == 0 || len(c) > 64 {
		return fmt.Errorf("%w: candidate %q must be 1 to 64 characters", ErrInput, c)
	}
	for i := 0; i < len(c); i++ {
		if c[i] < 0x21 || c[i] > 0x7e {
			return fmt.Errorf("%w: candidate %q must be printable ASCII without spaces", ErrInput, c)
		}
	}
	return nil
}

func checkCode(code string) error {
	if code == "" || len(code) > 200 || !utf8.ValidString(code) || strings.IndexFunc(code, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w: code %q must be 1 to 200 bytes of UTF-8 without control characters", ErrInput, code)
	}
	return nil
}

// stream yields the uint32 words of the draw's random stream: the blocks
// HMAC-SHA256(key = secret, message = "draw-v1|" + code + "|" + counter),
// counter = 0, 1, 2, … in decimal, each read as eight big-endian uint32.
type stream struct {
	mac     func(counter int) []byte
	counter int
	block   []byte
	pos     int
}

func newStream(secret []byte, code string) *stream {
	return &stream{mac: func(counter int) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(Version + "|" + code + "|" + strconv.Itoa(counter)))
		return m.Sum(nil)
	}}
}

func (s *stream) next() uint32 {
	if s.block == nil || s.pos == len(s.block) {
		s.block = s.mac(s.counter)
		s.counter++
		s.pos = 0
	}
	w := binary.BigEndian.Uint32(s.block[s.pos:])
	s.pos += 4
	return w
}

// uniform returns a number in [0, m) from the stream without modulo bias:
// a word at or above the largest multiple of m below 2^32 is rejected
// and the next one taken.
func (s *stream) uniform(m uint32) uint32 {
	limit := uint64(1<<32) - uint64(1<<32)%uint64(m)
	for {
		if x := s.next(); uint64(x) < limit {
			return x % m
		}
	}
}

// Order returns the full order of the candidates for the draw of code with
// secret: the first is selected, the next would be on a reselection. The
// candidates are sorted first (see Sorted). For i = 0 … n−2, position i
// receives the candidate at i + uniform(n − i) (swapping the two).
func Order(secret []byte, code string, candidates []string) ([]string, error) {
	if len(secret) != SecretSize {
		return nil, fmt.Errorf("%w: the secret must be %d bytes, not %d", ErrInput, SecretSize, len(secret))
	}
	if err := checkCode(code); err != nil {
		return nil, err
	}
	a, err := Sorted(candidates)
	if err != nil {
		return nil, err
	}
	s := newStream(secret, code)
	n := len(a)
	for i := 0; i < n-1; i++ {
		j := i + int(s.uniform(uint32(n-i)))
		a[i], a[j] = a[j], a[i]
	}
	return a, nil
}

// Verify checks a published draw: the secret hashes to the commitment
// (hex), the candidates are published sorted and without repeats, and the
// order is the one they give. The error wraps ErrCommitment, ErrInput or
// ErrOrder and names the first difference.
func Verify(commitment string, secret []byte, code string, candidates, order []string) error {
	want, err := hex.DecodeString(commitment)
	if err != nil || len(want) != sha256.Size {
		return fmt.Errorf("%w: the commitment %q is not 64 hex digits", ErrInput, commitment)
	}
	if got := sha256.Sum256(secret); !bytes.Equal(got[:], want) {
		return fmt.Errorf("%w: SHA-256 of the secret is %x, the commitment is %s", ErrCommitment, got, strings.ToLower(commitment))
	}
	sorted, err := Sorted(candidates)
	if err != nil {
		return err
	}
	if !slices.Equal(sorted, candidates) {
		return fmt.Errorf("%w: the candidates are not published in byte order", ErrInput)
	}
	recomputed, err := Order(secret, code, candidates)
	if err != nil {
		return err
	}
	if len(order) != len(recomputed) {
		return fmt.Errorf("%w: %d candidates in the published order, %d recomputed", ErrOrder, len(order), len(recomputed))
	}
	for i := range recomputed {
		if order[i] != recomputed[i] {
			return fmt.Errorf("%w: position %d is %q, recomputed %q", ErrOrder, i+1, order[i], recomputed[i])
		}
	}
	return nil
}
