// Package seal encrypts what must stay unreadable until its time comes —
// the sealed quotes (密封报价) of a procurement announcement — so that a
// database dump taken before the deadline reveals nothing.
//
// Each announcement has its own AES-256-GCM key, derived with HKDF-SHA256
// from the master key (INTERMART_SEAL_KEY), which is kept outside the
// database. A sealed value is
//
//	version (1 byte, 0x01) || nonce (12 random bytes) || AES-256-GCM ciphertext and tag
//
// and GCM's additional data is the version byte followed by the caller's
// aad, e.g. "registration:42", which binds the value to where it is stored:
// a quote copied onto another registration does not open.
//
// The package has no business rules: when a quote may be opened is the
// procurement capability's decision.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
)

// KeySize is the length of the master key and of each derived key, in bytes.
const KeySize = 32

// Version1 is the first byte of every value sealed by this version.
const Version1 byte = 1

const nonceSize = 12

// ErrOpen is returned when a sealed value does not open: the wrong key,
// announcement or aad, or a changed byte. The causes are deliberately not
// told apart.
var ErrOpen = errors.New("seal: the sealed value does not open (wrong key, announcement or aad, or tampered)")

// Sealer seals and opens values with keys derived from one master key. It
// is safe for concurrent use.
type Sealer struct {
	master []byte
}

// New returns a Sealer for master, which must be exactly KeySize bytes of
// random data (e.g. `openssl rand -base64 32`, base64-decoded).
func New(master []byte) (*Sealer, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("seal: the master key must be %d bytes, not %d", KeySize, len(master))
	}
	return &Sealer{master: append([]byte(nil), master...)}, nil
}

// String keeps the key out of logs and error messages.
func (s *Sealer) String() string { return "seal.Sealer{master: [redacted]}" }

// GoString keeps the key out of %#v.
func (s *Sealer) GoString() string { return s.String() }

// info is HKDF's info string of the announcement's key.
func info(announcementID int64) string {
	return "intermart seal v1 announcement " + strconv.FormatInt(announcementID, 10)
}

func (s *Sealer) aead(announcementID int64) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, s.master, nil, info(announcementID), KeySize)
	if err != nil {
		return nil, fmt.Errorf("seal: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return cipher.NewGCM(block)
}

func additionalData(aad []byte) []byte {
	return append([]byte{Version1}, aad...)
}

// Seal encrypts plaintext with the announcement's key, bound to aad.
func (s *Sealer) Seal(announcementID int64, plaintext, aad []byte) ([]byte, error) {
	gcm, err := s.aead(announcementID)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+nonceSize, 1+nonceSize+len(plaintext)+gcm.Overhead())
	out[0] = Version1
	if _, err := rand.Read(out[1 : 1+nonceSize]); err != nil {
		return nil, fmt.Errorf("seal: nonce: %w", err)
	}
	return gcm.Seal(out, out[1:1+nonceSize], plaintext, additionalData(aad)), nil
}

// Open decrypts a value Seal returned for the same announcement and aad. It
// returns ErrOpen when the value was sealed otherwise or has been changed.
func (s *Sealer) Open(announcementID int64, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < 1+nonceSize+16 {
		return nil, fmt.Errorf("seal: a sealed value of %d bytes is too short: %w", len(sealed), ErrOpen)
	}
	if sealed[0] != Version1 {
		return nil, fmt.Errorf("seal: unknown version %d: %w", sealed[0], ErrOpen)
	}
	gcm, err := s.aead(announcementID)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, sealed[1:1+nonceSize], sealed[1+nonceSize:], additionalData(aad))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
