package app

import (
	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
)
