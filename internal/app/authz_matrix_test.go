package app

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

// Subjects of the matrix: every role, an anonymous visitor, the admin of
// another owner organisation (who must not reach the first one's objects),
// and two regulators: the government service bureau, which reviews agency
// applications, and the environment bureau, in charge of the items of the
// listing in paths.
var matrixSubjects = []struct{ name, username string }{
	{"anonymous", ""},
	{"platform_admin", "admin"},
	{"regulator", "reg.zwfw"},
	{"item_regulator", "reg.sthj"},
	{"owner_admin", "owner"},
	{"owner_staff", "owner.staff"},
	{"agency_admin", "agency"},
	{"agency_staff", "agency.staff"},
	{"other_owner_admin", "owner.zjt"},
}

// The objects in /organisations paths belong to the owner organisation of
// "owner" (大理市住房和城乡建设局); {userId} is a user of that organisation
// kept for this test. Agency objects ({orgId} under /agencies, qualifications,
// listings, practitioners, sanctions, files) belong to the agency of "agency".
const (
	all     = "anonymous " + members
	members = "platform_admin " + regulators + " owner_admin owner_staff agency_admin agency_staff other_owner_admin"
	// regulators are both regulator subjects.
	regulators = "regulator item_regulator"
	// owners are the owner organisation's users and the other owner's admin.
	owners = "owner_admin owner_staff other_owner_admin"
)

