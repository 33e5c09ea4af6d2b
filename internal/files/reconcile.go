package files

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/jobs"
	"intermart/internal/objects"
)

// purposes are the key prefixes the files service writes under; the
// reconciliation looks nowhere else in the bucket.
var purposes = []string{PurposeQualificationScan, PurposeAnnouncementAttachment, PurposeContractDocument, PurposeDeliverable, PurposeAcceptanceCertificate,
	PurposeComplaintEvidence}

// Reconciled says what a reconciliation removed.
type Reconciled struct {
	Objects int // object versions no file record referred to
	Uploads int // unfinished multipart uploads
}

// Reconcile removes what an interrupted upload leaves in MinIO, when it is
// older than before: object versions that no file record refers to (the
// server stopped between storing the object and recording it, or the
// clean-up after a failed record failed too), and multipart uploads never
// completed (MinIO went away mid-upload). Younger ones may belong to an
// upload still under way, so they are kept. Each removal is logged.
func (s *Service) Reconcile(ctx context.Context, before time.Time, log *slog.Logger) (Reconciled, error) {
	var done Reconciled
	for _, purpose := range purposes {
		prefix := purpose + "/"
		var batch []objects.Version
		flush := func() error {
			n, err := s.removeOrphans(ctx, batch, log)
			done.Objects += n
			batch = batch[:0]
			return err
		}
		err := s.objects.EachVersion(ctx, prefix, func(v objects.Version) error {
			if !v.LastModified.Before(before) {
				return nil
			}
			if batch = append(batch, v); len(batch) == 500 {
				return flush()
			}
			return nil
		})
		if err == nil {
			err = flush()
		}
		if err != nil {
			return done, err
		}
		uploads, err := s.objects.IncompleteUploads(ctx, prefix)
		if err != nil {
			return done, err
		}
		for _, u := range uploads {
			if !u.Initiated.Before(before) {
				continue
			}
			if err := s.objects.AbortUpload(ctx, u.Key, u.UploadID); err != nil {
				return done, err
			}
			log.Info("aborted an unfinished upload", "key", u.Key, "uploadId", u.UploadID, "initiated", u.Initiated)
			done.Uploads++
		}
	}
	return done, nil
}

// removeOrphans removes the versions in batch that no file record refers to.
func (s *Service) removeOrphans(ctx context.Context, batch []objects.Version, log *slog.Logger) (int, error) {
	if len(batch) == 0 {
		return 0, nil
	}
	keys := make([]string, len(batch))
	for i, v := range batch {
		keys[i] = v.Key
	}
	var known []File
	err := s.db.NewSelect().Model(&known).Column("object_key", "version_id").Where("object_key IN (?)", bun.In(keys)).Scan(ctx)
	if err != nil {
		return 0, fmt.Errorf("files of stored objects: %w", err)
	}
	recorded := make(map[[2]string]bool, len(known))
	for _, f := range known {
		recorded[[2]string{f.ObjectKey, f.VersionID}] = true
	}
	removed := 0
	for _, v := range batch {
		if recorded[[2]string{v.Key, v.VersionID}] {
			continue
		}
		if err := s.objects.Remove(ctx, v.Key, v.VersionID); err != nil {
			// Retained by object lock, or MinIO is away: the next run
			// tries again, the other orphans are still removed now.
			log.Warn("could not remove an object without a file record", "key", v.Key, "versionId", v.VersionID, "err", err)
			continue
		}
		log.Info("removed an object without a file record", "key", v.Key, "versionId", v.VersionID,
			"size", v.Size, "lastModified", v.LastModified)
		removed++
	}
	return removed, nil
}

// ReconcileArgs asks for MinIO to be reconciled with the file records.
type ReconcileArgs struct{}

// Kind names the job in River's table.
func (ReconcileArgs) Kind() string { return "files.reconcile" }

type reconcileWorker struct {
	river.WorkerDefaults[ReconcileArgs]
	svc   *Service
	grace time.Duration
	log   *slog.Logger
}

// Work removes leftovers older than the grace period. The age is judged by
// MinIO's timestamps against this server's clock: housekeeping, not a
// business rule, so it does not go through clock.Clock.
func (w *reconcileWorker) Work(ctx context.Context, _ *river.Job[ReconcileArgs]) error {
	done, err := w.svc.Reconcile(ctx, time.Now().Add(-w.grace), w.log)
	if done.Objects > 0 || done.Uploads > 0 {
		w.log.Info("reconciled MinIO with the file records", "objectsRemoved", done.Objects, "uploadsAborted", done.Uploads)
	}
	return err
}

// RegisterJobs adds the files workers and their schedule: leftovers older
// than grace are removed every hour.
func RegisterJobs(setup *jobs.Setup, svc *Service, grace time.Duration, log *slog.Logger) {
	river.AddWorker(setup.Workers, &reconcileWorker{svc: svc, grace: grace, log: log.With("job", ReconcileArgs{}.Kind())})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return ReconcileArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}
