package queue

import (
	"context"

	"app.margin/margin/importer"
	"app.margin/margin/storage"
)

// Service is the import and the clipping queue of one library, for a caller
// that keeps them for as long as the library is open (the GUI): the
// functions of this package with the library and the clipper bound.
type Service struct {
	Library *storage.Library
	Clipper Clipper // default clip.NewClient()
}

// Preview is Preview on s's library.
func (s *Service) Preview(ctx context.Context, res *importer.Result, opts ImportOptions) (ImportReport, error) {
	return Preview(ctx, s.Library, res, opts)
}

// Import is Import into s's library.
func (s *Service) Import(ctx context.Context, res *importer.Result, opts ImportOptions, progress func(done, total int)) (ImportReport, error) {
	return Import(ctx, s.Library, res, opts, progress)
}

// Waiting counts the rows a Run would fetch: pending ones, and those left
// running by a run that was killed (Run makes them pending again).
func (s *Service) Waiting(ctx context.Context) (int, error) {
	st, err := s.Library.QueueStatus(ctx)
	if err != nil {
		return 0, err
	}
	return st.Pending + st.Running, nil
}

// Run runs the queue to its end with the default politeness, calling
// onEvent (if set) after each page; see Runner.Run.
func (s *Service) Run(ctx context.Context, onEvent func(Event)) (Summary, error) {
	r := &Runner{Library: s.Library, Clipper: s.Clipper, OnEvent: onEvent}
	return r.Run(ctx)
}

// Status counts the queue's rows by state, its Failures being the first
// failed rows, oldest first, at most failures of them (none for 0).
func (s *Service) Status(ctx context.Context, failures int) (storage.QueueStatus, error) {
	st, err := s.Library.QueueStatus(ctx)
	if err != nil {
		return storage.QueueStatus{}, err
	}
	st.Failures = nil
	if failures > 0 && st.Failed > 0 {
		if st.Failures, err = s.Library.QueueItems(ctx, storage.QueueFailed, failures); err != nil {
			return storage.QueueStatus{}, err
		}
	}
	return st, nil
}

// RetryFailed makes the failed rows pending again; see
// storage.Library.RetryFailed.
func (s *Service) RetryFailed(ctx context.Context) (int, error) {
	return s.Library.RetryFailed(ctx)
}

// CancelWaiting gives up the pending rows; see storage.Library.CancelQueue.
func (s *Service) CancelWaiting(ctx context.Context) (int, error) {
	return s.Library.CancelQueue(ctx)
}
