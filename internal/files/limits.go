package files

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/errs"
)

// Limits bound what uploads may take of a server and of the store. The
// zero value limits nothing (tests of other capabilities use it).
type Limits struct {
	PerUser   int // uploads one user may have in progress at once (0: any)
	PerServer int // uploads in progress on this server (0: any)
	// An organisation that is not approved yet (an agency that signed up,
	// which anyone can do) may store at most PendingFiles files and
	// PendingBytes bytes, so that sign-ups cannot be used as free storage.
	PendingFiles int
	PendingBytes int64
	// Approved reports whether an organisation is past that quota; nil
	// means every organisation is.
	Approved func(ctx context.Context, orgID int64) (bool, error)
}

// WithLimits sets the limits and returns s.
func (s *Service) WithLimits(l Limits) *Service {
	s.limits = l
	return s
}

// slots counts the uploads in progress on this server, per user.
type slots struct {
	mu      sync.Mutex
	total   int
	perUser map[int64]int
}

// Retry-After for a refused upload: a short wait, as uploads end quickly or
// are cut off by the body rate limit.
const (
	retryUserBusy   = 5 * time.Second
	retryServerBusy = 10 * time.Second
)

// acquire takes a slot for one of userID's uploads, or says why there is
// none: 429 when the user already has PerUser uploads in progress, 503 when
// the server has PerServer. The returned function gives it back.
func (s *Service) acquire(userID int64) (func(), error) {
	s.slots.mu.Lock()
	defer s.slots.mu.Unlock()
	if s.slots.perUser == nil {
		s.slots.perUser = map[int64]int{}
	}
	if s.limits.PerUser > 0 && s.slots.perUser[userID] >= s.limits.PerUser {
		e := errs.New(errs.LockedOut, "uploads_per_user",
			fmt.Sprintf("you already have %d uploads in progress: wait for them to finish", s.limits.PerUser))
		e.RetryAfter = retryUserBusy
		return nil, e
	}
	if s.limits.PerServer > 0 && s.slots.total >= s.limits.PerServer {
		e := errs.New(errs.Unavailable, "uploads_busy", "the server is busy with other uploads: try again shortly")
		e.RetryAfter = retryServerBusy
		return nil, e
	}
	s.slots.total++
	s.slots.perUser[userID]++
	return func() {
		s.slots.mu.Lock()
		defer s.slots.mu.Unlock()
		s.slots.total--
		if s.slots.perUser[userID]--; s.slots.perUser[userID] == 0 {
			delete(s.slots.perUser, userID)
		}
	}, nil
}

// Uploading returns how many uploads are in progress on this server.
func (s *Service) Uploading() int {
	s.slots.mu.Lock()
	defer s.slots.mu.Unlock()
	return s.slots.total
}

// pending reports whether org is held to the pending quota.
func (s *Service) pending(ctx context.Context, org int64) (bool, error) {
	if s.limits.Approved == nil {
		return false, nil
	}
	approved, err := s.limits.Approved(ctx, org)
	if err != nil {
		return false, fmt.Errorf("organisation %d approved: %w", org, err)
	}
	return !approved, nil
}

// checkQuota refuses when org, which is pending, would hold more than the
// quota with adding more bytes.
func (s *Service) checkQuota(ctx context.Context, idb bun.IDB, org, adding int64, files int) error {
	var used struct {
		Count int   `bun:"count"`
		Bytes int64 `bun:"bytes"`
	}
	err := idb.NewSelect().Model((*File)(nil)).ColumnExpr("count(*) AS count, coalesce(sum(size_bytes), 0) AS bytes").
		Where("organisation_id = ?", org).Scan(ctx, &used)
	if err != nil {
		return fmt.Errorf("files of organisation %d: %w", org, err)
	}
	if used.Count+files > s.limits.PendingFiles || used.Bytes+adding > s.limits.PendingBytes {
		return s.quotaError()
	}
	return nil
}

func (s *Service) quotaError() error {
	return errs.New(errs.Conflict, "upload_quota_pending",
		fmt.Sprintf("until the agency is approved it may store at most %d files and %d MB", s.limits.PendingFiles, s.limits.PendingBytes>>20))
}