// matrix says, for every API operation, which subjects are allowed. A
// subject not named is refused (401 when anonymous, 403 otherwise).
var matrix = map[string]string{
	"auth.signIn":         all,
	"auth.session":        members,
	"auth.signOut":        members,
	"auth.changePassword": members,
	"auth.setLanguage":    members,

	"identity.listRegions":  all,
	"portal.summary":        all,
	"site.info":             all,
	"identity.signUpAgency": all,

	"identity.listOrganisations":       "platform_admin " + regulators,
	"identity.createOrganisation":      "platform_admin",
	"identity.getOrganisation":         "platform_admin owner_admin owner_staff " + regulators,
	"identity.updateOrganisation":      "platform_admin",
	"identity.listOrganisationChanges": "platform_admin",
	"identity.resetPassword":           "platform_admin",
	"identity.changeRole":              "platform_admin",
	"identity.listUsers":               "platform_admin owner_admin owner_staff " + regulators,
	"identity.createUser":              "platform_admin owner_admin",
	"identity.disableUser":             "platform_admin owner_admin",
	"identity.enableUser":              "platform_admin owner_admin",

	"files.upload": "agency_admin agency_staff " + owners,
	"files.link":   "platform_admin agency_admin agency_staff " + regulators,

	"catalog.listCategories":          all,
	"catalog.listQualificationTypes":  all,
	"catalog.listItems":               all,
	"catalog.getItem":                 all,
	"catalog.createQualificationType": "platform_admin",
	"catalog.updateQualificationType": "platform_admin",
	"catalog.createItem":              "platform_admin",
	"catalog.updateItem":              "platform_admin",

	"agency.getApplication":      "platform_admin agency_admin agency_staff " + regulators,
	"agency.updateProfile":       "agency_admin agency_staff",
	"agency.submitApplication":   "agency_admin",
	"agency.addQualification":    "agency_admin agency_staff",
	"agency.updateQualification": "agency_admin agency_staff",
	"agency.deleteQualification": "agency_admin agency_staff",
	"agency.addPractitioner":     "agency_admin agency_staff",
	"agency.removePractitioner":  "agency_admin agency_staff",
	"agency.addListing":          "agency_admin agency_staff",
	"agency.changeListing":       "agency_admin agency_staff",

	"agency.reviewQueue":            "platform_admin " + regulators,
	"agency.listAgencies":           "platform_admin " + regulators,
	"agency.expiringQualifications": "platform_admin agency_admin agency_staff " + regulators,
	"agency.decideProfile":          "platform_admin regulator",
	"agency.decideQualification":    "platform_admin regulator",
	"agency.decideListing":          "platform_admin item_regulator",
	"agency.imposeSanction":         regulators,
	"agency.liftSanction":           regulators,

	"directory.search": all,
	"directory.agency": all,

	"notifications.list":    members,
	"notifications.readAll": members,

	"workspace.todo": members,

	"workdays.listYear":    all,
	"workdays.listChanges": "platform_admin",
	"workdays.add":         "platform_admin",
	"workdays.change":      "platform_admin",
	"workdays.remove":      "platform_admin",

	"trainingClock.get":     "platform_admin",
	"trainingClock.advance": "platform_admin",
	// Deliverables: the service finds the caller's side of the contract
	// (404 for anyone not a party, regulators read only; TestDeliverables).
	"deliverables.list":        members,
	"deliverables.open":        "agency_admin agency_staff",
	"deliverables.upload":      "agency_admin agency_staff",
	"deliverables.submit":      "agency_admin agency_staff",
	"deliverables.decide":      owners,
	"deliverables.link":        members,
	"authenticity.check":       all,
	"authenticity.certificate": all,
	// The competition. Agencies act on announcements of any owner (the
	// service checks eligibility, registration and time); an agency that
	// did not register is refused by the service (TestObjections).
	"procurement.listOpportunities":    "agency_admin agency_staff",
	"procurement.listMyRegistrations":  "agency_admin agency_staff",
	"procurement.register":             "agency_admin agency_staff",
	"procurement.withdraw":             "agency_admin agency_staff",
	"procurement.fileObjection":        "agency_admin agency_staff",
	"procurement.listRegistrations":    "owner_admin owner_staff " + regulators,
	"procurement.listObjections":       "owner_admin owner_staff " + regulators,
	"procurement.choose":               "owner_admin owner_staff",
	"procurement.answerObjection":      "owner_admin owner_staff",
	"procurement.noticeResult":         all,
	"procurement.noticeDraw":           all,
	"procurement.getRules":             all,
	"procurement.updateRules":          "platform_admin",
	"procurement.listProjects":         "platform_admin " + owners + " " + regulators,
	"procurement.createProject":        owners,
	"procurement.getProject":           "platform_admin owner_admin owner_staff " + regulators,
	"procurement.updateProject":        "owner_admin owner_staff",
	"procurement.addProjectService":    "owner_admin owner_staff",
	"procurement.updateProjectService": "owner_admin owner_staff",
	"procurement.deleteProjectService": "owner_admin owner_staff",
	"procurement.listAnnouncements":    "platform_admin " + owners + " " + regulators,
	"procurement.createAnnouncement":   owners,
	"procurement.getAnnouncement":      "platform_admin owner_admin owner_staff " + regulators,
	"procurement.updateAnnouncement":   "owner_admin owner_staff",
	"procurement.deleteAnnouncement":   "owner_admin owner_staff",
	"procurement.publishAnnouncement":  "owner_admin owner_staff",
	"procurement.cancelAnnouncement":   "owner_admin owner_staff",
	"procurement.relistAnnouncement":   "owner_admin owner_staff",
	"notices.list":                     all,
	"notices.get":                      all,
	// Contracts. Both parties hold the operations on every contract by
	// policy; the service answers 404 to another owner or agency and 403
	// to the wrong party (internal/contract's tests); regulators read.
	"contract.list":              owners + " agency_admin agency_staff " + regulators,
	"contract.get":               owners + " agency_admin agency_staff " + regulators,
	"contract.performance":       regulators,
	"contract.register":          owners + " agency_admin agency_staff",
	"contract.confirm":           owners + " agency_admin agency_staff",
	"contract.proposeAmendment":  owners + " agency_admin agency_staff",
	"contract.decideAmendment":   owners + " agency_admin agency_staff",
	"contract.terminate":         owners + " agency_admin agency_staff",
	"contract.replaceMilestones": owners,
	"contract.recordPayment":     owners,
	// Ratings: the owner rates the agency of its contract, the agency the
	// owner; the other owner is refused (own scope). Both parties and
	// regulators read them; another owner is told the contract does not
	// exist (404, by the service).
	"contract.rateAgency":   "owner_admin owner_staff",
	"contract.rateOwner":    "agency_admin agency_staff",
	"contract.getRatings":   regulators + " owner_admin owner_staff agency_admin agency_staff other_owner_admin",
	"contract.agencyCredit": all,
	"contract.ownerRatings": all,
	// The regulators' dashboard, its drill-down lists and their exports.
	"supervision.dashboard":                regulators,
	"supervision.exportDashboardXLSX":      regulators,
	"supervision.exportDashboardCSV":       regulators,
	"supervision.dashboardFacts":           regulators,
	"supervision.exportDashboardFactsXLSX": regulators,
	"supervision.exportDashboardFactsCSV":  regulators,

	"ocds.listReleases": all,
	"ocds.getRecord":    all,
	"audit.getTrail":    regulators,
	// Red flags: regulators only.
	"supervision.listRedFlags":         regulators,
	"supervision.reviewRedFlag":        regulators,
	"supervision.redFlagConcentration": regulators,
	"supervision.exportRedFlagsXLSX":   regulators,
	"supervision.exportRedFlagsCSV":    regulators,
	// The red flags' thresholds: read by regulators, kept by the platform admin.
	"supervision.getRedFlagSettings":    "platform_admin " + regulators,
	"supervision.updateRedFlagSettings": "platform_admin",
	// Early warnings: regulators see every one, owners and agencies their
	// own (the service filters); the platform admin keeps the rules.
	"supervision.listWarnings":       owners + " agency_admin agency_staff " + regulators,
	"supervision.warningCounts":      owners + " agency_admin agency_staff " + regulators,
	"supervision.exportWarningsXlsx": owners + " agency_admin agency_staff " + regulators,
	"supervision.exportWarningsCsv":  owners + " agency_admin agency_staff " + regulators,
	"supervision.listWarningRules":   "platform_admin " + regulators,
	"supervision.updateWarningRule":  "platform_admin",
	// Complaints: parties are checked by the service (404 for anyone else;
	// TestComplaints); the regulators' steps are theirs alone.
	"supervision.fileComplaint":        owners + " agency_admin agency_staff",
	"supervision.listComplaints":       owners + " agency_admin agency_staff " + regulators,
	"supervision.getComplaint":         owners + " agency_admin agency_staff " + regulators,
	"supervision.postComplaintMessage": owners + " agency_admin agency_staff " + regulators,
	"supervision.reviewComplaint":      regulators,
	"supervision.suspendProcedure":     regulators,
	"supervision.resumeProcedure":      regulators,
	"supervision.decideComplaint":      regulators,
	"supervision.complaintDecisions":   all,
	// Exports of the lists: the same callers and visibility as the list.
	"contract.exportXlsx":                 owners + " agency_admin agency_staff " + regulators,
	"contract.exportCsv":                  owners + " agency_admin agency_staff " + regulators,
	"contract.exportPerformanceXlsx":      regulators,
	"contract.exportPerformanceCsv":       regulators,
	"procurement.exportAnnouncementsXlsx": "platform_admin " + owners + " " + regulators,
	"procurement.exportAnnouncementsCsv":  "platform_admin " + owners + " " + regulators,
	"supervision.exportComplaintsXlsx":    owners + " agency_admin agency_staff " + regulators,
	"supervision.exportComplaintsCsv":     owners + " agency_admin agency_staff " + regulators,
}

