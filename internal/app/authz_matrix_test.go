package app

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

// Subjects of the matrix: every role, an anonymous visitor, and the admin of
// another owner organisation (who must not reach the first one's objects).
var matrixSubjects = []struct{ name, username string }{
	{"anonymous", ""},
	{"platform_admin", "admin"},
	{"regulator", "reg.zwfw"},
	{"owner_admin", "owner"},
	{"owner_staff", "owner.staff"},
	{"agency_admin", "agency"},
	{"agency_staff", "agency.staff"},
	{"other_owner_admin", "owner.zjt"},
}

// The objects in paths belong to the owner organisation of "owner"
// (大理市住房和城乡建设局); {userId} is a user of that organisation kept for
// this test.
const (
	all     = "anonymous platform_admin regulator owner_admin owner_staff agency_admin agency_staff other_owner_admin"
	members = "platform_admin regulator owner_admin owner_staff agency_admin agency_staff other_owner_admin"
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
	"identity.signUpAgency": all,

	"identity.listOrganisations":  "platform_admin regulator",
	"identity.createOrganisation": "platform_admin",
	"identity.getOrganisation":    "platform_admin regulator owner_admin owner_staff",
	"identity.listUsers":          "platform_admin regulator owner_admin owner_staff",
	"identity.createUser":         "platform_admin owner_admin",
	"identity.disableUser":        "platform_admin owner_admin",
	"identity.enableUser":         "platform_admin owner_admin",

	"files.upload": "agency_admin agency_staff",
	"files.link":   "platform_admin regulator agency_admin agency_staff",

	"catalog.listCategories":          all,
	"catalog.listQualificationTypes":  all,
	"catalog.listItems":               all,
	"catalog.getItem":                 all,
	"catalog.createQualificationType": "platform_admin",
	"catalog.updateQualificationType": "platform_admin",
	"catalog.createItem":              "platform_admin",
	"catalog.updateItem":              "platform_admin",
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
	fill := strings.NewReplacer("{orgId}", fmt.Sprint(orgID), "{userId}", fmt.Sprint(userID), "{fileId}", fmt.Sprint(fileID),
		"{typeId}", fmt.Sprint(typeID), "{itemId}", fmt.Sprint(itemID))

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
					if strings.HasSuffix(op.path, "/disable") || strings.HasSuffix(op.path, "/enable") || strings.HasSuffix(op.path, "/signout") {
						body = nil
					}
				}
				res := c.do(op.method, fill.Replace(op.path), body)
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
