module github.com/awarekit/awarekit/toolkit/layout/testdata/zhwords

go 1.26.0

require (
	github.com/awarekit/awarekit v0.0.0
	github.com/go-ego/gse v0.80.3
)

require (
	github.com/nicksnyder/go-i18n/v2 v2.7.0 // indirect
	github.com/pelletier/go-toml/v2 v2.4.3 // indirect
	github.com/vcaesar/cedar v0.20.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/image v0.48.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)

replace github.com/awarekit/awarekit => ../../../..