type matrixOp struct {
	id, method, path string
}

func registeredOps(api huma.API) []matrixOp {
	var ops []matrixOp
	for p, item := range api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Post, item.Put, item.Patch, item.Delete} {
			if op != nil {
				ops = append(ops, matrixOp{op.OperationID, op.Method, p})
			}
		}
	}
	// Sign-out ends the session, so it runs last for each subject.
	sort.Slice(ops, func(i, j int) bool {
		if (ops[i].id == "auth.signOut") != (ops[j].id == "auth.signOut") {
			return ops[j].id == "auth.signOut"
		}
		return ops[i].id < ops[j].id
	})
	return ops
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	ops := registeredOps(s.api)

	t.Run("EveryOperationHasAnExpectation", func(t *testing.T) {
		registered := map[string]bool{}
		for _, op := range ops {
			registered[op.id] = true
			if _, ok := matrix[op.id]; !ok {
				t.Errorf("operation %s (%s %s) has no row in the authorization matrix", op.id, op.method, op.path)
			}
		}
		for id := range matrix {
			if !registered[id] {
				t.Errorf("matrix row %s names no registered operation", id)
			}
		}
		enforcer, err := newEnforcerForTest()
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range enforcer {
			if !registered[id] {
				t.Errorf("policy.csv grants %s, which is no registered operation", id)
			}
		}
	})

	orgID := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	victim := s.signIn("owner").do("POST", fmt.Sprintf("/api/v1/organisations/%d/users", orgID),
		map[string]string{"username": "owner.matrix", "displayName": "矩阵测试", "password": "matrix-password-1", "role": "owner_staff"})
	if victim.status != 201 {
		t.Fatalf("create matrix user: %d %s", victim.status, victim.body)
	}
	userID := s.id("SELECT id FROM users WHERE username = 'owner.matrix'")
	fileID := s.upload(s.signIn("agency"), "scan.png", pngBytes).ID
	typeID := s.id("SELECT min(id) FROM qualification_types")
	itemID := s.id("SELECT min(id) FROM service_items")
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	fx := agencyFixtures(t, s, agencyOrg, fileID)
	comp := competitionFixtures(t, s)
	pfx := procurementFixtures(t, s, orgID)
	fill := strings.NewReplacer("{serviceId}", fmt.Sprint(pfx.service), "{code}", pfx.code, "{userId}", fmt.Sprint(userID), "{fileId}", fmt.Sprint(fileID),
		"{typeId}", fmt.Sprint(typeID), "{itemId}", fmt.Sprint(itemID),
		"{qualificationId}", fmt.Sprint(fx.qualification), "{listingId}", fmt.Sprint(fx.listing),
		"{practitionerId}", fmt.Sprint(fx.practitioner), "{sanctionId}", fmt.Sprint(fx.sanction))
	rated := ratingFixtures(t, s, orgID, agencyOrg)
	fillOrg := func(path string) string {
		path = rated.Replace(comp.Replace(path))
		if strings.HasPrefix(path, "/api/v1/agencies/") || strings.HasPrefix(path, "/api/v1/directory/agencies/") {
			return strings.ReplaceAll(path, "{orgId}", fmt.Sprint(agencyOrg))
		}
		if strings.HasPrefix(path, "/api/v1/projects/") {
			return strings.ReplaceAll(path, "{id}", fmt.Sprint(pfx.project))
		}
		if strings.HasPrefix(path, "/api/v1/announcements/") {
			return strings.ReplaceAll(path, "{id}", fmt.Sprint(pfx.announcement))
		}
		return strings.ReplaceAll(path, "{orgId}", fmt.Sprint(orgID))
	}

	for _, subj := range matrixSubjects {
		t.Run(subj.name, func(t *testing.T) {
			c := s.anonymous()
			if subj.username != "" {
				c = s.signIn(subj.username)
			}
			for _, op := range ops {
				var body any
				if op.method == http.MethodPost || op.method == http.MethodPut {
					// Allowed callers fail validation (422) on an empty
					// object, so the matrix changes nothing it does not mean to.
					body = "{}"
					if strings.HasSuffix(op.path, "/disable") || strings.HasSuffix(op.path, "/enable") || strings.HasSuffix(op.path, "/signout") ||
						strings.HasSuffix(op.path, "/submit") || strings.HasSuffix(op.path, "/read-all") {
						body = nil
					}
				}
				res := c.do(op.method, fill.Replace(fillOrg(op.path)), body)
				allowed := strings.Contains(" "+matrix[op.id]+" ", " "+subj.name+" ")
				refused := res.status == http.StatusUnauthorized || res.status == http.StatusForbidden
				if op.id == "auth.signIn" && res.status == http.StatusUnauthorized && strings.Contains(res.body, "wrong_credentials") {
					refused = false // the policy let it through; the credentials were refused
				}
				switch {
				case allowed && refused:
					t.Errorf("%s %s (%s): got %d, want allowed; %s", op.method, op.path, op.id, res.status, res.body)
				case !allowed && !refused:
					t.Errorf("%s %s (%s): got %d, want refused; %s", op.method, op.path, op.id, res.status, res.body)
				case !allowed && subj.username == "" && res.status != http.StatusUnauthorized:
					t.Errorf("%s %s (%s): anonymous got %d, want 401", op.method, op.path, op.id, res.status)
				case !allowed && subj.username != "" && res.status != http.StatusForbidden:
					t.Errorf("%s %s (%s): signed in got %d, want 403", op.method, op.path, op.id, res.status)
				}
			}
		})
	}
}

