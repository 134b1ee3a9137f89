package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// machineLine names the machine the figures come from, for the table a
// README keeps with them: the processor as the kernel names it, whether
// the kernel runs under a hypervisor, the memory and the kernel's release
// ("machine: Intel(R) Xeon(R) Processor, a virtual machine, 23.4 GiB,
// Linux 6.18.44"). proc is /proc; a file it cannot read leaves its part
// out, and with none of them the line is empty.
func machineLine(proc string) string {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(proc, name))
		if err != nil {
			return ""
		}
		return string(b)
	}
	var parts []string
	cpu, virtual := cpuModel(read("cpuinfo"))
	if cpu != "" {
		parts = append(parts, cpu)
	}
	if virtual {
		parts = append(parts, "a virtual machine")
	}
	if total := meminfoBytes(read("meminfo"))["MemTotal"]; total > 0 {
		parts = append(parts, fmt.Sprintf("%.1f GiB", float64(total)/(1<<30)))
	}
	if rel := strings.TrimSpace(read(filepath.Join("sys", "kernel", "osrelease"))); rel != "" {
		parts = append(parts, "Linux "+rel)
	}
	if len(parts) == 0 {
		return ""
	}
	return "machine: " + strings.Join(parts, ", ")
}

// cpuModel is the first processor's model name in /proc/cpuinfo's text
// (its "model name", or "Model" where an ARM kernel says no more), and
// whether its flags say the kernel runs under a hypervisor.
func cpuModel(cpuinfo string) (model string, virtual bool) {
	for line := range strings.Lines(cpuinfo) {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch {
		case (key == "model name" || key == "Model") && model == "":
			model = strings.Join(strings.Fields(val), " ")
		case key == "flags" && !virtual:
			virtual = strings.Contains(" "+val+" ", " hypervisor ")
		}
	}
	return model, virtual
}
