package main

import (
	"bufio"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// serving runs serve in-process in dir until the test ends, and returns
// the page's address and the streams.
func serving(t *testing.T, dir string, mod func(*ServeOptions)) (url string, out, errOut *syncBuffer) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	out, errOut = &syncBuffer{}, &syncBuffer{}
	f := newFactory(&IOStreams{Out: out, ErrOut: errOut})
	stop := make(chan struct{})
	ready := make(chan string, 1)
	done := make(chan error, 1)
	cmd := newCmdServe(f, func(o *ServeOptions) error {
		o.Stop = stop
		o.Ready = func(u string) { ready <- u }
		if mod != nil {
			mod(o)
		}
		return serveRun(o)
	})
	cmd.SetArgs([]string{"--dir", dir})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	go func() { done <- cmd.Execute() }()
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("serve ended before serving: %v\n%s", err, errOut.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start in 30 s")
	}
	t.Cleanup(func() {
		close(stop)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve ended with %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop in 30 s")
		}
	})
	return url, out, errOut
}

// syncBuffer is a buffer the server's goroutines may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServe: serve prints its address, serves the form filled from the
// folder's awarekit.yaml, opens the browser when asked, and stops
// cleanly.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ConfigFileName), "organisation:\n  name: \"Eastside Youth Council\"\n  phone: \"416-555-0199\"\n  local:\n    - {label: \"Toronto police, non-emergency\", phone: \"416-555-0100\"}\npaper: a4\nlang: [fr]\nprovince: on\n")
	// The browser is opened after the server says it is ready, on the
	// server's goroutine: the test waits for it (reading a variable the
	// goroutine set failed once at load 17, read before it was set).
	openedCh := make(chan string, 1)
	url, out, errOut := serving(t, dir, func(o *ServeOptions) {
		o.Open = true
		o.OpenURL = func(u string) error { openedCh <- u; return nil }
	})
	var opened string
	select {
	case opened = <-openedCh:
	case <-time.After(30 * time.Second):
		t.Fatal("the browser was not opened in 30 s")
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.TrimSpace(out.String()) != url || opened != url {
		t.Errorf("url %s, stdout %q, opened %q", url, out.String(), opened)
	}
	if !strings.Contains(errOut.String(), "awarekit is serving "+dir) {
		t.Errorf("stderr: %s", errOut.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`value="Eastside Youth Council"`, `value="416-555-0199"`, `id="paper-a4" value="a4" checked`, `id="lang-fr" value="fr" checked`,
		`<option value="on" selected>`, `value="Toronto police, non-emergency"`, `value="416-555-0100"`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("the form is not filled from awarekit.yaml: no %s", want)
		}
	}
}

// TestServeListen: --listen on every address warns that other computers
// can reach the page, and the page still answers at localhost.
func TestServeListen(t *testing.T) {
	dir := t.TempDir()
	url, _, errOut := serving(t, dir, func(o *ServeOptions) { o.Listen = "0.0.0.0" })
	if !strings.Contains(errOut.String(), "warning: serving on 0.0.0.0:") || !strings.Contains(errOut.String(), "network you trust") {
		t.Errorf("no warning:\n%s", errOut.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d", url, resp.StatusCode)
	}
}

// TestServeAgreesWithBuild: a plan saved on the page is built by
// `awarekit build` in a terminal into the same out/, where the page's
// own build writes: the page and the terminal agree.
func TestServeAgreesWithBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a plan")
	}
	dir := t.TempDir()
	url, _, _ := serving(t, dir, nil)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"rows": "1", "r0-audience": "youth", "r0-lang": "fr", "r0-format": "flyer", "r0-copies": "12", "plan-name": "evening.yaml", "action": "save"} {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, url+"workshop", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	r := runCLI(t, dir, "build", "evening.yaml")
	if r.code != exitOK {
		t.Fatalf("awarekit build of the saved plan: exit %d\n%s", r.code, r.stderr)
	}
	m := checkManifest(t, filepath.Join(dir, "out"))
	if len(m.Outputs) != 1 || m.Outputs[0].File != "youth-flyer-fr.pdf" || m.Outputs[0].Copies != 12 {
		t.Errorf("manifest: %+v", m.Outputs)
	}
}

// TestServeInterrupt: Ctrl-C stops the real binary cleanly: it says so
// and exits 0, the normal end of serving.
func TestServeInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	bin := binary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "serve", "--dir", dir)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, ".config"))
	stdout, _ := cmd.StdoutPipe()
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("no address: %v\n%s", err, stderr.String())
	}
	url := strings.TrimSpace(line)
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		cmd.Process.Kill()
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("serve did not stop in 20 s after Ctrl-C")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the page still answers after Ctrl-C")
	}
}

// TestServeSaysFontWarnings: a file of fontconfig's settings that cannot
// be read is said on the terminal once when the page first sets text in
// a script the embedded fonts lack (the search of the machine's fonts),
// as generate and build say it; serve said nothing.
func TestServeSaysFontWarnings(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("fontconfig's settings are read on Linux and the BSDs")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	writeFile(t, conf, "<fontconfig><dir>"+filepath.Join(dir, "myfonts")+"</dir><match></fontconfig>")
	t.Setenv("FONTCONFIG_FILE", conf)
	want := "warning: fontconfig settings file " + conf + " is not well-formed XML"
	stop := make(chan struct{})
	url, _, errOut := serving(t, dir, func(o *ServeOptions) { o.Stop = stop })
	for range 2 {
		resp, err := http.Get(url + "page.png?audience=youth&lang=pa&format=flyer&doc=0&page=1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// The server prints what the search found once the request's handler
	// returns, which can be after the client has read the whole answer
	// (a picture with a length, the connection then closed). Stopping it
	// waits for every handler before it says "stopped": then all is said
	// (it waited up to 10 s for the first warning, and took what was
	// said by then as all).
	close(stop)
	for !strings.Contains(errOut.String(), "\nstopped\n") {
		time.Sleep(5 * time.Millisecond)
	}
	if n := strings.Count(errOut.String(), want); n != 1 {
		t.Errorf("the page said %q %d times, want once:\n%s", want, n, errOut.String())
	}
}
