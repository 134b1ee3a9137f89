package browser

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Starting the one headless Chromium that every test of the package shares.

// chromiumPath is where Debian's chromium package puts its launcher.
const chromiumPath = "/usr/bin/chromium"

// The one browser all tests share; each page gets a tab of its own.
var shared struct {
	once sync.Once
	ctx  context.Context // a chromedp context whose browser runs
	err  error
	stop func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

// browserContext returns the shared browser, starting it on first use. It
// skips the test when Chromium is not installed, unless CI=true: CI must run
// these tests, never skip them quietly.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing and CI=true: the browser tests must run in CI (.ci/run installs Debian's chromium package)", chromiumPath)
		}
		t.Skipf("%s is missing; install it (apt-get install chromium) to run the browser tests", chromiumPath)
	}
	shared.once.Do(startBrowser)
	if shared.err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, shared.err)
	}
	return shared.ctx
}

func startBrowser() {
	// The exec allocator gives Chromium a new empty --user-data-dir and
	// removes it when the browser stops.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, // also --hide-scrollbars: overlay scrollbars, as on a phone
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		// Containers often have a 64 MB /dev/shm, too small for Chromium.
		// (Debian's launcher means to add this flag itself, but its check
		// of /dev/shm is broken in some containers.)
		chromedp.Flag("disable-dev-shm-usage", true),
		// Tabs load in parallel, each in its own window: none of them
		// may be throttled as a background page.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		// Second line of defence behind the request interception of
		// loadPage: should a request to another host ever get past it (or
		// come from the browser itself), it goes to a closed local port
		// and fails, instead of leaving the machine. Chromium always
		// bypasses the proxy for 127.0.0.1 and localhost.
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	shared.stop = func() { cancel(); cancelAlloc() }
	// Start the browser now, with a context that has no deadline: the
	// first Run binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		shared.err = err
		return
	}
	shared.ctx = ctx
}
