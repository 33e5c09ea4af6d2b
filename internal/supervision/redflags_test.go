package supervision

import "testing"

func TestConcentrationHHI(t *testing.T) {
	cases := []struct {
		counts []int
		want   int
	}{
		{nil, 0},
		{[]int{7}, 10000},               // a monopoly
		{[]int{1, 1, 1, 1}, 2500},       // four equal winners
		{[]int{5, 1, 1}, 5510},          // (25 + 1 + 1) / 49 = 0.55102…
		{[]int{1, 1, 1, 1, 1, 1}, 1667}, // 1/6, rounded half up
	}
	for _, c := range cases {
		if got := concentrationHHI(c.counts); got != c.want {
			t.Errorf("HHI of %v = %d, want %d", c.counts, got, c.want)
		}
	}
}
