package app

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestTodoCountsEqualQueues checks every role's to-do board: it offers the
// tasks of that role, and each count equals the rows of the queue the task
// links to, read through that queue's own operation with the same filter.
func TestTodoCountsEqualQueues(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	// The expiry warnings the demo's agencies have unread are sent by a job
	// that runs at start; send them now, so that the job cannot add any
	// between reading a count and reading its queue.
	if _, err := s.caps.agency.WarnExpiring(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Something expires soon, so the expiry queues are not empty.
	s.id(`UPDATE qualifications SET valid_to = current_date + 10 WHERE id = (SELECT q.id FROM qualifications q
		JOIN users u ON u.organisation_id = q.organisation_id WHERE u.username = 'agency' AND q.status = 'approved' ORDER BY q.id LIMIT 1) RETURNING id`)

	type item struct {
		ReadAt        *string `json:"readAt"`
		Status        string  `json:"status"`
		PendingStatus *string `json:"pendingStatus"`
	}
	rows := func(t *testing.T, c *client, path string) []item {
		t.Helper()
		r := c.do("GET", path, nil)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %s", path, r.status, r.body)
		}
		var list struct{ Items []item }
		r.json(t, &list)
		return list.Items
	}
	total := func(t *testing.T, c *client, path string) int {
		t.Helper()
		r := c.do("GET", path, nil)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %s", path, r.status, r.body)
		}
		var list struct{ Total int }
		r.json(t, &list)
		return list.Total
	}
	// queue reads the rows a task's count must equal.
	queue := func(t *testing.T, c *client, org int64, key string) int {
		t.Helper()
		switch key {
		case "applicationReviews":
			return len(rows(t, c, "/api/v1/reviews?subject=profile"))
		case "listingReviews":
			return len(rows(t, c, "/api/v1/reviews?subject=listing"))
		case "pendingAgencies":
			return len(rows(t, c, "/api/v1/agencies?status=pending_review"))
		case "sanctionsInForce":
			return len(rows(t, c, "/api/v1/agencies?sanction=in_force"))
		case "expiringQualifications":
			return len(rows(t, c, "/api/v1/qualifications/expiring"))
		case "unreadNotifications":
			n := 0
			for _, it := range rows(t, c, "/api/v1/notifications") {
				if it.ReadAt == nil {
					n++
				}
			}
			return n
		case "contractsToRegister":
			return len(rows(t, c, "/api/v1/contracts?todo=register"))
		case "contractsToConfirm":
			return len(rows(t, c, "/api/v1/contracts?todo=confirm"))
		case "amendmentsToDecide":
			return len(rows(t, c, "/api/v1/contracts?todo=amendment"))
		case "choicesDue":
			return len(rows(t, c, "/api/v1/announcements?todo=choose"))
		case "objectionsToAnswer":
			return len(rows(t, c, "/api/v1/announcements?todo=objections"))
		case "redFlagsToReview":
			return total(t, c, "/api/v1/supervision/red-flags?status=open")
		case "complaintsToAccept":
			return len(rows(t, c, "/api/v1/complaints?status=filed"))
		case "complaintsToDecide":
			return len(rows(t, c, "/api/v1/complaints?status=accepted"))
		case "redWarnings":
			return total(t, c, "/api/v1/warnings?level=red")
		case "organisationUsers":
			return len(rows(t, c, fmt.Sprintf("/api/v1/organisations/%d/users", org)))
		case "returned":
			r := c.do("GET", fmt.Sprintf("/api/v1/agencies/%d/application", org), nil)
			var app struct {
				Profile        item
				Qualifications []item
				Listings       []item
			}
			r.json(t, &app)
			n := 0
			if app.Profile.Status == "rejected" {
				n++
			}
			for _, q := range app.Qualifications {
				if q.Status == "rejected" {
					n++
				}
			}
			for _, l := range app.Listings {
				if l.PendingStatus != nil && *l.PendingStatus == "rejected" {
					n++
				}
			}
			return n
		}
		t.Fatalf("task %s links to no known queue", key)
		return 0
	}

	// The contract queues close the boards of owners and agencies; the
	// procurement queues (direct choices due, objections to answer) the owners'.
	contracts := []string{"contractsToRegister", "contractsToConfirm", "amendmentsToDecide"}
	// The supervision queues close every board but the platform
	// administrator's: regulators' with red flags and complaints too.
	regulators := []string{"redFlagsToReview", "complaintsToAccept", "complaintsToDecide", "redWarnings"}
	owners := []string{"organisationUsers", contracts[0], contracts[1], contracts[2], "choicesDue", "objectionsToAnswer", "redWarnings"}
	agencies := []string{"returned", "expiringQualifications", "unreadNotifications", contracts[0], contracts[1], contracts[2], "redWarnings"}
	for _, tc := range []struct {
		username string
		tasks    []string
		nonZero  []string // tasks the demo data gives rows
	}{
		{"admin", []string{"applicationReviews", "listingReviews", "pendingAgencies", "sanctionsInForce"},
			[]string{"applicationReviews", "listingReviews", "pendingAgencies", "sanctionsInForce"}},
		{"reg.zwfw", append([]string{"applicationReviews", "listingReviews", "pendingAgencies", "expiringQualifications", "sanctionsInForce"}, regulators...),
			[]string{"applicationReviews", "pendingAgencies", "expiringQualifications", "sanctionsInForce"}},
		{"reg.sthj", append([]string{"listingReviews", "expiringQualifications", "sanctionsInForce"}, regulators...),
			[]string{"expiringQualifications", "sanctionsInForce"}},
		{"owner", owners, []string{"organisationUsers"}},
		{"owner.staff", owners, []string{"organisationUsers"}},
		{"agency", agencies, nil},
		// The demo gives this agency a qualification within the notice period.
		{"agency.guihua", agencies, []string{"expiringQualifications", "unreadNotifications"}},
		{"agency.jizushan", agencies, []string{"unreadNotifications"}},
		{"agency.pending", agencies, nil},
	} {
		t.Run(tc.username, func(t *testing.T) {
			c := s.signIn(tc.username)
			org := s.id("SELECT organisation_id FROM users WHERE username = ?", tc.username)
			var keys []string
			for _, task := range todoTasks(t, c) {
				keys = append(keys, task.Key)
				if want := queue(t, c, org, task.Key); task.Count != want {
					// The server's jobs (a notification, a warning) may have
					// added a row between the two reads: read the board
					// again, after the queue.
					if again := todoCount(t, c, task.Key); again != want {
						t.Errorf("%s: count %d (then %d), but its queue has %d rows", task.Key, task.Count, again, want)
					}
				}
				if slices.Contains(tc.nonZero, task.Key) && task.Count == 0 {
					t.Errorf("%s: count 0, want rows from the demo data", task.Key)
				}
			}
			if !slices.Equal(keys, tc.tasks) {
				t.Errorf("tasks %v, want %v", keys, tc.tasks)
			}
		})
	}
}

