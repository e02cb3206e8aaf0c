package clip

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZCN(t *testing.T) {
	for _, f := range strings.Fields(os.Getenv("ZZ_FILES")) {
		raw, _ := os.ReadFile(f)
		a, err := Parse(raw, "", "")
		if err != nil {
			fmt.Println(f, err)
			continue
		}
		txt := []rune(a.Text)
		fmt.Printf("== %s\n title=%q authors=%q editors=%q source=%q site=%q pub=%v (%s)\n text=%q...%q\n", f[strings.LastIndex(f, "/")+1:], a.Title, a.Authors, a.Editors, a.Source.Name, a.SiteName, a.Published, a.Provenance["published"], string(txt[:min(80, len(txt))]), string(txt[max(0, len(txt)-80):]))
	}
}
