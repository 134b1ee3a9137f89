//go:build deps

package main

import (
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/gocarina/gocsv"
	_ "github.com/pelletier/go-toml/v2"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/xuri/excelize/v2"
	_ "github.com/yuin/goldmark"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/collate"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
