package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCPUModel: the first processor's model name, spaces folded, and the
// hypervisor flag; ARM's "Model"; nothing in text without them.
func TestCPUModel(t *testing.T) {
	for _, c := range []struct {
		name, text, model string
		virtual           bool
	}{
		{"kvm", "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)  Processor\nflags\t\t: fpu vme hypervisor lahf_lm\n\nprocessor\t: 1\nmodel name\t: Other\n", "Intel(R) Xeon(R) Processor", true},
		{"bare", "model name\t: AMD EPYC 9R14\nflags\t\t: fpu hypervisorx sse\n", "AMD EPYC 9R14", false},
		{"arm", "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\n\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n", "Raspberry Pi 4 Model B Rev 1.4", false},
		{"empty", "", "", false},
		{"no colon", "model name Intel\n", "", false},
	} {
		model, virtual := cpuModel(c.text)
		if model != c.model || virtual != c.virtual {
			t.Errorf("%s: got %q %v, want %q %v", c.name, model, virtual, c.model, c.virtual)
		}
	}
}

// TestMachineLine: the parts the files give, in order; none without them.
func TestMachineLine(t *testing.T) {
	proc := t.TempDir()
	if got := machineLine(proc); got != "" {
		t.Errorf("no files: got %q, want nothing", got)
	}
	write := func(name, text string) {
		p := filepath.Join(proc, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("meminfo", "MemTotal:       24576000 kB\nMemFree:  100 kB\n")
	if got, want := machineLine(proc), "machine: 23.4 GiB"; got != want {
		t.Errorf("memory only: got %q, want %q", got, want)
	}
	write("cpuinfo", "model name\t: Intel(R) Xeon(R) Processor\nflags\t: fpu hypervisor\n")
	write("sys/kernel/osrelease", "6.18.44-fc-v1300\n")
	if got, want := machineLine(proc), "machine: Intel(R) Xeon(R) Processor, a virtual machine, 23.4 GiB, Linux 6.18.44-fc-v1300"; got != want {
		t.Errorf("all: got %q, want %q", got, want)
	}
}
