package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/procurement"
)

// demoYearSerial numbers the projects of the demo's year, apart from the
// hand-written demo projects (serials under 3000).
const demoYearSerial = 600000

// DemoYear is the demo's year of history up to now: 50 weeks, publishing
// to the last, so that at its end there are announcements in every state —
// open, cancelled, in publicity, awarded with contracts awaiting registration, awaiting
// confirmation, in force, completed and rated, terminated — besides the
// relisted rounds of failed ones. The owners whose lists the browser tests
// read (大理市住建局, 剑川城投, 云龙县住建局, 巍山县文旅局) have only finished contracts
// in it. Its last week's Monday is at least two days before now.
func DemoYear(now time.Time) YearPlan {
	const weeks = 50
	d := now.In(clock.Shanghai).AddDate(0, 0, -2)
	monday := time.Date(d.Year(), d.Month(), d.Day()-(int(d.Weekday())+6)%7, 8, 0, 0, 0, clock.Shanghai)
	return YearPlan{Start: monday.AddDate(0, 0, -7*(weeks-1)), Weeks: weeks, PublishWeeks: weeks,
		Awards: 300, Relisted: 12, Cancelled: 6, Registered: 236, Completed: 150, Terminated: 8, Pending: 14, Returned: 40,
		ProjectSerial: demoYearSerial, Quiet: []string{"owner", "owner.jianchuan", "owner.yunlong", "owner.weishan"}}
}

// YearLoaded reports whether the year of plan is in the database already:
// the project of its first case exists.
func YearLoaded(ctx context.Context, idb bun.IDB, plan YearPlan) (bool, error) {
	for _, o := range Orgs() {
		for _, region := range []string{o.Region} {
			code := fmt.Sprintf("%d-%s-47-01-%06d", plan.Start.In(clock.Shanghai).Year(), region, plan.ProjectSerial)
			taken, err := procurement.ProjectCodeTaken(ctx, idb, code)
			if err != nil || taken {
				return taken, err
			}
		}
	}
	return false, nil
}
