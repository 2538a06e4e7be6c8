package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// k8sObject is what TestKubernetesDoc reads of the manifests in
// docs/kubernetes.md.
type k8sObject struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct{ Name string }
	Spec       struct {
		CompletionMode string   `yaml:"completionMode"`
		Completions    int      `yaml:"completions"`
		Parallelism    int      `yaml:"parallelism"`
		AccessModes    []string `yaml:"accessModes"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Args         []string
					VolumeMounts []struct {
						Name      string
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				}
				Volumes []struct {
					Name                  string
					PersistentVolumeClaim *struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				}
			}
		}
	}
}

// TestKubernetesDoc reads the manifests in docs/kubernetes.md with a
// YAML parser and checks them against each other and against build's
// flags: an Indexed Job whose completions are the N of --shard-count N,
// a gather Job on the same volume and out folder, and every container's
// arguments a command line build accepts.
func TestKubernetesDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "kubernetes.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(doc, -1)
	objs := map[string]k8sObject{}
	for _, b := range blocks {
		var o k8sObject
		dec := yaml.NewDecoder(bytes.NewReader(b[1]))
		dec.KnownFields(false)
		if err := dec.Decode(&o); err != nil {
			t.Fatalf("a yaml block does not parse: %v\n%s", err, b[1])
		}
		objs[o.Kind+"/"+o.Metadata.Name] = o
	}
	pvc, parts, gather := objs["PersistentVolumeClaim/awarekit-out"], objs["Job/awarekit-parts"], objs["Job/awarekit-gather"]
	if !slices.Contains(pvc.Spec.AccessModes, "ReadWriteMany") {
		t.Errorf("the volume is %v; every pod writes it at once, so ReadWriteMany", pvc.Spec.AccessModes)
	}
	if parts.Spec.CompletionMode != "Indexed" || parts.Spec.Completions < 2 || parts.Spec.Parallelism != parts.Spec.Completions {
		t.Errorf("parts job spec %+v", parts.Spec)
	}
	var outs []string
	for _, job := range []k8sObject{parts, gather} {
		if job.APIVersion != "batch/v1" || len(job.Spec.Template.Spec.Containers) != 1 {
			t.Fatalf("job %s: %+v", job.Metadata.Name, job)
		}
		c := job.Spec.Template.Spec.Containers[0]
		claims := map[string]string{}
		for _, v := range job.Spec.Template.Spec.Volumes {
			if v.PersistentVolumeClaim != nil {
				claims[v.Name] = v.PersistentVolumeClaim.ClaimName
			}
		}
		mounted := false
		for _, m := range c.VolumeMounts {
			mounted = mounted || claims[m.Name] == "awarekit-out" && m.MountPath == "/data"
		}
		if !mounted {
			t.Errorf("job %s does not mount the shared volume at /data", job.Metadata.Name)
		}
		// The arguments are a command line that build takes.
		var got *BuildOptions
		f := newFactory(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
		root := newRootCmd(f)
		root.RemoveCommand(root.Commands()...)
		root.AddCommand(newCmdBuild(f, func(o *BuildOptions) error { got = o; return nil }))
		root.SetArgs(append([]string{}, c.Args...))
		t.Setenv(shardIndexEnv, "0")
		if err := root.Execute(); err != nil || got == nil {
			t.Fatalf("job %s: %q: %v", job.Metadata.Name, c.Args, err)
		}
		if !strings.HasPrefix(got.OutDir, "/data/") {
			t.Errorf("job %s writes to %s, not the shared volume", job.Metadata.Name, got.OutDir)
		}
		outs = append(outs, got.OutDir)
		switch job.Metadata.Name {
		case "awarekit-parts":
			if got.Shard.N != parts.Spec.Completions {
				t.Errorf("--shard-count %d, but the job has %d completions", got.Shard.N, parts.Spec.Completions)
			}
		case "awarekit-gather":
			if !slices.Equal(got.Gather, []string{got.OutDir}) {
				t.Errorf("the gather job gathers %q, not the parts' folder %s", got.Gather, got.OutDir)
			}
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("the parts write to %s, the gather reads %s", outs[0], outs[1])
	}
	// The prose says the same N as the manifest.
	n := strconv.Itoa(parts.Spec.Completions)
	if !strings.Contains(string(doc), "Indexed Job](") || !strings.Contains(string(doc), "shard-count "+n) {
		t.Errorf("docs/kubernetes.md does not name --shard-count %s", n)
	}
}
