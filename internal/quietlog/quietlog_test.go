package quietlog

import (
	"bytes"
	"errors"
	"io"
	"log"
	"testing"

	"app.margin/margin/internal/testlib"
)

func TestMain(m *testing.M) { testlib.Main(m) }

// logError writes what fyne.LogError writes, through a logger on w.
func logError(w io.Writer, reason string, err error) {
	l := log.New(w, "", log.LstdFlags)
	l.Println("Fyne error: ", reason)
	if err != nil {
		l.Println("  Cause:", err)
	}
	l.Printf("  At: %s:%d", "/fyne/dialog/file.go", 396)
}

func TestDropsOnlyTheHarmlessComplaints(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		err    error
		kept   bool
	}{
		{"favourite folders", "Getting favorite locations", errors.New("this computer does not define a VIDEOS folder"), false},
		{"preferences read mid-save", "Preferences load error:", io.EOF, false},
		{"corrupt preferences", "Preferences load error:", errors.New("invalid character 'x' looking for beginning of value"), true},
		{"anything else", "Failed to open window", errors.New("no display"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := New(&out)
			logError(w, tc.reason, tc.err)
			log.New(w, "", 0).Println("margin: after")
			got := out.String()
			kept := bytes.Contains(out.Bytes(), []byte(tc.reason)) && bytes.Contains(out.Bytes(), []byte(tc.err.Error())) &&
				bytes.Contains(out.Bytes(), []byte("At: /fyne"))
			if kept != tc.kept {
				t.Errorf("kept %v, want %v:\n%s", kept, tc.kept, got)
			}
			if !bytes.HasSuffix(out.Bytes(), []byte("margin: after\n")) {
				t.Errorf("the next line was lost:\n%s", got)
			}
			if !tc.kept && got != "margin: after\n" {
				t.Errorf("a dropped complaint left lines behind:\n%s", got)
			}
		})
	}
}
