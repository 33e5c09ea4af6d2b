package seal

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func mustSealer(t *testing.T) *Sealer {
	t.Helper()
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	s, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSeal(t *testing.T) {
	t.Parallel()
	s := mustSealer(t)
	plain := []byte(`{"quoteFen":12345600}`)
	aad := []byte("registration:42")
	sealed, err := s.Seal(7, plain, aad)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		got, err := s.Open(7, sealed, aad)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("Open = %q, want %q", got, plain)
		}
		if sealed[0] != Version1 || len(sealed) != 1+12+len(plain)+16 {
			t.Fatalf("sealed = %d bytes starting %#x, want version 1 || nonce || ciphertext || tag", len(sealed), sealed[0])
		}
		if bytes.Contains(sealed, []byte("12345600")) {
			t.Fatal("the sealed value contains the plaintext")
		}
	})
	t.Run("FreshNonce", func(t *testing.T) {
		again, err := s.Seal(7, plain, aad)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(again, sealed) {
			t.Fatal("sealing twice gave the same bytes")
		}
	})
	t.Run("ErrTampered", func(t *testing.T) {
		for i := range sealed {
			bad := bytes.Clone(sealed)
			bad[i] ^= 0x01
			if _, err := s.Open(7, bad, aad); !errors.Is(err, ErrOpen) {
				t.Fatalf("byte %d flipped: err = %v, want ErrOpen", i, err)
			}
		}
		if _, err := s.Open(7, sealed[:len(sealed)-1], aad); !errors.Is(err, ErrOpen) {
			t.Fatalf("truncated: err = %v, want ErrOpen", err)
		}
		if _, err := s.Open(7, nil, aad); !errors.Is(err, ErrOpen) {
			t.Fatalf("empty: err = %v, want ErrOpen", err)
		}
	})
	t.Run("ErrWrongAnnouncement", func(t *testing.T) {
		if _, err := s.Open(8, sealed, aad); !errors.Is(err, ErrOpen) {
			t.Fatalf("err = %v, want ErrOpen", err)
		}
	})
	t.Run("ErrWrongAAD", func(t *testing.T) {
		for _, other := range [][]byte{[]byte("registration:43"), nil, []byte("registration:42 ")} {
			if _, err := s.Open(7, sealed, other); !errors.Is(err, ErrOpen) {
				t.Fatalf("aad %q: err = %v, want ErrOpen", other, err)
			}
		}
	})
	t.Run("ErrWrongKey", func(t *testing.T) {
		if _, err := mustSealer(t).Open(7, sealed, aad); !errors.Is(err, ErrOpen) {
			t.Fatalf("err = %v, want ErrOpen", err)
		}
	})
}

// TestPerAnnouncementKeys checks that each announcement has its own key:
// the same plaintext and nonce give different ciphertexts.
func TestPerAnnouncementKeys(t *testing.T) {
	t.Parallel()
	s := mustSealer(t)
	seen := map[string]int64{}
	for id := int64(1); id <= 100; id++ {
		gcm, err := s.aead(id)
		if err != nil {
			t.Fatal(err)
		}
		ct := string(gcm.Seal(nil, make([]byte, 12), make([]byte, 32), nil))
		if prev, ok := seen[ct]; ok {
			t.Fatalf("announcements %d and %d share a key", prev, id)
		}
		seen[ct] = id
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 16, 31, 33, 64} {
		if _, err := New(make([]byte, n)); err == nil {
			t.Errorf("New with a %d-byte key: no error", n)
		}
	}
	key := bytes.Repeat([]byte{0xAB}, KeySize)
	s, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	key[0] = 0 // the caller's slice changing does not change the sealer
	sealed, err := s.Seal(1, []byte("x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := New(bytes.Repeat([]byte{0xAB}, KeySize))
	if _, err := s2.Open(1, sealed, nil); err != nil {
		t.Fatalf("Open with the same key: %v", err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(format, s); strings.Contains(out, "171 171") || strings.Contains(strings.ToLower(out), "abab") {
			t.Errorf("Sprintf(%q) = %q shows the key", format, out)
		}
	}
}