type matrixFixtures struct{ qualification, listing, practitioner, sanction int64 }

// agencyFixtures gives the agency of "agency" objects for the paths: a
// qualification and a listing under review (so that allowed callers' edits
// and deletions are refused by the rules, not carried out), a listing of an
// item the environment bureau is in charge of, a practitioner and a
// suspension in force.
func agencyFixtures(t *testing.T, s *testServer, agencyOrg, fileID int64) matrixFixtures {
	t.Helper()
	var fx matrixFixtures
	fx.qualification = s.id(`INSERT INTO qualifications (organisation_id, type_id, level_code, certificate_no, issuer, valid_from, valid_to, file_id, status)
		SELECT ?, l.type_id, l.code, 'MATRIX-1', '生态环境部', '2026-01-01', '2030-12-31', ?, 'submitted'
		FROM qualification_levels l ORDER BY l.type_id, l.rank LIMIT 1 RETURNING id`, agencyOrg, fileID)
	fx.listing = s.id(`INSERT INTO listings (organisation_id, item_id, pending_fee_reference, pending_commitment, pending_status, pending_submitted_at)
		SELECT ?, si.id, '按国家指导价', '10 个工作日', 'submitted', now() FROM service_items si
		JOIN users u ON u.organisation_id = si.regulator_id AND u.username = 'reg.sthj'
		WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = ? AND l.item_id = si.id)
		ORDER BY si.id LIMIT 1 RETURNING id`, agencyOrg, agencyOrg)
	fx.practitioner = s.id(`INSERT INTO practitioners (organisation_id, name, id_number) VALUES (?, '矩阵测试', '53290119800101001X') RETURNING id`, agencyOrg)
	fx.sanction = s.id(`INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, ends_at, imposed_by, imposed_by_organisation_id)
		SELECT ?, 'suspension', '矩阵测试', '矩阵测试', now(), now() + interval '30 days', id, organisation_id FROM users WHERE username = 'reg.zwfw'
		RETURNING id`, agencyOrg)
	return fx
}

