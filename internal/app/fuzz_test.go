package app

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

// fuzzOp is a write operation that takes a body, with the path filled in
// and a client the policy allows to call it.
type fuzzOp struct {
	id, method, path, contentType string
	c                             *client
}

// FuzzWriteBodies sends arbitrary bodies to every write operation that takes
// one, as a caller the policy allows, to a real server with PostgreSQL and
// MinIO behind it, and fails on any 5xx: bad input is the caller's problem
// (4xx), never the server's. The seeds in testdata/fuzz/FuzzWriteBodies run
// with go test; `make fuzz` explores further.
func FuzzWriteBodies(f *testing.F) {
	s := startServer(f)
	ops := fuzzOps(s)
	for _, op := range ops {
		f.Add(op.id, []byte("{}"))
	}
	byID := map[string]fuzzOp{}
	for _, op := range ops {
		byID[op.id] = op
	}
	f.Fuzz(func(t *testing.T, opID string, body []byte) {
		op, ok := byID[opID]
		if !ok {
			// A mutated name still picks an operation, the same one each time.
			h := fnv.New32a()
			_, _ = h.Write([]byte(opID))
			op = ops[int(h.Sum32()%uint32(len(ops)))]
		}
		req, err := http.NewRequest(op.method, s.URL()+op.path, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", op.contentType)
		res, err := op.c.http.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", op.method, op.path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 500 {
			t.Fatalf("%s %s (%s) with body %q: %d %s", op.method, op.path, op.id, body, res.StatusCode, b)
		}
	})
}

// fuzzOps lists the write operations with a body, each with the first
// subject of the authorization matrix allowed to call it, and path
// parameters naming objects of the demo data.
func fuzzOps(s *testServer) []fuzzOp {
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	ownerOrg := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	ids := strings.NewReplacer(
		"{userId}", fmt.Sprint(s.id("SELECT id FROM users WHERE username = 'owner.staff'")),
		"{fileId}", fmt.Sprint(s.id("SELECT COALESCE(min(id), 1) FROM files")),
		"{typeId}", fmt.Sprint(s.id("SELECT min(id) FROM qualification_types")),
		"{itemId}", fmt.Sprint(s.id("SELECT min(id) FROM service_items")),
		"{qualificationId}", fmt.Sprint(s.id("SELECT COALESCE(min(id), 1) FROM qualifications WHERE organisation_id = ?", agencyOrg)),
		"{listingId}", fmt.Sprint(s.id("SELECT COALESCE(min(id), 1) FROM listings WHERE organisation_id = ?", agencyOrg)),
		"{practitionerId}", fmt.Sprint(s.id("SELECT COALESCE(min(id), 1) FROM practitioners WHERE organisation_id = ?", agencyOrg)),
		"{sanctionId}", fmt.Sprint(s.id("SELECT COALESCE(min(id), 1) FROM sanctions WHERE organisation_id = ?", agencyOrg)))
	clients := map[string]*client{}
	clientFor := func(opID string) *client {
		allowed := " " + matrix[opID] + " "
		for _, subj := range matrixSubjects {
			if !strings.Contains(allowed, " "+subj.name+" ") {
				continue
			}
			if clients[subj.name] == nil {
				if subj.username == "" {
					clients[subj.name] = s.anonymous()
				} else {
					clients[subj.name] = s.signIn(subj.username)
				}
			}
			return clients[subj.name]
		}
		return nil
	}
	var ops []fuzzOp
	for path, item := range s.api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Post, item.Put, item.Patch} {
			// Signing out and changing the password would end the
			// sessions the fuzzer acts with.
			if op == nil || op.RequestBody == nil || op.OperationID == "auth.changePassword" {
				continue
			}
			c := clientFor(op.OperationID)
			if c == nil {
				continue
			}
			p := path
			if strings.HasPrefix(p, "/api/v1/agencies/") {
				p = strings.ReplaceAll(p, "{orgId}", fmt.Sprint(agencyOrg))
			}
			p = ids.Replace(strings.ReplaceAll(p, "{orgId}", fmt.Sprint(ownerOrg)))
			ct := "application/json"
			for k := range op.RequestBody.Content {
				ct = k
			}
			if op.OperationID == "files.upload" {
				p += "?purpose=qualification_scan&filename=scan.png"
			}
			ops = append(ops, fuzzOp{id: op.OperationID, method: op.Method, path: p, contentType: ct, c: c})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	if len(ops) < 20 {
		s.t.Fatalf("only %d write operations with a body", len(ops))
	}
	return ops
}