// TestAgencyListSanctionFilter checks the regulators' agency list: it shows
// the sanction in force on each agency and filters by it on the server.
func TestAgencyListSanctionFilter(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.signIn("reg.sthj")
	names := func(query string) map[string]string {
		t.Helper()
		r := c.do("GET", "/api/v1/agencies"+query, nil)
		if r.status != 200 {
			t.Fatalf("agencies%s: %d %s", query, r.status, r.body)
		}
		var list struct {
			Items []struct {
				Name     string
				Sanction *struct{ Kind, Reason string }
			}
		}
		r.json(t, &list)
		out := map[string]string{}
		for _, a := range list.Items {
			out[a.Name] = ""
			if a.Sanction != nil {
				out[a.Name] = a.Sanction.Kind
			}
		}
		return out
	}
	name := func(username string) string {
		var n string
		if err := s.db.Bun.NewRaw("SELECT o.name FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.username = ?", username).Scan(t0, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	suspended, blacklisted := name("agency.jizushan"), name("agency.yunnanyi")

	all := names("")
	if all[suspended] != "suspension" || all[blacklisted] != "blacklist" {
		t.Fatalf("sanction status of %s = %q, of %s = %q", suspended, all[suspended], blacklisted, all[blacklisted])
	}
	if want := s.count("SELECT count(*) FROM organisations WHERE kind = 'agency'"); len(all) != want {
		t.Fatalf("unfiltered list has %d agencies, want %d", len(all), want)
	}
	for query, want := range map[string][]string{
		"?sanction=in_force":   {suspended, blacklisted},
		"?sanction=suspension": {suspended},
		"?sanction=blacklist":  {blacklisted},
	} {
		got := names(query)
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
		for _, n := range want {
			if _, ok := got[n]; !ok {
				t.Errorf("%s lacks %s: %v", query, n, got)
			}
		}
	}
	none := names("?sanction=none")
	if _, ok := none[suspended]; ok || len(none) != len(all)-2 {
		t.Errorf("?sanction=none: %d agencies (with the suspended one: %v), want %d", len(none), ok, len(all)-2)
	}
	if r := c.do("GET", "/api/v1/agencies?sanction=fined", nil); r.status != 422 {
		t.Errorf("unknown sanction filter: %d %s, want 422", r.status, r.body)
	}
}

// todoTask is one line of a to-do board.
type todoTask struct {
	Key   string
	Count int
}

// todoTasks is c's to-do board.
func todoTasks(t *testing.T, c *client) []todoTask {
	t.Helper()
	r := c.do("GET", "/api/v1/todo", nil)
	if r.status != 200 {
		t.Fatalf("todo: %d %s", r.status, r.body)
	}
	var todo struct{ Tasks []todoTask }
	r.json(t, &todo)
	return todo.Tasks
}

// todoCount is the count of task key on c's to-do board; the test fails
// when the board has no such task.
func todoCount(t *testing.T, c *client, key string) int {
	t.Helper()
	tasks := todoTasks(t, c)
	for _, task := range tasks {
		if task.Key == key {
			return task.Count
		}
	}
	t.Fatalf("no task %s on the board: %v", key, tasks)
	return 0
}