// competitionFixtures gives the paths an announcement of "owner" in
// publicity, its selection and an objection to it, pending.
func competitionFixtures(t *testing.T, s *testServer) *strings.Replacer {
	t.Helper()
	item, users, _ := s.eligibleAgencies(t, 3)
	id, code := s.publish(t, item, announcementOpts{method: "random"})
	for _, u := range users {
		if res := s.register(t, s.signIn(u), id, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	s.passDeadline(t, id)
	sel := s.id("SELECT id FROM selections WHERE announcement_id = ?", id)
	objection := s.id(`INSERT INTO objections (selection_id, registration_id, grounds, answer_by)
		SELECT ?, r.id, '矩阵测试的质疑理由，足够长。', now() + interval '3 days' FROM registrations r
		WHERE r.announcement_id = ? AND r.id <> (SELECT winner_id FROM selections WHERE id = ?) LIMIT 1 RETURNING id`, sel, id, sel)
	return strings.NewReplacer("/announcements/{id}", fmt.Sprintf("/announcements/%d", id),
		"/selections/{id}", fmt.Sprintf("/selections/%d", sel), "/objections/{id}", fmt.Sprintf("/objections/%d", objection),
		"{code}", code)
}

type procurementFixture struct {
	project, service, announcement int64
	code                           string
}

// procurementFixtures gives the owner organisation org a project, a planned
// service and an open announcement of it, so that allowed callers' edits,
// deletions, publication and relisting are refused by the lifecycle (409)
// or by validation (422), not carried out.
func procurementFixtures(t *testing.T, s *testServer, org int64) procurementFixture {
	t.Helper()
	var fx procurementFixture
	fx.project = s.id(`INSERT INTO projects (owner_id, code, name, region_code, total_investment_fen, stage)
		VALUES (?, '2026-532901-48-01-990001', '矩阵测试项目', '532901', 100000000, 'planning') RETURNING id`, org)
	fx.service = s.id(`INSERT INTO project_services (project_id, item_id) SELECT ?, min(id) FROM service_items RETURNING id`, fx.project)
	fx.code = "DLZJ-2026-990001"
	fx.announcement = s.id(`INSERT INTO announcements (owner_id, project_id, project_service_id, item_id, region_code, code, ocid,
		title, description, ceiling_fen, method, service_workdays, registration_deadline, status, draw_commitment, published_at, created_by)
		SELECT ?, ?, ps.id, ps.item_id, '532901', ?, 'ocds-intermart-' || ?, '矩阵测试公告', '矩阵测试', 5000000, 'lowest', 5,
			now() + interval '10 days', 'open', sha256('x'), now(), (SELECT id FROM users WHERE username = 'owner')
		FROM project_services ps WHERE ps.id = ? RETURNING id`, org, fx.project, fx.code, fx.code, fx.service)
	return fx
}

// ratingFixtures gives the rating paths a contract of "owner" with the
// agency of "agency", completed now, so allowed callers' ratings fail
// validation (422) on an empty body rather than being stored.
func ratingFixtures(t *testing.T, s *testServer, ownerOrg, agencyOrg int64) *strings.Replacer {
	t.Helper()
	id := s.id(`INSERT INTO contracts (code, announcement_id, selection_id, owner_id, agency_id, item_id, region_code, title,
		ceiling_fen, price_fen, service_workdays, status, register_by, document_file_id, registered_at, completed_at)
		SELECT 'HT-MATRIX-RATING', sel.announcement_id, sel.id, ?, ?, a.item_id, a.region_code, '矩阵测试合同',
		a.ceiling_fen, a.ceiling_fen, 10, 'completed', now(), (SELECT min(id) FROM files), now(), now()
		FROM selections sel JOIN announcements a ON a.id = sel.announcement_id
		WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.selection_id = sel.id) ORDER BY sel.id LIMIT 1 RETURNING id`, ownerOrg, agencyOrg)
	return strings.NewReplacer("/contracts/{id}/agency-rating", fmt.Sprintf("/contracts/%d/agency-rating", id),
		"/contracts/{id}/owner-rating", fmt.Sprintf("/contracts/%d/owner-rating", id),
		"/contracts/{id}/ratings", fmt.Sprintf("/contracts/%d/ratings", id))
}
