package demo

import "testing"

// TestSplit: the year's ceilings and deals add up exactly to the totals
// asked for, each deal within its ceiling and above the abnormally low
// half of it, in whole hundreds (ceilings) and tens (deals) of yuan but for
// the last, which takes the remainder.
func TestSplit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n             int
		ceiling, deal int64
	}{
		{1046, 6_900_160_000, 4_721_710_000},
		{300, 0, 0},
		{7, 100_000_007, 68_000_003},
		{1, 5_000_000, 3_400_000},
	} {
		ceilings, deals := split(c.n, c.ceiling, c.deal)
		var sc, sd int64
		for i := range c.n {
			sc += ceilings[i]
			sd += deals[i]
			if deals[i] <= 0 || deals[i] > ceilings[i] || deals[i]*2 < ceilings[i] {
				t.Errorf("%d awards: deal %d of ceiling %d", c.n, deals[i], ceilings[i])
			}
			if i < c.n-1 && (ceilings[i]%10_000 != 0 || deals[i]%1000 != 0) {
				t.Errorf("%d awards: ceiling %d, deal %d not in whole hundreds and tens of yuan", c.n, ceilings[i], deals[i])
			}
		}
		if c.ceiling != 0 && (sc != c.ceiling || sd != c.deal) {
			t.Errorf("%d awards: sums %d and %d, want %d and %d", c.n, sc, sd, c.ceiling, c.deal)
		}
	}
}
