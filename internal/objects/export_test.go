package objects

import "github.com/minio/minio-go/v7"

// LinkClient is the client that signs download links, for tests of what its
// credentials may do.
func (s *Store) LinkClient() *minio.Client { return s.presigner }
