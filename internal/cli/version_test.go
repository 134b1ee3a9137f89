package cli

import (
	"encoding/json"
	"os"
	"testing"
)

// TestEChartsVersion: without the Makefile's stamp, version reads the
// embedded ECharts's release from the file itself, and finds the one
// package-lock.json pins (not the bundled zrender's).
func TestEChartsVersion(t *testing.T) {
	b, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatal(err)
	}
	want := lock.Packages["node_modules/echarts"].Version
	if want == "" {
		t.Fatal("package-lock.json pins no echarts")
	}
	got := echartsVersion()
	if ECharts == "" && got == "none" {
		t.Skip("built without ECharts (make build copies it in)")
	}
	if got != want {
		t.Errorf("echarts %s, package-lock.json pins %s", got, want)
	}
}

func TestEChartsRelease(t *testing.T) {
	for in, want := range map[string]string{
		`a:Br,registerSSRDataGetter:Vr,version:"5.6.1"});t.version="5.6.0",t.zrUtil=x`: "5.6.0",
		`e.version="6.0.0-rc.1";`: "6.0.0-rc.1",
		`version:"5.6.1"`:         "",
		"/*! ECharts 5.6.0: line, bar and pie charts, grid, tooltip, legend; Apache-2.0 */\n(()=>{var eT=\"5.6.1\";": "5.6.0",
		"var x=1;/*! ECharts 5.6.0: */": "",
	} {
		if got := release([]byte(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
