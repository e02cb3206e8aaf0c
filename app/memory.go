package app

import (
	"runtime/debug"
	"time"
)

// startupSettle is how long after the window is built its first page, the
// theme's fonts and the last article read have loaded, on a slow machine.
const startupSettle = 5 * time.Second

// releaseStartupMemory hands back to the system, once startup has settled,
// the memory only startup used (font collections read whole to copy one
// face out, the first queries' rows). Go returns freed memory on its own
// over minutes; until then it counts in the app's resident size, about
// 40 MB of it on a 20,000-article library.
func (u *ui) releaseStartupMemory() {
	u.sched.AfterFunc(startupSettle, debug.FreeOSMemory)
}
