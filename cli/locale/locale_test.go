package locale

import "testing"

func TestIsC(t *testing.T) {
	tests := []struct {
		locale string
		want   bool
	}{
		{"C.UTF-8", true},
		{"C.utf8", true},
		{"POSIX.UTF-8", true},
		{"C", false}, // go-locale handles the bare forms itself
		{"POSIX", false},
		{"", false},
		{"en_US.UTF-8", false},
		{"zh_CN.GB18030", false},
		{"Chinese.UTF-8", false},
	}
	for _, tc := range tests {
		if got := IsC(tc.locale); got != tc.want {
			t.Errorf("IsC(%q) = %v, want %v", tc.locale, got, tc.want)
		}
	}
}

func TestEffective(t *testing.T) {
	env := map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}
	if got, want := effective(func(k string) string { return env[k] }), "zh_CN.UTF-8"; got != want {
		t.Errorf("effective = %q, want %q", got, want)
	}
}
