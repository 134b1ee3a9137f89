// Command qingdan builds a party-building list site. See README.md.
package main

import (
	"os"

	"github.com/qingdan/qingdan/internal/cli"
)

func main() {
	cli.LimitMemory()
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
