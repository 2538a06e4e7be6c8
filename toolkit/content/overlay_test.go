package content

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	lower := fstest.MapFS{
		"youth/audience.yaml":  {Data: []byte("lower")},
		"youth/stories.yaml":   {Data: []byte("lower stories")},
		"health/audience.yaml": {Data: []byte("lower health")},
	}
	upper := fstest.MapFS{
		"youth/stories.yaml": {Data: []byte("upper stories")},
		"club/audience.yaml": {Data: []byte("upper club")},
	}
	o := Overlay{Upper: upper, Lower: lower}
	tests := []struct{ name, want, layer string }{
		{"youth/audience.yaml", "lower", "embedded"},
		{"youth/stories.yaml", "upper stories", "user"},
		{"health/audience.yaml", "lower health", "embedded"},
		{"club/audience.yaml", "upper club", "user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := fs.ReadFile(o, tt.name)
			if err != nil || string(data) != tt.want {
				t.Errorf("ReadFile = %q, %v; want %q", data, err, tt.want)
			}
			if got := o.Layer(tt.name); got != tt.layer {
				t.Errorf("Layer = %s, want %s", got, tt.layer)
			}
		})
	}
	got, err := fs.Glob(o, "*/audience.yaml")
	if err != nil || len(got) != 3 {
		t.Errorf("Glob = %v, %v; want the three audiences of both layers", got, err)
	}
	if _, err := fs.ReadFile(o, "nothing.yaml"); err == nil {
		t.Error("a file in neither layer was found")
	}
	if err := fstest.TestFS(o, "youth/audience.yaml", "youth/stories.yaml", "club/audience.yaml"); err != nil {
		t.Error(err)
	}
}
