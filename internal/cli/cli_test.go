package cli

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp files of the scripts with what the commands print")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"qingdan": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
		// qingdan without arguments, typed in a terminal or double-clicked,
		// on a host whose browser fetches the page and ends the preview.
		"qingdan-typed":   func() { os.Exit(mainOn(testHost(true, false, os.Stdout), os.Args[1:], os.Stdout, os.Stderr)) },
		"qingdan-clicked": func() { os.Exit(mainOn(testHost(false, false, os.Stdout), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: each is a site plus the commands
// run on it and what they must print, exit with and leave behind.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "C")
			return nil
		},
	})
}
