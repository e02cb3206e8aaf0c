package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"app.margin/margin/storage"
)

// tagCounts runs `margin tags --json`.
func tagCounts(t *testing.T, lib string) []storage.Tag {
	t.Helper()
	out, _ := run(t, lib, 0, "tags", "--json")
	var tags []storage.Tag
	if err := json.Unmarshal([]byte(out), &tags); err != nil {
		t.Fatalf("tags --json: %v in %q", err, out)
	}
	return tags
}

func TestTagRenameMergeAndRm(t *testing.T) {
	lib, ids := seedLibrary(t, []string{"Apple", "Banana", "Cherry"})
	id := func(title string) string { return fmt.Sprint(ids[title]) }
	run(t, lib, 0, "tag", id("Apple"), "fruit", "red")
	run(t, lib, 0, "tag", id("Banana"), "Fruit", "yellow")
	run(t, lib, 0, "tag", id("Cherry"), "red")

	steps := []struct {
		args []string
		out  string
		tags []storage.Tag
	}{
		{[]string{"tag", "rename", "fruit", "Food"}, `renamed tag "fruit" to "Food" on 2 articles` + "\n",
			[]storage.Tag{{Name: "Food", Count: 2}, {Name: "red", Count: 2}, {Name: "yellow", Count: 1}}},
		{[]string{"tag", "rename", "yellow", "food"}, `merged tag "yellow" into "food": 2 articles tagged "food" now` + "\n",
			[]storage.Tag{{Name: "Food", Count: 2}, {Name: "red", Count: 2}}},
		{[]string{"tag", "rename", "red", "Food"}, `merged tag "red" into "Food": 3 articles tagged "Food" now` + "\n",
			[]storage.Tag{{Name: "Food", Count: 3}}},
		{[]string{"tag", "rm", "FOOD"}, `removed tag "FOOD" from 3 articles` + "\n", []storage.Tag{}},
	}
	for _, s := range steps {
		if out, _ := run(t, lib, 0, s.args...); out != s.out {
			t.Errorf("%q: %q, want %q", s.args, out, s.out)
		}
		if got := tagCounts(t, lib); !reflect.DeepEqual(got, s.tags) {
			t.Errorf("after %q: tags %v, want %v", s.args, got, s.tags)
		}
	}
	if got := listedTitles(t, lib, "--tag", "food"); len(got) != 0 {
		t.Errorf("articles still tagged food: %q", got)
	}

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"tag", "rm", "nothing"}, 1, `no tag named "nothing"`},
		{[]string{"tag", "rename", "nothing", "x"}, 1, `no tag named "nothing"`},
		{[]string{"tag", "rename", "a"}, 2, "tag rename takes"},
		{[]string{"tag", "rename", "a", " "}, 2, "empty tag name"},
		{[]string{"tag", "rm"}, 2, "tag rm takes one tag name"},
	} {
		if _, errOut := run(t, lib, tc.code, tc.args...); !strings.Contains(errOut, tc.err) {
			t.Errorf("%q: stderr %q, want it to say %q", tc.args, errOut, tc.err)
		}
	}
}
