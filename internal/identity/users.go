package identity

import (
	"context"
	"fmt"

	"github.com/alexedwards/argon2id"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
)

// Users lists the users of an organisation.
func (s *Service) Users(ctx context.Context, orgID int64) ([]User, error) {
	var users []User
	err := s.db.NewSelect().Model(&users).Where("organisation_id = ?", orgID).Order("id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	for i := range users {
		users[i].Disabled = users[i].DisabledAt != nil
	}
	return users, nil
}

// User returns one user.
func (s *Service) User(ctx context.Context, id int64) (*User, error) {
	u := new(User)
	err := s.db.NewSelect().Model(u).Where("id = ?", id).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get user %d", id), errUserNotFound); err != nil {
		return nil, err
	}
	u.Disabled = u.DisabledAt != nil
	return u, nil
}

// CreateUser adds a user to an organisation with a role that fits its kind.
func (s *Service) CreateUser(ctx context.Context, orgID int64, in NewUser) (*User, error) {
	org, err := s.Organisation(ctx, orgID)
	if err != nil {
		return nil, err
	}
	in.Username = NormalizeUsername(in.Username)
	if in.Role == "" {
		in.Role = adminRoleOf[org.Kind]
	}
	var f errs.Fields
	checkUsername(&f, "body.username", in.Username)
	CheckName(&f, "body.displayName", in.DisplayName, 1, 50)
	checkPassword(&f, "body.password", in.Password)
	if !RoleFits(org.Kind, in.Role) {
		f.Add("body.role", "role_not_for_kind", "this role does not belong to this kind of organisation")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	hash, err := argon2id.CreateHash(in.Password, argon2id.DefaultParams)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	u := &User{OrganisationID: orgID, Username: in.Username, DisplayName: CleanName(in.DisplayName), Role: in.Role, PasswordHash: hash}
	if _, err := s.db.NewInsert().Model(u).Returning("*").Exec(ctx); err != nil {
		return nil, uniqueToField(err, "body.name", "body.")
	}
	return u, nil
}

// SetDisabled disables or enables a user. A disabled user's sessions end at
// their next request. Nobody disables themselves, so an organisation cannot
// lock out its last admin by accident.
func (s *Service) SetDisabled(ctx context.Context, actor *authz.Principal, userID int64, disabled bool) (*User, error) {
	if actor != nil && actor.UserID == userID && disabled {
		return nil, errs.New(errs.Conflict, "cannot_disable_self", "you cannot disable your own account")
	}
	q := s.db.NewUpdate().Model((*User)(nil)).Where("id = ?", userID)
	if disabled {
		q = q.Set("disabled_at = coalesce(disabled_at, now())")
	} else {
		q = q.Set("disabled_at = NULL")
	}
	if _, err := q.Exec(ctx); err != nil {
		return nil, fmt.Errorf("set user %d disabled=%v: %w", userID, disabled, err)
	}
	return s.User(ctx, userID)
}

// ChangePassword replaces a user's password after checking the current one.
// A wrong current password counts as a failed sign-in of the user from
// remoteAddr, so a stolen session cannot be used to guess it faster.
// Other sessions of the user end, because they were opened with the old one.
func (s *Service) ChangePassword(ctx context.Context, userID int64, current, next, remoteAddr string) error {
	u, err := s.User(ctx, userID)
	if err != nil {
		return err
	}
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return err
	}
	if err := s.checkThrottle(ctx, s.db, now, u.Username, remoteAddr); err != nil {
		return err
	}
	ok, err := argon2id.ComparePasswordAndHash(current, u.PasswordHash)
	if err != nil {
		return fmt.Errorf("compare password: %w", err)
	}
	var f errs.Fields
	if !ok {
		if err := s.recordFailure(ctx, s.db, now, u.Username, remoteAddr); err != nil {
			return err
		}
		f.Add("body.currentPassword", "current_password_wrong", "the current password is not correct")
	}
	checkPassword(&f, "body.newPassword", next)
	if ok && current == next {
		f.Add("body.newPassword", "password_unchanged", "choose a password different from the current one")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.clearFailures(ctx, s.db, u.Username, remoteAddr); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(next, argon2id.DefaultParams)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	_, err = s.db.NewUpdate().Model((*User)(nil)).
		Set("password_hash = ?", hash).Set("password_changed_at = now()").Set("must_change_password = false").
		Where("id = ?", userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	return nil
}

// SetLanguage remembers the UI language a user chose.
func (s *Service) SetLanguage(ctx context.Context, userID int64, lang string) error {
	if lang != LangZH && lang != LangEN {
		return errs.Field("body.language", "language_unknown", "choose zh-CN or en-US")
	}
	_, err := s.db.NewUpdate().Model((*User)(nil)).Set("language = ?", lang).Where("id = ?", userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("set language: %w", err)
	}
	return nil
}

// UserOrganisation returns the organisation a user belongs to, for scoping.
func (s *Service) UserOrganisation(ctx context.Context, userID int64) (int64, error) {
	return db.Owner(ctx, s.db, (*User)(nil), userID, errUserNotFound)
}
